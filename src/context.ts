import { toJson } from './error-record.ts'
import { MaxRetriesExceededError } from './errors.ts'
import type { LazyAbort } from './lazy-abort.ts'
import type { StateUpdate, TaskRequest, TaskState } from './protocol.ts'
import { DEFAULT_MAX_RETRIES, DEFAULT_RETRY_DELAY } from './retry-policy.ts'
import type { TaskOptions } from './task-options.ts'

/** Options of `ctx.retry()`. Times in ms. */
export interface RetryOptions {
  /** Delay before the next run; wins over `eta`. @default the task's `defaultRetryDelay` */
  countdown?: number
  /** Earliest next run, as a `Date` or epoch ms. */
  eta?: Date | number
  /** The error this retry is about: stored with the RETRY state, thrown past the limit. */
  exc?: unknown
  /** The limit for this call; `null` = forever. */
  maxRetries?: number | null
  /** Run the next time with these args instead. */
  args?: unknown[]
}

/** Thrown by `ctx.retry()`; the executor turns it into a RETRY outcome. */
export class RetrySignal extends Error {
  constructor(
    readonly exc: unknown,
    readonly eta: number,
    readonly args: unknown[] | undefined,
  ) {
    super(`Retry at ${new Date(eta).toISOString()}`)
    this.name = 'Retry'
  }
}

/** What a run adds to a context: the message's retry limit and where custom states go. */
interface RunExtras {
  maxRetries?: number | null
  onUpdate?: (update: StateUpdate) => void
}

/** What a bound task body (`{ bind: true }`) gets as its first parameter. */
export class TaskContext {
  /** The running task's request: id, task name, args, retries, parent and root ids. */
  readonly request: TaskRequest
  readonly #abort: LazyAbort
  readonly #options: TaskOptions
  readonly #extras: RunExtras

  constructor(
    request: TaskRequest,
    options: TaskOptions,
    abort: LazyAbort,
    extras: RunExtras = {},
  ) {
    this.request = request
    this.#abort = abort
    this.#options = options
    this.#extras = extras
  }

  /** Aborts on the soft time limit and on `revoke({ terminate: true })`. */
  get signal(): AbortSignal {
    return this.#abort.signal
  }

  /**
   * Run this task again later, with the same id. Always throws: write
   * `return ctx.retry(...)`. Past `maxRetries` it throws `exc`, else
   * `MaxRetriesExceededError`.
   * @example return ctx.retry({ countdown: 1000, exc: error })
   */
  retry(options: RetryOptions = {}): never {
    const { task, id, args, retries, calledDirectly } = this.request
    if (calledDirectly) throw options.exc ?? new Error('Task can be retried')
    const limit = this.#retryLimit(options)
    if (limit !== null && retries + 1 > limit) {
      throw (
        options.exc ??
        new MaxRetriesExceededError(`Can't retry ${task}[${id}] args:${toJson(args)}`)
      )
    }
    throw new RetrySignal(options.exc, this.#nextRunAt(options), options.args)
  }

  /**
   * Store a custom state (e.g. `PROGRESS`) with its meta while the body runs.
   * @example ctx.updateState({ state: 'PROGRESS', meta: { done: 3, total: 10 } })
   */
  updateState(update: { state: TaskState; meta?: unknown }): void {
    this.#extras.onUpdate?.({ state: update.state, meta: update.meta ?? null })
  }

  /** The first limit given: this call's, the message's, the task's; else Celery's default. */
  #retryLimit(options: RetryOptions): number | null {
    if (options.maxRetries !== undefined) return options.maxRetries
    if (this.#extras.maxRetries !== undefined) return this.#extras.maxRetries
    return this.#options.maxRetries === undefined ? DEFAULT_MAX_RETRIES : this.#options.maxRetries
  }

  #nextRunAt(options: RetryOptions): number {
    if (options.countdown !== undefined) return Date.now() + options.countdown
    if (options.eta !== undefined) return Number(options.eta)
    return Date.now() + (this.#options.defaultRetryDelay ?? DEFAULT_RETRY_DELAY)
  }
}
