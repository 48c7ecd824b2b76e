import { unwrap, wrap } from 'idb'
import { fromStoredRecord, type StoredRecord, toStoredRecord } from '../src/codec.ts'
import { EncodeError } from '../src/errors.ts'
import type { ChordPart, ResultRecord } from '../src/protocol.ts'
import { type CeleriacDb, type ChordRow, groupParts, type ResultRow } from './idb-schema.ts'
import type { Pending } from './tick-batcher.ts'

/** One operation, as queued by the backend. */
export type Op =
  | { kind: 'get'; id: string }
  | { kind: 'store'; id: string; record: ResultRecord }
  | { kind: 'forget'; id: string }
  | { kind: 'chord'; groupId: string; size: number; part: ChordPart }
  | { kind: 'purge' }

/**
 * A queued operation. `get` resolves with the record or null, `chord` with the
 * parts or null, `purge` with how many results it deleted.
 */
export type PendingOp = Pending<Op, unknown>

/** How a batch runs. */
export interface BatchOptions {
  /** Ms a record lives (`Infinity`: forever). */
  ttl: number
  durability: IDBTransactionDurability
  /** Also delete the expired rows (as a `purge` op does). */
  purge: boolean
  /** Told of the records written, once committed and before any caller is settled. */
  committed(stored: StoredRecord[]): void
}

/** A chord's counter and the part indexes it holds, as the batch leaves them. */
interface Counter {
  row: ChordRow | undefined
  indexes: Set<number>
}

interface Batch {
  results: IDBObjectStore
  chords: IDBObjectStore
  parts: IDBObjectStore
  now: number
  ttl: number
  /** The result rows the batch touches, as they stand, updated as each op is applied in order. */
  rows: Map<string, ResultRow | undefined>
  counters: Map<string, Counter>
  /** The records written, in the form that was stored. */
  stored: StoredRecord[]
}

/**
 * Run `batch` in ONE transaction, readonly when it neither writes nor purges: read
 * every row it touches (and, with `purge` or a `purge` op, delete the expired ones
 * first), apply each op in order to that view (a get sees the writes before it; a
 * stored SUCCESS stays; a chord completes once), issue the writes, and settle every
 * op once the transaction has committed. The transaction spans every store, so it
 * is atomic across tabs: other readwrite transactions wait for this one. Writes go to the plain stores,
 * as in idb-keyval: a failed one fails the transaction, so only its outcome is
 * awaited. A value that cannot be cloned fails its own op alone, with `EncodeError`.
 * @throws the native error when the transaction fails: then nothing of it is stored
 */
export async function runBatch(
  db: CeleriacDb,
  batch: PendingOp[],
  options: BatchOptions,
): Promise<void> {
  const ops = batch.map((entry) => entry.op)
  const purge = options.purge || ops.some((op) => op.kind === 'purge')
  const writes = purge || ops.some((op) => op.kind !== 'get')
  const tx = unwrap(db).transaction(
    ['results', 'chords', 'chord_parts'],
    writes ? 'readwrite' : 'readonly',
    { durability: options.durability },
  )
  const committed = wrap(tx).done
  committed.catch(() => {}) // awaited below unless a read fails first; never unhandled
  const b: Batch = {
    results: tx.objectStore('results'),
    chords: tx.objectStore('chords'),
    parts: tx.objectStore('chord_parts'),
    now: Date.now(),
    ttl: options.ttl,
    rows: new Map(),
    counters: new Map(),
    stored: [],
  }
  let settlers: (() => void)[]
  try {
    const purged = await readView(b, ops, purge)
    settlers = batch.map((entry) => applyEntry(b, entry, purged))
  } catch (error) {
    abort(tx)
    throw error
  }
  await committed
  options.committed(b.stored)
  for (const settle of settlers) settle()
}

function abort(tx: IDBTransaction): void {
  try {
    tx.abort()
  } catch {
    // Already finished or aborted: nothing left to roll back.
  }
}

/** Read what `ops` touch into the view; resolves with how many expired results were deleted. */
async function readView(b: Batch, ops: Op[], purge: boolean): Promise<number> {
  const reads: Promise<unknown>[] = []
  for (const op of ops) {
    if ((op.kind === 'get' || op.kind === 'store') && !b.rows.has(op.id)) {
      const id = op.id
      b.rows.set(id, undefined)
      reads.push(wrap(b.results.get(id)).then((row) => b.rows.set(id, row)))
    } else if (op.kind === 'chord' && !b.counters.has(op.groupId)) {
      const counter: Counter = { row: undefined, indexes: new Set() }
      b.counters.set(op.groupId, counter)
      reads.push(readCounter(b, op.groupId, counter))
    }
  }
  const [purged] = await Promise.all([purge ? deleteExpired(b) : 0, ...reads])
  return purged
}

async function readCounter(b: Batch, groupId: string, counter: Counter): Promise<void> {
  const [row, keys] = await Promise.all([
    wrap(b.chords.get(groupId)),
    wrap(b.parts.getAllKeys(groupParts(groupId))),
  ])
  counter.row = row
  for (const [, index] of keys as [string, number][]) counter.indexes.add(index)
}

/**
 * Delete every expired row, ahead of the batch's own writes; how many results
 * that was. Rows read for the view may be among them: they read as expired there.
 */
async function deleteExpired(b: Batch): Promise<number> {
  const range = IDBKeyRange.upperBound(b.now)
  const [results, chords] = await Promise.all([
    wrap(b.results.index('by-expires').getAllKeys(range)),
    wrap(b.chords.index('by-expires').getAllKeys(range)),
  ])
  for (const id of results) b.results.delete(id)
  for (const groupId of chords as string[]) {
    b.chords.delete(groupId)
    b.parts.delete(groupParts(groupId))
  }
  return results.length
}

/** The record of `id` in the view, decoded for this caller alone; null when absent or expired. */
function liveRecord(b: Batch, id: string): ResultRecord | null {
  const row = b.rows.get(id)
  return row && row.expires > b.now ? fromStoredRecord(row.record) : null
}

/**
 * Apply one op; returns what settles its caller once the batch has committed. A
 * get whose row cannot be read back, or a write IndexedDB cannot clone
 * (`DataCloneError`, thrown at once), fails that op alone; anything else thrown
 * (the transaction is gone) fails the batch.
 */
function applyEntry(b: Batch, { op, resolve, reject }: PendingOp, purged: number): () => void {
  try {
    const value = op.kind === 'purge' ? purged : apply(b, op)
    // A completed chord's parts: read in the transaction, there once it has committed.
    return () => resolve(value instanceof IDBRequest ? value.result : value)
  } catch (error) {
    if (op.kind === 'get') return () => reject(error)
    if ((error as Error)?.name !== 'DataCloneError') throw error
    const what =
      op.kind === 'chord'
        ? `chord part ${op.part.index} of group ${op.groupId}`
        : `record of task ${(op as { id: string }).id}`
    const failure = new EncodeError(
      `The ${what} cannot be stored: it does not survive structured clone`,
      { cause: error },
    )
    return () => reject(failure)
  }
}

/** Apply one op to the view and issue its writes; what its caller gets. */
function apply(b: Batch, op: Exclude<Op, { kind: 'purge' }>): unknown {
  if (op.kind === 'get') return liveRecord(b, op.id)
  if (op.kind === 'store') return store(b, op.record)
  if (op.kind === 'chord') return addPart(b, op.groupId, op.size, op.part)
  b.results.delete(op.id)
  b.rows.set(op.id, undefined)
}

function store(b: Batch, record: ResultRecord): void {
  const id = record.task_id
  const current = b.rows.get(id)
  if (current && current.expires > b.now && current.record.status === 'SUCCESS') return
  const row: ResultRow = { expires: b.now + b.ttl, record: toStoredRecord(record) }
  b.results.put(row, id)
  b.rows.set(id, row)
  b.stored.push(row.record)
}

/** Count `part`; for the part that completes the chord, the request reading all its parts. */
function addPart(b: Batch, groupId: string, size: number, part: ChordPart) {
  const counter = b.counters.get(groupId)!
  if (!counter.row || counter.row.expires <= b.now) {
    // New, or expired: count from zero.
    b.parts.delete(groupParts(groupId))
    counter.indexes.clear()
    counter.row = { size, done: false, expires: b.now + b.ttl }
    b.chords.put(counter.row, groupId)
  }
  if (counter.row.done || counter.indexes.has(part.index)) return null
  b.parts.put(part, [groupId, part.index])
  counter.indexes.add(part.index)
  if (counter.indexes.size < size) return null
  counter.row.done = true
  b.chords.put(counter.row, groupId)
  // Requests run in the order issued: this read sees every part put above.
  const parts = b.parts.getAll(groupParts(groupId))
  b.parts.delete(groupParts(groupId))
  return parts
}
