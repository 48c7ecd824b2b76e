import { toErrorRecord } from '../error-record.ts'
import { failureOutcome } from '../outcome.ts'
import type { JobHooks, Pool } from '../pool.ts'
import type { ErrorRecord, Job, Outcome } from '../protocol.ts'
import { JobQueue } from './job-queue.ts'
import { lostOutcome } from './lost-outcome.ts'
import type { PoolEntry } from './pool-entry.ts'
import type { ResolvedPoolOptions } from './pool-options.ts'
import { QueueFullError } from './queue-full-error.ts'
import { StartGuard } from './start-guard.ts'
import type { WorkerDriver } from './worker-driver.ts'
import { type SlotOwner, WorkerSlot } from './worker-slot.ts'

/** A microtask without Node's `queueMicrotask` cost (an async resource per call). */
const RESOLVED = Promise.resolve()

/** How the engine runs: the pool's options plus what the platform can do. */
export interface EngineConfig extends ResolvedPoolOptions {
  /** Share a start cursor with each worker (needs `SharedArrayBuffer`). */
  sharedMemory: boolean
  /** Names the pool in errors, e.g. `ThreadPool`. */
  name: string
}

/** How often the shared start cursors are read while a job's start is unknown, in ms. */
const START_POLL_MS = 4

/**
 * The platform-free worker pool: a queue, workers started on demand up to
 * `size`, one batch per worker per tick, and the bookkeeping that makes every
 * `run()` settle — on an outcome, an abort, a lost worker or `close()`.
 * `ThreadPool` and `WebWorkerPool` are this engine plus a {@link WorkerDriver}.
 */
export class WorkerPoolEngine implements Pool {
  readonly #driver: WorkerDriver<any>
  readonly #config: EngineConfig
  readonly #queue = new JobQueue()
  readonly #entries = new Map<string, PoolEntry>()
  readonly #slots: WorkerSlot[] = []
  readonly #guard: StartGuard
  readonly #owner: SlotOwner
  #dispatchQueued = false
  #inUse = false
  #closed: Promise<void> | undefined
  #startWatch: ReturnType<typeof setTimeout> | undefined
  #spawned = 0

  constructor(driver: WorkerDriver<any>, config: EngineConfig) {
    this.#driver = driver
    this.#config = config
    this.#guard = new StartGuard(driver.describe)
    this.#owner = {
      finished: (entry, outcome) => this.#settle(entry, outcome),
      progressed: (slot) => this.#progressed(slot),
      connected: () => this.#guard.succeeded(),
      died: (slot, why, cause) => void this.#retire(slot, `Worker ${slot.id} ${why}`, cause),
    }
  }

  /** Workers running or starting now (not those being stopped). */
  get threads(): number {
    let live = 0
    for (const slot of this.#slots) if (slot.accepting) live++
    return live
  }

  run(job: Job, hooks?: JobHooks): Promise<Outcome> {
    if (this.#closed) return Promise.resolve(lostOutcome('The pool is closed.'))
    if (this.#queueIsFull()) return Promise.resolve(this.#queueFull(job))
    return new Promise<Outcome>((resolve) => {
      const entry: PoolEntry = {
        job,
        hooks,
        resolve,
        seq: 0,
        slot: null,
        started: false,
        settled: false,
      }
      this.#entries.set(job.id, entry)
      this.#queue.push(entry)
      this.#inUse = true
      this.#scheduleDispatch()
    })
  }

  abort(jobId: string, reason: ErrorRecord): boolean {
    const entry = this.#entries.get(jobId)
    if (!entry || entry.settled) return false
    const slot = entry.slot
    const outcome: Outcome = { status: 'FAILURE', error: reason, traceback: null }
    if (!slot) {
      this.#queue.forget()
      this.#settle(entry, outcome)
    } else if (slot.hasStarted(entry)) {
      slot.remove(entry)
      this.#settle(entry, outcome)
      const { task, id } = entry.job
      void this.#retire(
        slot,
        `Worker ${slot.id} was terminated to stop ${task}[${id}] (${reason.name})`,
      )
    } else {
      slot.remove(entry, reason)
      this.#settle(entry, outcome)
      this.#scheduleDispatch()
    }
    return true
  }

  close(): Promise<void> {
    this.#closed ??= this.#shutDown()
    return this.#closed
  }

  async #shutDown(): Promise<void> {
    clearTimeout(this.#startWatch)
    const unstarted = lostOutcome('The pool was closed before the task started.')
    const running = lostOutcome('The pool was closed while the task ran.')
    for (const entry of this.#queue.drain()) this.#settle(entry, unstarted)
    const slots = this.#slots.splice(0)
    for (const slot of slots) {
      clearTimeout(slot.idleTimer)
      const leftovers = slot.takeLeftovers()
      for (const entry of leftovers.started) this.#settle(entry, running)
      for (const entry of leftovers.unstarted) this.#settle(entry, unstarted)
    }
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
      if (batch.length > 0 || slot.needsCall) this.#send(slot, batch)
    }
    this.#watchStarts()
  }

  #send(slot: WorkerSlot, batch: PoolEntry[]): void {
    clearTimeout(slot.idleTimer)
    slot.idleTimer = undefined
    slot.send(batch)
    // Jobs that could not be posted were settled: their places go to the next in line.
    if (slot.free > 0 && this.#queue.length > 0) this.#scheduleDispatch()
  }

  #spawnAsNeeded(): void {
    const { size, minThreads, concurrency } = this.#config
    let live = 0
    let startable = 0
    let starting = 0
    for (const slot of this.#slots) {
      if (!slot.accepting) continue
      live++
      startable += Math.max(0, concurrency - slot.load)
      if (!slot.connected) starting++
    }
    // Grow while jobs could not start at once: sent ahead, they would wait behind others.
    const waiting = Math.max(0, this.#queue.length - startable)
    const floor = this.#inUse && !this.#guard.tripped ? minThreads : 0
    let target = Math.min(size, Math.max(floor, live + Math.ceil(waiting / concurrency)))
    if (this.#guard.tripped) target = Math.min(target, live + Math.sign(this.#queue.length))
    for (let n = live; n < target && this.#guard.allows(starting); n++) this.#spawn()
  }

  #spawn(): void {
    const { concurrency, prefetch, sharedMemory } = this.#config
    const setup = { concurrency, prefetch, shared: sharedMemory }
    try {
      this.#slots.push(new WorkerSlot(this.#driver, this.#owner, setup, ++this.#spawned))
    } catch (error) {
      this.#startFailed(`A worker could not be created (${String(error)})`, error)
      this.#scheduleDispatch()
    }
  }

  #progressed(slot: WorkerSlot): void {
    if (this.#queue.length > 0 || slot.needsCall) this.#scheduleDispatch()
    if (slot.load > 0 || slot.idleTimer !== undefined || !this.#aboveMinimum()) return
    const { idleTimeout } = this.#config
    if (idleTimeout === Number.POSITIVE_INFINITY) return
    slot.idleTimer = unrefTimer(setTimeout(() => this.#idle(slot), idleTimeout))
  }

  #aboveMinimum(): boolean {
    return this.#slots.filter((slot) => slot.accepting).length > this.#config.minThreads
  }

  #idle(slot: WorkerSlot): void {
    slot.idleTimer = undefined
    if (slot.load === 0 && this.#aboveMinimum()) void this.#retire(slot, '')
  }

  /** Stop a worker; then fail the jobs that had begun there and queue again those that had not. */
  async #retire(slot: WorkerSlot, why: string, cause?: unknown): Promise<void> {
    if (!slot.accepting) return
    const stopped = slot.stop()
    await stopped
    const index = this.#slots.indexOf(slot)
    if (index < 0) return
    this.#slots.splice(index, 1)
    clearTimeout(slot.idleTimer)
    const { started, unstarted } = slot.takeLeftovers()
    const lost = lostOutcome(`${why}; the task had started there.`, cause)
    for (const entry of started) this.#settle(entry, lost)
    for (let i = unstarted.length - 1; i >= 0; i--) this.#queue.requeue(unstarted[i])
    if (!slot.connected && why) this.#startFailed(why, cause)
    this.#scheduleDispatch()
  }

  /** A worker died before it served: past the guard's limit, the queue fails instead of spinning. */
  #startFailed(why: string, cause: unknown): void {
    const error = this.#guard.failed(why, cause)
    if (!error) return
    const outcome: Outcome = { status: 'FAILURE', error: toErrorRecord(error), traceback: null }
    for (const entry of this.#queue.drain()) this.#settle(entry, outcome)
  }

  /** `maxQueue` jobs already wait beyond those a worker (running or yet to start) could begin now. */
  #queueIsFull(): boolean {
    const { maxQueue, size, concurrency } = this.#config
    const queued = this.#queue.length
    if (maxQueue === Number.POSITIVE_INFINITY || queued < maxQueue) return false
    const live = this.#slots.filter((slot) => slot.accepting)
    const startable = live.reduce((sum, slot) => sum + Math.max(0, concurrency - slot.load), 0)
    return queued - startable - (size - live.length) * concurrency >= maxQueue
  }

  #queueFull(job: Job): Outcome {
    const { name, maxQueue } = this.#config
    return failureOutcome(
      new QueueFullError(
        `${name}: the queue is full (maxQueue: ${maxQueue} jobs already wait for a free worker), so ${job.task}[${job.id}] was not queued. Raise maxQueue, add workers (size), or send fewer tasks at once.`,
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
