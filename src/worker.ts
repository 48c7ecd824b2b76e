import { BoundedSet } from './bounded-set.ts'
import { toErrorRecord } from './error-record.ts'
import { TaskRevokedError, TimeLimitExceeded } from './errors.ts'
import { jobOf } from './job.ts'
import { failureOutcome } from './outcome.ts'
import type { JobHooks, Pool } from './pool.ts'
import type { Job, Outcome, TaskMessage } from './protocol.ts'
import type { Runtime } from './runtime.ts'
import { emitEvent, failed, progressed, retried, revoked, started, succeeded } from './trace.ts'

type StopReason = 'revoked' | 'terminated'

interface Active {
  message: TaskMessage
  /** Set once the body starts. */
  startedAt?: number
  stopReason?: StopReason
  limitTimer?: ReturnType<typeof setTimeout>
  done: Promise<void>
}

/** How many revoked ids a worker remembers (as Celery's default). */
const REVOKED_MEMORY = 50_000

/**
 * The consumer: takes messages from the broker, drops revoked and expired ones,
 * holds ETA tasks until due, runs the rest in the pool with their time limits,
 * and hands every outcome to the trace.
 */
export class Worker {
  readonly #rt: Runtime
  readonly #waiting = new Map<
    string,
    { message: TaskMessage; timer: ReturnType<typeof setTimeout> }
  >()
  readonly #active = new Map<string, Active>()
  readonly #revoked = new BoundedSet<string>(REVOKED_MEMORY)

  constructor(runtime: Runtime) {
    this.#rt = runtime
  }

  /** Take one message from the broker. Never throws: the worker loop must go on. */
  receive(message: TaskMessage): void {
    emitEvent(this.#rt.events, 'task-received', message)
    this.#admit(message)
  }

  /** Drop a revoked or expired message, hold one that is not due yet, run the rest. */
  #admit(message: TaskMessage): void {
    const now = Date.now()
    if (this.#revoked.has(message.id)) this.#drop(message, 'revoked')
    else if (message.expires !== null && now > message.expires) this.#drop(message, 'expired')
    else if (message.eta !== null && message.eta > now) this.#hold(message, message.eta - now)
    else this.#run(message)
  }

  /** Revoke a task here: see `AsyncResult.revoke`. */
  async revoke(id: string, terminate: boolean): Promise<string> {
    this.#revoked.add(id)
    const waiting = this.#waiting.get(id)
    if (waiting) {
      clearTimeout(waiting.timer)
      this.#waiting.delete(id)
      await revoked(this.#rt, waiting.message, 'revoked')
      return 'revoked'
    }
    const active = this.#active.get(id)
    if (!active) return 'finished'
    const running = active.startedAt !== undefined
    if (running && !terminate) return 'running'
    const reason = running ? 'terminated' : 'revoked'
    this.#stop(active, reason, new TaskRevokedError(reason))
    await active.done
    return reason
  }

  /** Stop holding ETA tasks and wait for running ones to settle (the pool settles them on close). */
  async close(): Promise<void> {
    for (const { timer } of this.#waiting.values()) clearTimeout(timer)
    this.#waiting.clear()
    await Promise.all([...this.#active.values()].map((active) => active.done))
  }

  #drop(message: TaskMessage, reason: 'revoked' | 'expired'): void {
    revoked(this.#rt, message, reason).catch((error) => reportTraceError(message, error))
  }

  #hold(message: TaskMessage, delay: number): void {
    const timer = setTimeout(() => {
      this.#waiting.delete(message.id)
      this.#admit({ ...message, eta: null })
    }, delay)
    this.#waiting.set(message.id, { message, timer })
  }

  #run(message: TaskMessage): void {
    const active = { message } as Active
    this.#active.set(message.id, active)
    active.done = runSafely(this.#rt.pool, jobOf(message), this.#hooks(active))
      .then((outcome) => this.#finish(active, outcome))
      .catch((error) => reportTraceError(message, error))
  }

  #hooks(active: Active): JobHooks {
    const message = active.message
    return {
      onStart: ({ worker }) => {
        active.startedAt = Date.now()
        if (message.timeLimit !== null)
          active.limitTimer = this.#startLimit(active, message.timeLimit)
        emitEvent(this.#rt.events, 'task-started', message, { worker })
        if (message.trackStarted) void started(this.#rt, message, worker).catch(noop)
      },
      onUpdate: ({ state, meta }) => void progressed(this.#rt, message, state, meta).catch(noop),
    }
  }

  #startLimit(active: Active, limit: number): ReturnType<typeof setTimeout> {
    const { task, id } = active.message
    const error = () =>
      new TimeLimitExceeded(`Task ${task}[${id}] exceeded its time limit of ${limit} ms`)
    return setTimeout(() => this.#rt.pool.abort(id, toErrorRecord(error())), limit)
  }

  /** Abort the job in the pool; its outcome is then read by why it was stopped. */
  #stop(active: Active, reason: StopReason, error: Error): void {
    active.stopReason = reason
    this.#rt.pool.abort(active.message.id, toErrorRecord(error))
  }

  async #finish(active: Active, outcome: Outcome): Promise<void> {
    clearTimeout(active.limitTimer)
    const message = active.message
    if (this.#active.get(message.id) === active) this.#active.delete(message.id)
    const reason = active.stopReason
    if (reason) return revoked(this.#rt, message, reason)
    const runtime = active.startedAt === undefined ? undefined : Date.now() - active.startedAt
    if (outcome.status === 'SUCCESS') return succeeded(this.#rt, message, outcome.value, runtime)
    if (outcome.status === 'RETRY') return retried(this.#rt, message, outcome, runtime)
    return failed(this.#rt, message, outcome, runtime)
  }
}

function noop(): void {}

/** A pool that throws instead of resolving still yields an outcome: the task fails, the loop goes on. */
function runSafely(pool: Pool, job: Job, hooks: JobHooks): Promise<Outcome> {
  try {
    return pool.run(job, hooks)
  } catch (error) {
    return Promise.resolve(failureOutcome(error))
  }
}

function reportTraceError(message: TaskMessage, error: unknown): void {
  console.error(`celeriac: could not record the outcome of ${message.task}[${message.id}]:`, error)
}
