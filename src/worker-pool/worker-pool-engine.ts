import { QueueFullError } from '../errors.ts'
import { failureOutcome } from '../outcome.ts'
import type { JobHooks, Pool } from '../pool.ts'
import type { ErrorRecord, Job, Outcome } from '../protocol.ts'
import { JobQueue } from './job-queue.ts'
import { lostOutcome } from './lost-outcome.ts'
import type { PoolEntry } from './pool-entry.ts'
import type { ResolvedPoolOptions } from './pool-options.ts'
import type { WorkerDriver } from './worker-driver.ts'
import { type SlotOwner, WorkerSlot } from './worker-slot.ts'

/** A microtask without Node's `queueMicrotask` cost (an async resource per call). */
const RESOLVED = Promise.resolve()

/**
 * Workers in a row that may die before serving before the pool stops starting
 * more (the guard against respawn loops).
 */
export const START_FAILURE_LIMIT = 3

/** How often the shared start cursors are read while a job's start is unknown, in ms. */
const START_POLL_MS = 4

/** How the engine runs: the pool's options plus what the platform can do. */
export interface EngineConfig extends ResolvedPoolOptions {
  /** Share a start cursor with each worker (needs `SharedArrayBuffer`). */
  sharedMemory: boolean
  /** Names the pool in errors, e.g. `ThreadPool`. */
  name: string
}

/**
 * The platform-free worker pool: a queue, workers started on demand up to
 * `size`, one batch per worker per tick, and the bookkeeping that makes every
 * `run()` settle — on an outcome, an abort, a lost worker or `close()`.
 * `ThreadPool` and `WebWorkerPool` are this engine over a {@link WorkerDriver}.
 */
export class WorkerPoolEngine implements Pool {
  readonly #driver: WorkerDriver<any>
  readonly #config: EngineConfig
  readonly #queue = new JobQueue()
  readonly #entries = new Map<string, PoolEntry>()
  readonly #slots: WorkerSlot[] = []
  readonly #owner: SlotOwner
  /**
   * Workers in a row that died before they served. At the limit, the jobs
   * waiting fail with one clear error, and the pool starts a single worker at a
   * time, only when a new job comes.
   */
  #startFailures = 0
  #dispatchQueued = false
  #closed: Promise<void> | undefined
  #startWatch: ReturnType<typeof setTimeout> | undefined
  #spawned = 0

  constructor(driver: WorkerDriver<any>, config: EngineConfig) {
    this.#driver = driver
    this.#config = config
    this.#owner = {
      finished: (entry, outcome) => this.#settle(entry, outcome),
      progressed: (slot) => this.#progressed(slot),
      connected: () => {
        this.#startFailures = 0
      },
      died: (slot, why, cause) => void this.#retire(slot, `Worker ${slot.id} ${why}`, cause),
    }
  }

  /** Workers running or starting now: none before the first job, at most `size`. */
  get threads(): number {
    return this.#capacity().live
  }

  run(job: Job, hooks?: JobHooks): Promise<Outcome> {
    if (this.#closed) return Promise.resolve(lostOutcome('The pool is closed.'))
    const refused = this.#refuseWhenFull(job)
    if (refused) return Promise.resolve(refused)
    return new Promise<Outcome>((resolve) => {
      const entry: PoolEntry = { job, hooks, resolve, seq: 0, slot: null, settled: false }
      this.#entries.set(job.id, entry)
      this.#queue.push(entry)
      this.#scheduleDispatch()
    })
  }

  abort(jobId: string, reason: ErrorRecord): boolean {
    const entry = this.#entries.get(jobId)
    if (!entry) return false
    const { slot, job } = entry
    const started = slot?.hasStarted(entry) ?? false
    // A job not started yet is only dropped; one running takes its worker down with it.
    if (slot) slot.remove(entry, started ? undefined : reason)
    else this.#queue.forget()
    this.#settle(entry, { status: 'FAILURE', error: reason, traceback: null })
    if (started) {
      const why = `Worker ${slot!.id} was terminated to stop ${job.task}[${job.id}] (${reason.name})`
      void this.#retire(slot!, why)
    } else this.#scheduleDispatch()
    return true
  }

  /** Settle every run (as FAILURE `WorkerLostError`) and stop every worker. */
  close(): Promise<void> {
    this.#closed ??= this.#shutDown()
    return this.#closed
  }

  async #shutDown(): Promise<void> {
    clearTimeout(this.#startWatch)
    const slots = this.#slots.splice(0)
    for (const slot of slots) this.#release(slot, 'The pool was closed while the task ran.')
    const unstarted = lostOutcome('The pool was closed before the task started.')
    for (const entry of this.#queue.drain()) this.#settle(entry, unstarted)
    await Promise.all(slots.map((slot) => slot.stop()))
  }

  #settle(entry: PoolEntry, outcome: Outcome): void {
    if (entry.settled) return
    entry.settled = true
    if (this.#entries.get(entry.job.id) === entry) this.#entries.delete(entry.job.id)
    entry.resolve(outcome)
  }

  #scheduleDispatch(): void {
    if (this.#dispatchQueued) return
    this.#dispatchQueued = true
    RESOLVED.then(this.#dispatch)
  }

  readonly #dispatch = (): void => {
    this.#dispatchQueued = false
    if (this.#closed) return
    this.#spawnAsNeeded()
    // Least loaded first (a stable sort: ties stay with the worker used before).
    this.#slots.sort((a, b) => a.load - b.load)
    let left = this.threads
    for (const slot of this.#slots) {
      if (!slot.accepting) continue
      const share = Math.ceil(this.#queue.length / left--)
      const batch = this.#queue.take(Math.min(share, slot.free))
      if (batch.length === 0 && !slot.needsCall) continue
      clearTimeout(slot.idleTimer)
      slot.idleTimer = undefined
      slot.send(batch)
      // Jobs that could not be posted were settled, or a slot's free places cut its share: the rest go next time.
      if (slot.free > 0 && this.#queue.length > 0) this.#scheduleDispatch()
    }
    this.#watchStarts()
  }

  /** Workers running or starting; jobs they could start at once; workers still loading. */
  #capacity(): { live: number; startable: number; starting: number } {
    let live = 0
    let startable = 0
    let starting = 0
    for (const slot of this.#slots) {
      if (!slot.accepting) continue
      live++
      startable += Math.max(0, this.#config.concurrency - slot.load)
      if (!slot.connected) starting++
    }
    return { live, startable, starting }
  }

  #spawnAsNeeded(): void {
    const { size, minThreads, concurrency } = this.#config
    const { live, startable, starting } = this.#capacity()
    const queued = this.#queue.length
    const tripped = this.#startFailures >= START_FAILURE_LIMIT
    // Grow while jobs could not start at once: sent ahead, they would wait behind others.
    const wanted = live + Math.ceil(Math.max(0, queued - startable) / concurrency)
    let target = Math.min(size, Math.max(tripped ? 0 : minThreads, wanted))
    // Tripped: one worker at a time, and only for a job that waits.
    if (tripped) target = Math.min(target, live + (starting > 0 ? 0 : Math.sign(queued)))
    for (let n = live; n < target; n++) this.#spawn()
  }

  #spawn(): void {
    try {
      this.#slots.push(new WorkerSlot(this.#driver, this.#owner, this.#config, ++this.#spawned))
    } catch (error) {
      this.#startFailed(`A worker could not be created (${String(error)})`, error)
      this.#scheduleDispatch()
    }
  }

  #progressed(slot: WorkerSlot): void {
    if (this.#queue.length > 0 || slot.needsCall) this.#scheduleDispatch()
    const { idleTimeout, minThreads } = this.#config
    if (slot.load > 0 || slot.idleTimer !== undefined || idleTimeout === Number.POSITIVE_INFINITY)
      return
    if (this.threads > minThreads) {
      slot.idleTimer = unrefTimer(setTimeout(() => this.#idle(slot), idleTimeout))
    }
  }

  #idle(slot: WorkerSlot): void {
    slot.idleTimer = undefined
    if (slot.load === 0 && this.threads > this.#config.minThreads) void this.#retire(slot, '')
  }

  /** Stop a worker; then fail the jobs that had begun there and queue again those that had not. */
  async #retire(slot: WorkerSlot, why: string, cause?: unknown): Promise<void> {
    if (!slot.accepting) return
    await slot.stop()
    const index = this.#slots.indexOf(slot)
    // Not there: close() took it.
    if (index < 0) return
    this.#slots.splice(index, 1)
    this.#release(slot, `${why}; the task had started there.`, cause)
    if (!slot.connected && why) this.#startFailed(why, cause)
    this.#scheduleDispatch()
  }

  /**
   * Take back a stopped worker's jobs: those begun there fail as lost, the
   * others wait again, first in line.
   */
  #release(slot: WorkerSlot, lost: string, cause?: unknown): void {
    clearTimeout(slot.idleTimer)
    const outcome = lostOutcome(lost, cause)
    const { started, unstarted } = slot.takeAll()
    for (const entry of started) this.#settle(entry, outcome)
    this.#queue.requeue(unstarted)
  }

  /** A worker died before it served: at the limit, the jobs waiting fail instead of spinning. */
  #startFailed(why: string, cause: unknown): void {
    if (++this.#startFailures < START_FAILURE_LIMIT) return
    const outcome = lostOutcome(
      `${why} before it could serve: ${this.#startFailures} workers in a row failed to start from ${this.#driver.describe}. Check that it loads and calls serve(app); the next run() tries again.`,
      cause,
    )
    for (const entry of this.#queue.drain()) this.#settle(entry, outcome)
  }

  /**
   * FAILURE `QueueFullError` when `maxQueue` jobs already wait beyond those a
   * worker (running or yet to start) could begin now.
   */
  #refuseWhenFull(job: Job): Outcome | undefined {
    const { maxQueue, size, concurrency, name } = this.#config
    const queued = this.#queue.length
    if (queued < maxQueue) return undefined
    const { live, startable } = this.#capacity()
    if (queued - startable - (size - live) * concurrency < maxQueue) return undefined
    return failureOutcome(
      new QueueFullError(
        `${name}: ${job.task}[${job.id}] was not queued: maxQueue: ${maxQueue} jobs already wait. Raise maxQueue or size, or send fewer tasks at once.`,
      ),
    )
  }

  /** Where workers share a start cursor, read it while a job's start is unknown (a body may block). */
  #watchStarts(): void {
    if (this.#startWatch !== undefined || !this.#slots.some((slot) => slot.awaitingStart)) return
    this.#startWatch = unrefTimer(
      setTimeout(() => {
        this.#startWatch = undefined
        for (const slot of this.#slots) slot.pollStarted()
        this.#watchStarts()
      }, START_POLL_MS),
    )
  }
}

/** Timers of the pool never keep a Node process alive on their own. */
function unrefTimer<T>(timer: T): T {
  ;(timer as { unref?: () => void }).unref?.()
  return timer
}
