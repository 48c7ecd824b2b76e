import { fromStoredRecord } from '../src/codec.ts'
import type { ResultRecord } from '../src/protocol.ts'
import type { CeleriacDb, ResultRow } from './idb-schema.ts'
import type { Settled } from './tick-batcher.ts'

/**
 * Read the records of `ids` in ONE readonly transaction, one outcome per id in
 * order: the record, or null when absent or expired. An id asked for twice is read
 * once but decoded for each, so no two callers share a mutable object.
 * @throws the native error when the transaction fails: every read of it fails
 */
export async function readBatch(
  db: CeleriacDb,
  ids: string[],
): Promise<Settled<ResultRecord | null>[]> {
  const tx = db.transaction('results', 'readonly')
  const rows = new Map<string, Promise<ResultRow | undefined>>()
  for (const id of ids) if (!rows.has(id)) rows.set(id, tx.store.get(id))
  const [found] = await Promise.all([Promise.all(rows.values()), tx.done])
  const byId = new Map([...rows.keys()].map((id, i) => [id, found[i]]))
  const now = Date.now()
  return ids.map((id) => {
    const row = byId.get(id)
    return { ok: true, value: row && row.expires > now ? fromStoredRecord(row.record) : null }
  })
}
