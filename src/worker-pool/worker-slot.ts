import { type Endpoint, transfer, wrap } from 'comlink'
import type { ErrorRecord, Outcome } from '../protocol.ts'
import { callHook, type PoolEntry } from './pool-entry.ts'
import { unsendable, withPost } from './post-guard.ts'
import {
  type BatchReply,
  type CancelOrder,
  type JobBatch,
  packJob,
  START_NOTICE,
  unpackOutcome,
  type WorkerApi,
} from './wire.ts'
import type { StoppableWorker, WorkerDriver } from './worker-driver.ts'

/** What a slot tells the engine that owns it. */
export interface SlotOwner {
  /** A job is settled here: its outcome came back (after `onStart`), or it could not be posted. */
  finished(entry: PoolEntry, outcome: Outcome): void
  /** A reply came: the worker can take more, or is idle. */
  progressed(slot: WorkerSlot): void
  /** The worker answered its setup: it loaded and serves. */
  connected(slot: WorkerSlot): void
  /** The worker died on its own, or could not report (also told of a worker being stopped). */
  died(slot: WorkerSlot, why: string, cause?: unknown): void
}

/** How a slot sets its worker up. */
export interface SlotSetup {
  concurrency: number
  /** Most jobs sent ahead, beyond those running. */
  prefetch: number
  /** Share a start cursor with the worker (else it posts start notices). */
  sharedMemory: boolean
}

/**
 * One worker, as the engine sees it: the comlink call that carries each batch,
 * the jobs it holds by number, and where it is in starting them.
 */
export class WorkerSlot {
  /** Names the worker in `onStart` and in errors. */
  readonly id: number
  readonly #setup: SlotSetup
  /**
   * Jobs sent ahead now: twice what the worker finished between its last two
   * reports; none before its first, so that nothing waits behind a first job
   * that turns out long.
   */
  #ahead = 0
  readonly #driver: WorkerDriver
  readonly #worker: StoppableWorker
  readonly #owner: SlotOwner
  readonly #run: (batch: JobBatch) => Promise<BatchReply>
  readonly #inflight = new Map<number, PoolEntry>()
  readonly #shared: Int32Array | null
  #nextSeq = 1
  /** Every job numbered up to this has started (or was dropped). */
  #startedThrough = 0
  /** Calls the worker holds unanswered: it reports on the oldest. */
  #calls = 0
  #cancels: CancelOrder[] = []
  #postError: unknown
  #connected = false
  #busy = false
  #stopped: Promise<void> | undefined
  idleTimer: ReturnType<typeof setTimeout> | undefined

  constructor(driver: WorkerDriver, owner: SlotOwner, setup: SlotSetup, id: number) {
    this.#driver = driver
    this.#owner = owner
    this.#setup = setup
    this.#shared = setup.sharedMemory ? new Int32Array(new SharedArrayBuffer(4)) : null
    this.#worker = driver.create()
    this.id = driver.id?.(this.#worker) ?? id
    driver.watch(this.#worker, (why, cause) => owner.died(this, why, cause))
    const endpoint = driver.endpoint(this.#worker)
    if (!this.#shared) {
      endpoint.addEventListener('message', (event) => {
        const seq = (event as MessageEvent).data?.[START_NOTICE]
        if (typeof seq === 'number') this.#advanceStarted(seq)
      })
    }
    this.#run = this.#connect(endpoint)
    // After the listeners: adding one to a Node worker refs it again.
    driver.keepAlive?.(this.#worker, false)
  }

  /** Jobs sent and not yet settled. */
  get load(): number {
    return this.#inflight.size
  }

  /** Jobs it may be sent now: what it can start, and what it will start soon. */
  get free(): number {
    return Math.max(0, this.#setup.concurrency + this.#ahead - this.#inflight.size)
  }

  get connected(): boolean {
    return this.#connected
  }

  /** Takes new jobs (not stopping). */
  get accepting(): boolean {
    return this.#stopped === undefined
  }

  /** The worker holds no call to answer with, yet has something to answer or to be told. */
  get needsCall(): boolean {
    return (this.#inflight.size > 0 && this.#calls === 0) || this.#cancels.length > 0
  }

  /** Some job sent here is not known to have started (the pool watches the start cursor). */
  get awaitingStart(): boolean {
    return this.#shared !== null && this.#startedThrough < this.#nextSeq - 1
  }

  /**
   * Send jobs, and any cancel orders, in one call. A batch that cannot be posted
   * (a value structured clone refuses) is sent job by job; a job that cannot be
   * sent at all is finished as FAILURE `EncodeError`.
   */
  send(entries: PoolEntry[]): void {
    if (this.#post(entries)) return
    for (const entry of entries) {
      if (!this.#post([entry])) this.#owner.finished(entry, unsendable(entry.job, this.#postError))
    }
  }

  /** Read the shared start cursor now: calls `onStart` of what began since. */
  pollStarted(): void {
    if (this.#shared) this.#advanceStarted(Atomics.load(this.#shared, 0))
  }

  /** Whether the job's body began (exact where the cursor is shared). */
  hasStarted(entry: PoolEntry): boolean {
    this.pollStarted()
    return entry.seq <= this.#startedThrough
  }

  /** Forget a job; with a `reason`, tell the worker to drop it if it has not started it. */
  remove(entry: PoolEntry, reason?: ErrorRecord): void {
    this.#inflight.delete(entry.seq)
    if (reason) this.#cancels.push({ seq: entry.seq, reason })
    this.#updateBusy()
  }

  /** Terminate the worker (once); resolves when it can run nothing more. */
  stop(): Promise<void> {
    this.#stopped ??= Promise.resolve()
      .then(() => this.#worker.terminate())
      .then(noop, noop)
    return this.#stopped
  }

  /** The jobs still held, split by whether they began (read once, so both agree). Empties the slot. */
  takeAll(): { started: PoolEntry[]; unstarted: PoolEntry[] } {
    this.pollStarted()
    const started: PoolEntry[] = []
    const unstarted: PoolEntry[] = []
    for (const entry of this.#inflight.values())
      (entry.seq <= this.#startedThrough ? started : unstarted).push(entry)
    this.#inflight.clear()
    return { started, unstarted }
  }

  #post(entries: PoolEntry[]): boolean {
    const seq = this.#nextSeq
    const batch: JobBatch = { seq, jobs: [] }
    const transfers: Transferable[] = []
    for (const { job } of entries) {
      packJob(batch.jobs, job)
      if (job.transfer) transfers.push(...job.transfer)
    }
    if (this.#cancels.length > 0) batch.cancel = this.#cancels
    this.#postError = undefined
    const reply = this.#run(transfers.length > 0 ? transfer(batch, transfers) : batch)
    if (this.#postError !== undefined) {
      reply.catch(noop)
      return false
    }
    if (batch.cancel) this.#cancels = []
    this.#calls++
    for (const entry of entries) {
      entry.seq = this.#nextSeq++
      entry.slot = this
      this.#inflight.set(entry.seq, entry)
    }
    this.#updateBusy()
    reply.then(this.#onReply, this.#onCallFailed)
    return true
  }

  /** Send the worker its setup over comlink; the call that carries each batch. */
  #connect(endpoint: Endpoint): WorkerApi['run'] {
    // A post that throws (a value structured clone refuses) is noted before comlink
    // turns it into a rejected call, too late to tell which batch it was.
    const remote = wrap<WorkerApi>(
      withPost(endpoint, (message, transfers) => {
        try {
          endpoint.postMessage(message, transfers)
        } catch (error) {
          this.#postError = error
          throw error
        }
      }),
    )
    const { concurrency, prefetch } = this.#setup
    const flushAt = Math.ceil((concurrency + prefetch) / 2)
    remote.connect({ concurrency, flushAt, started: this.#shared }).then(() => {
      this.#connected = true
      this.#owner.connected(this)
    }, this.#onCallFailed)
    return remote.run
  }

  readonly #onReply = (reply: BatchReply): void => {
    this.#calls--
    // Every job reported done had started: this calls their `onStart` first.
    this.#advanceStarted(reply.started)
    const { updated, updates, done } = reply
    if (done.length > 0) this.#ahead = Math.min(this.#setup.prefetch, 2 * done.length)
    if (updated) {
      for (let i = 0; i < updated.length; i++) {
        const entry = this.#inflight.get(updated[i])
        if (entry) callHook(entry.hooks?.onUpdate, updates![i], entry)
      }
    }
    for (let i = 0; i < done.length; i++) {
      const entry = this.#inflight.get(done[i])
      if (!entry) continue
      this.#inflight.delete(done[i])
      this.#owner.finished(entry, unpackOutcome(reply, i))
    }
    this.#updateBusy()
    this.#owner.progressed(this)
  }

  readonly #onCallFailed = (error: unknown): void => {
    this.#owner.died(this, `could not report back (${String(error)})`, error)
  }

  /** Call `onStart` of each job up to `through` that is still here. */
  #advanceStarted(through: number): void {
    while (this.#startedThrough < through) {
      const entry = this.#inflight.get(++this.#startedThrough)
      if (entry) callHook(entry.hooks?.onStart, { worker: this.id }, entry)
    }
  }

  #updateBusy(): void {
    const busy = this.#inflight.size > 0
    if (busy === this.#busy) return
    this.#busy = busy
    this.#driver.keepAlive?.(this.#worker, busy)
  }
}

function noop(): void {}
