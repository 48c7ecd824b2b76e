import { transfer } from 'comlink'
import { fromErrorRecord } from '../error-record.ts'
import { executeJob, type TaskLookup } from '../execute.ts'
import { LazyAbort } from '../lazy-abort.ts'
import type { Job, Outcome, StateUpdate } from '../protocol.ts'
import {
  type BatchReply,
  type CancelOrder,
  JOB_FIELDS,
  type JobBatch,
  packOutcome,
  START_NOTICE,
  type StartNotice,
  unpackJob,
  type WorkerApi,
  type WorkerSetup,
} from './wire.ts'

/** What the runner needs from the thread it runs in. */
export interface RunnerIo {
  /** Post a one-way notice to the pool (outside comlink). */
  post(notice: StartNotice): void
  /** Run `fn` once the current task and its microtasks are done. */
  defer(fn: () => void): void
}

/**
 * The worker side of the pool: holds the jobs sent to this worker, runs up to
 * `concurrency` bodies at once in order, and answers the oldest call it holds
 * with everything finished since the last answer — at once when it runs dry,
 * after `flushAt` outcomes, or at the end of the current task otherwise.
 */
export class JobRunner implements WorkerApi {
  readonly #lookup: TaskLookup
  readonly #io: RunnerIo
  /** Given by `connect()`, the pool's first call. */
  #setup!: WorkerSetup
  /** Batches with jobs not started yet, oldest first (a few at most: plain arrays suffice). */
  readonly #inbox: JobBatch[] = []
  /** Index in the first batch of the inbox of its next job to start. */
  #next = 0
  #startedThrough = 0
  readonly #running = new Map<number, LazyAbort>()
  #dropped: Set<number> | undefined
  readonly #calls: ((reply: BatchReply) => void)[] = []
  /** What the next answer carries. */
  #reply: BatchReply = newReply()
  #transfer: Transferable[] | undefined
  #flushDeferred = false

  constructor(lookup: TaskLookup, io: RunnerIo) {
    this.#lookup = lookup
    this.#io = io
  }

  connect(setup: WorkerSetup): void {
    this.#setup = setup
  }

  run(batch: JobBatch): Promise<BatchReply> {
    const reply = new Promise<BatchReply>((resolve) => this.#calls.push(resolve))
    if (batch.cancel) for (const order of batch.cancel) this.#cancel(order)
    if (batch.jobs.length > 0) this.#inbox.push(batch)
    this.#pump()
    this.#scheduleFlush()
    return reply
  }

  #pump(): void {
    while (this.#inbox.length > 0 && this.#running.size < this.#setup.concurrency) {
      const head = this.#inbox[0]
      const index = this.#next++
      const seq = head.seq + index
      if (this.#next * JOB_FIELDS === head.jobs.length) {
        this.#inbox.shift()
        this.#next = 0
      }
      this.#startedThrough = seq
      const shared = this.#setup.started
      if (shared) Atomics.store(shared, 0, seq)
      if (this.#dropped?.delete(seq)) continue
      this.#start(seq, unpackJob(head.jobs, index))
    }
  }

  #start(seq: number, job: Job): void {
    if (!this.#setup.started) this.#io.post({ [START_NOTICE]: seq })
    const abort = new LazyAbort()
    this.#running.set(seq, abort)
    // Only a bound body can report progress: the others need no callback made for them.
    const onUpdate = this.#lookup(job.task)?.options.bind
      ? (update: StateUpdate) => this.#update(seq, update)
      : undefined
    executeJob(this.#lookup, job, { abort, onUpdate }).then((outcome) => this.#finish(seq, outcome))
  }

  #finish(seq: number, outcome: Outcome): void {
    this.#running.delete(seq)
    this.#reply.done.push(seq)
    packOutcome(this.#reply, outcome)
    if (outcome.status === 'SUCCESS' && outcome.transfer) {
      this.#transfer ??= []
      this.#transfer.push(...outcome.transfer)
    }
    this.#pump()
    this.#scheduleFlush()
  }

  #update(seq: number, update: StateUpdate): void {
    if (!this.#running.has(seq)) return
    const reply = this.#reply
    reply.updated ??= []
    reply.updates ??= []
    reply.updated.push(seq)
    reply.updates.push(update)
    this.#scheduleFlush()
  }

  /** Drop a job not started yet; abort the signal of one running (its outcome is ignored). */
  #cancel(order: CancelOrder): void {
    if (order.seq <= this.#startedThrough) {
      this.#running.get(order.seq)?.abort(fromErrorRecord(order.reason))
      return
    }
    this.#dropped ??= new Set()
    this.#dropped.add(order.seq)
  }

  /**
   * Answer at once when the worker runs dry or `flushAt` outcomes wait; else
   * at the end of the current task.
   */
  #scheduleFlush(): void {
    const { done, updated } = this.#reply
    if (
      (this.#running.size === 0 && this.#inbox.length === 0) ||
      done.length >= this.#setup.flushAt
    ) {
      this.#flush()
    } else if ((done.length > 0 || updated) && !this.#flushDeferred) {
      this.#flushDeferred = true
      this.#io.defer(this.#flushLater)
    }
  }

  readonly #flushLater = (): void => {
    this.#flushDeferred = false
    this.#flush()
  }

  /** Answer the oldest call held with everything to report; without a call, wait for one. */
  #flush(): void {
    const reply = this.#reply
    if (this.#calls.length === 0 || (reply.done.length === 0 && !reply.updated)) return
    const moved = this.#transfer
    this.#reply = newReply()
    this.#transfer = undefined
    reply.started = this.#startedThrough
    this.#calls.shift()!(moved ? transfer(reply, moved) : reply)
  }
}

function newReply(): BatchReply {
  return { started: 0, done: [], kinds: '', values: [] }
}
