/**
 * What crosses between a worker pool and its workers. Calls go main → worker
 * through comlink; each call's reply carries what the worker has to report, so
 * outcomes travel back batched on the same round trip. Jobs and outcomes are
 * packed into flat arrays: structured clone writes every property name of every
 * object, and on a batch of small jobs that was most of the cost.
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
  /** {@link JOB_FIELDS} values per job, one job after another. */
  jobs: unknown[]
  cancel?: CancelOrder[]
}

/** What a worker reports: the answer to the oldest call it still holds. */
export interface BatchReply {
  /** Every job numbered up to this has started (or was dropped). */
  started: number
  /** Seqs of finished jobs. */
  done: number[]
  /** Per finished job: `S` when its value is a bare SUCCESS value, `O` for a whole outcome. */
  kinds: string
  values: unknown[]
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

/** The fields of a job on the wire, in order; `rootId` is null when it equals `id`. */
export const JOB_FIELDS = 9

/** Append a job's fields to a batch (its transfer list travels with the message). */
export function packJob(packed: unknown[], job: Job): void {
  packed.push(
    job.id,
    job.task,
    job.args,
    job.retries,
    job.parentId,
    job.rootId === job.id ? null : job.rootId,
    job.groupId,
    job.softTimeLimit,
    job.maxRetries,
  )
}

/** The job at `index` of a batch (`maxRetries` undefined if it had none: the same to a body). */
export function unpackJob(packed: unknown[], index: number): Job {
  const at = index * JOB_FIELDS
  const id = packed[at] as string
  return {
    id,
    task: packed[at + 1] as string,
    args: packed[at + 2] as unknown[],
    retries: packed[at + 3] as number,
    parentId: packed[at + 4] as string | null,
    rootId: (packed[at + 5] as string | null) ?? id,
    groupId: packed[at + 6] as string | null,
    softTimeLimit: packed[at + 7] as number | null,
    maxRetries: packed[at + 8] as number | null | undefined,
  }
}

/** Append an outcome to a reply. */
export function packOutcome(reply: BatchReply, outcome: Outcome): void {
  const bare = outcome.status === 'SUCCESS' && !outcome.transfer
  reply.kinds += bare ? 'S' : 'O'
  reply.values.push(bare ? outcome.value : outcome)
}

/** The outcome at `index` of a reply. */
export function unpackOutcome(reply: BatchReply, index: number): Outcome {
  const value = reply.values[index]
  return reply.kinds.charCodeAt(index) === 83 /* S */
    ? { status: 'SUCCESS', value }
    : (value as Outcome)
}
