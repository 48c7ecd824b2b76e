import type { IDBPTransaction } from 'idb'
import { type StoredRecord, toStoredRecord } from '../src/codec.ts'
import type { ChordPart, ResultRecord } from '../src/protocol.ts'
import { cloneError } from './idb-errors.ts'
import {
  type CeleriacDb,
  type CeleriacDbSchema,
  type ChordRow,
  groupParts,
  type ResultRow,
  type StoreName,
} from './idb-schema.ts'
import type { Settled } from './tick-batcher.ts'

/** One write, as queued by the backend. */
export type WriteOp =
  | { kind: 'store'; record: ResultRecord }
  | { kind: 'forget'; id: string }
  | { kind: 'chord'; groupId: string; size: number; part: ChordPart }
  | { kind: 'purge' }

/**
 * What a write came to: `store` → whether it was written, `chord` → the parts or
 * null, `purge` → how many expired results were deleted.
 */
export type WriteResult = boolean | ChordPart[] | null | number | undefined

/** A record this batch wrote: the caller's object, and the form that was stored. */
export interface Written {
  record: ResultRecord
  stored: StoredRecord
}

export interface BatchOutcome {
  settled: Settled<WriteResult>[]
  written: Written[]
}

type Tx = IDBPTransaction<CeleriacDbSchema, StoreName[], 'readwrite'>

interface ChordState {
  row: ChordRow | undefined
  indexes: Set<number>
}

/** The rows the batch touches, as they stand, updated as each op is applied in order. */
interface View {
  results: Map<string, ResultRow | undefined>
  chords: Map<string, ChordState>
  /** Expired keys, when the batch purges. */
  expired: { results: string[]; chords: string[] } | null
}

interface Batch {
  tx: Tx
  view: View
  now: number
  ttl: number
  /** Every request issued: awaited together with `tx.done`, so none rejects unhandled. */
  requests: Promise<unknown>[]
  written: Written[]
}

export interface BatchOptions {
  /** Ms a record lives (`Infinity`: forever). */
  ttl: number
  durability: IDBTransactionDurability
  /** Also delete expired rows in this transaction (as a `purge` op does). */
  purge: boolean
}

/**
 * Apply `ops`, in order, in ONE readwrite transaction: read every row they touch,
 * decide each op against that view (a stored SUCCESS stays; a chord completes
 * once), issue all writes, then wait for the commit. Atomic across tabs: other
 * readwrite transactions over these stores wait for this one.
 * @throws the native error when the transaction fails: then nothing of it is stored
 */
export async function commitBatch(
  db: CeleriacDb,
  ops: WriteOp[],
  options: BatchOptions,
): Promise<BatchOutcome> {
  const purge = options.purge || ops.some((op) => op.kind === 'purge')
  const tx = db.transaction(storesOf(ops, purge), 'readwrite', {
    durability: options.durability,
  })
  tx.done.catch(() => {}) // awaited below unless a read fails first; never unhandled
  const now = Date.now()
  const view = await readView(tx, ops, purge ? now : null)
  const batch: Batch = { tx, view, now, ttl: options.ttl, requests: [], written: [] }
  let applied: Applied[]
  try {
    const purged = deleteExpired(batch)
    applied = ops.map((op) => (op.kind === 'purge' ? settledValue(purged) : apply(batch, op)))
  } catch (error) {
    abandon(batch)
    throw error
  }
  await Promise.all([...batch.requests, tx.done])
  // Chord completions read their parts inside the transaction: settled by now.
  const settled = await Promise.all(
    applied.map(async (result) =>
      result.ok ? { ok: true as const, value: await result.value } : result,
    ),
  )
  return { settled, written: batch.written }
}

/** Roll back a batch that failed half-way: none of it may commit. */
function abandon({ tx, requests }: Batch): void {
  Promise.allSettled(requests) // they reject with AbortError: expected
  try {
    tx.abort()
  } catch {
    // Already finished or aborted: nothing left to roll back.
  }
}

function storesOf(ops: WriteOp[], purge: boolean): StoreName[] {
  const chords = purge || ops.some((op) => op.kind === 'chord')
  const results = purge || ops.some((op) => op.kind === 'store' || op.kind === 'forget')
  return [
    ...(results ? (['results'] as const) : []),
    ...(chords ? (['chords', 'chord_parts'] as const) : []),
  ]
}

async function readView(tx: Tx, ops: WriteOp[], purgeAt: number | null): Promise<View> {
  const reads: Promise<unknown>[] = []
  const view: View = { results: new Map(), chords: new Map(), expired: null }
  if (purgeAt !== null) reads.push(readExpired(tx, purgeAt, view))
  for (const op of ops) {
    if (op.kind === 'store' && !view.results.has(op.record.task_id)) {
      const id = op.record.task_id
      view.results.set(id, undefined)
      reads.push(
        tx
          .objectStore('results')
          .get(id)
          .then((row) => view.results.set(id, row)),
      )
    } else if (op.kind === 'chord' && !view.chords.has(op.groupId)) {
      const state: ChordState = { row: undefined, indexes: new Set() }
      view.chords.set(op.groupId, state)
      reads.push(readChord(tx, op.groupId, state))
    }
  }
  await Promise.all(reads)
  return view
}

async function readExpired(tx: Tx, now: number, view: View): Promise<void> {
  const range = IDBKeyRange.upperBound(now)
  const [results, chords] = await Promise.all([
    tx.objectStore('results').index('by-expires').getAllKeys(range),
    tx.objectStore('chords').index('by-expires').getAllKeys(range),
  ])
  view.expired = { results, chords }
}

/** Delete the expired rows found by the view; how many results that was. */
function deleteExpired({ tx, view, requests }: Batch): number {
  if (!view.expired) return 0
  for (const id of view.expired.results) requests.push(tx.objectStore('results').delete(id))
  for (const groupId of view.expired.chords) {
    requests.push(tx.objectStore('chords').delete(groupId))
    requests.push(tx.objectStore('chord_parts').delete(groupParts(groupId)))
  }
  return view.expired.results.length
}

function settledValue(value: WriteResult): Applied {
  return { ok: true, value }
}

async function readChord(tx: Tx, groupId: string, state: ChordState): Promise<void> {
  const [row, keys] = await Promise.all([
    tx.objectStore('chords').get(groupId),
    tx.objectStore('chord_parts').getAllKeys(groupParts(groupId)),
  ])
  state.row = row
  for (const [, index] of keys) state.indexes.add(index)
}

type Applied = Settled<WriteResult | Promise<WriteResult>>

/** Issue one op's writes. A write that throws at once (cannot be cloned) fails that op alone. */
function apply(batch: Batch, op: Exclude<WriteOp, { kind: 'purge' }>): Applied {
  if (op.kind === 'store') return applyStore(batch, op.record)
  if (op.kind === 'forget') {
    batch.requests.push(batch.tx.objectStore('results').delete(op.id))
    batch.view.results.set(op.id, undefined)
    return { ok: true, value: undefined }
  }
  return applyChordPart(batch, op.groupId, op.size, op.part)
}

function applyStore(batch: Batch, record: ResultRecord): Applied {
  const id = record.task_id
  const current = batch.view.results.get(id)
  if (current && current.expires > batch.now && current.record.status === 'SUCCESS') {
    return { ok: true, value: false }
  }
  const row: ResultRow = { expires: batch.now + batch.ttl, record: toStoredRecord(record) }
  try {
    batch.requests.push(batch.tx.objectStore('results').put(row, id))
  } catch (error) {
    return { ok: false, error: cloneError(error, `The record of task ${id}`) }
  }
  batch.view.results.set(id, row)
  batch.written.push({ record, stored: row.record })
  return { ok: true, value: true }
}

function applyChordPart(batch: Batch, groupId: string, size: number, part: ChordPart): Applied {
  const { tx, requests } = batch
  const state = batch.view.chords.get(groupId)!
  if (!state.row || state.row.expires <= batch.now) startChord(batch, groupId, size, state)
  if (state.row!.done || state.indexes.has(part.index)) return { ok: true, value: null }
  try {
    requests.push(tx.objectStore('chord_parts').put(part, [groupId, part.index]))
  } catch (error) {
    return { ok: false, error: cloneError(error, `Chord part ${part.index} of group ${groupId}`) }
  }
  state.indexes.add(part.index)
  if (state.indexes.size < size) return { ok: true, value: null }
  state.row = { ...state.row!, done: true }
  // Requests run in the order issued: this read sees every part put above.
  const parts = tx.objectStore('chord_parts').getAll(groupParts(groupId))
  requests.push(parts, tx.objectStore('chords').put(state.row, groupId))
  requests.push(tx.objectStore('chord_parts').delete(groupParts(groupId)))
  return { ok: true, value: parts }
}

function startChord(batch: Batch, groupId: string, size: number, state: ChordState): void {
  if (state.indexes.size > 0) {
    batch.requests.push(batch.tx.objectStore('chord_parts').delete(groupParts(groupId)))
  }
  state.row = { size, done: false, expires: batch.now + batch.ttl }
  state.indexes.clear()
  batch.requests.push(batch.tx.objectStore('chords').put(state.row, groupId))
}
