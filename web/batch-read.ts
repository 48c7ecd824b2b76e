import { unwrap, wrap } from 'idb'
import { fromStoredRecord } from '../src/codec.ts'
import type { ResultRecord } from '../src/protocol.ts'
import type { CeleriacDb, ResultRow } from './idb-schema.ts'
import type { Pending } from './tick-batcher.ts'

/**
 * Read the records of `batch` in ONE readonly transaction and resolve each entry
 * with its record, or null when absent or expired. Only the transaction is awaited:
 * every read has its result once it completes. An id asked for twice is read once
 * but decoded for each, so no two callers share a mutable object.
 * @throws the native error when the transaction fails: every read of it fails
 */
export async function readBatch(
  db: CeleriacDb,
  batch: Pending<string, ResultRecord | null>[],
): Promise<void> {
  const tx = unwrap(db).transaction('results')
  const results = tx.objectStore('results')
  const rows = new Map<string, IDBRequest<ResultRow | undefined>>()
  for (const { op: id } of batch) if (!rows.has(id)) rows.set(id, results.get(id))
  await wrap(tx).done
  const now = Date.now()
  for (const { op: id, resolve } of batch) {
    const row = rows.get(id)!.result
    resolve(row && row.expires > now ? fromStoredRecord(row.record) : null)
  }
}
