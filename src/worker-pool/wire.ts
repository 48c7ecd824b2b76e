/**
 * What crosses between a worker pool and its workers. Calls go main → worker
 * through comlink; each call's reply carries what the worker has to report, so
 * outcomes travel back batched on the same round trip. All plain data.
 */
import type { ErrorRecord, Job, Outcome, StateUpdate } from '../protocol.ts'

/** Sent once to a new worker, before any batch. */
export interface WorkerSetup {
  /** Bodies the worker runs at once; the rest of what it holds waits in its inbox. */
  concurrency: number
  /** Report as soon as this many outcomes wait, not only when the worker runs dry. */
  flushAt: number
  /**
   * Shared start cursor: the worker stores the seq of each job as its body starts,
   * so the pool sees a body that blocks the thread. Null: the worker posts a
   * {@link StartNotice} instead (where memory cannot be shared).
   */
  started: Int32Array | null
}

/** A job the pool no longer wants: dropped if not started, its signal aborted if running. */
export interface CancelOrder {
  seq: number
  reason: ErrorRecord
}

/**
 * One call per worker per tick: every job queued for that worker, numbered
 * `seq`, `seq + 1`, … in the order the worker must start them.
 */
export interface JobBatch {
  seq: number
  jobs: Job[]
  cancel?: CancelOrder[]
}

/** What a worker reports: the answer to the oldest call it still holds. */
export interface BatchReply {
  /** Every job numbered up to this has started (or was dropped). */
  started: number
  /** Seqs of finished jobs, with their outcomes at the same index. */
  done: number[]
  outcomes: Outcome[]
  /** Seqs of `ctx.updateState` reports, with the updates at the same index, in order. */
  updated?: number[]
  updates?: StateUpdate[]
}

/** What `serveEndpoint` exposes over comlink. */
export interface WorkerApi {
  connect(setup: WorkerSetup): void
  /** Queue the batch; resolves with the next report (for any job, not only these). */
  run(batch: JobBatch): Promise<BatchReply>
}

/** Key of the one-way notice a worker posts, outside comlink, as a body starts. */
export const START_NOTICE = 'celeriacStarted'

/** Posted raw (no comlink id, so comlink passes it by) when memory cannot be shared. */
export interface StartNotice {
  [START_NOTICE]: number
}
