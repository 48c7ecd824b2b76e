import type { AppRuntime } from './app-runtime.ts'
import { fromErrorRecord, isErrorRecord } from './error-record.ts'
import type { GroupResult } from './group-result.ts'
import type { ResultRecord, ResultTuple, TaskState } from './protocol.ts'
import {
  EXCEPTION_STATES,
  FAILURE,
  PENDING,
  PROPAGATE_STATES,
  READY_STATES,
  SUCCESS,
} from './states.ts'
import { checkGetOptions } from './validate.ts'

/** Options of `get()`. */
export interface GetOptions {
  /** Give up after this many ms with `TimeoutError`. @default no limit */
  timeout?: number
  /** Throw a failed task's (or failed parent's) error instead of returning it. @default true */
  propagate?: boolean
}

/** Options of `revoke()`. */
export interface RevokeOptions {
  /** Also stop the task if it is running (its worker is terminated). @default false */
  terminate?: boolean
}

/** What a result handle needs from its app: the started backend, waits and worker. */
export interface ResultSource {
  runtime(): Pick<AppRuntime, 'backend' | 'waits' | 'worker'>
  /** The handle of a stored child tuple. */
  handleOf(tuple: ResultTuple): AsyncResult | GroupResult
}

export type AnyResult = AsyncResult<any> | GroupResult<any>

/**
 * A handle on one task's result (Celery's `AsyncResult`). `state`, `result`,
 * `traceback` and `children` are a snapshot, brought up to date by `get()`,
 * `refresh()`, `revoke()` and `forget()`.
 */
export class AsyncResult<R = unknown> {
  /** The task id. */
  readonly id: string
  /** The previous step of a chain, or a chord's header; set by the canvas, not stored. */
  parent: AnyResult | null
  #record: ResultRecord | null = null
  #children: AnyResult[] | undefined
  readonly #source: ResultSource
  readonly #ignored: boolean

  /** @internal use `task.delay()`, `applyAsync()` or `app.result(id)`. */
  constructor(source: ResultSource, id: string, parent: AnyResult | null = null, ignored = false) {
    this.#source = source
    this.id = id
    this.parent = parent
    this.#ignored = ignored
  }

  /** The latest known state. */
  get state(): TaskState {
    return this.#record?.status ?? PENDING
  }

  /** The value (SUCCESS), the error (FAILURE, REVOKED, RETRY), or the meta of other states. */
  get result(): unknown {
    const value = this.#record?.result ?? null
    return EXCEPTION_STATES.has(this.state) && isErrorRecord(value) ? fromErrorRecord(value) : value
  }

  /** The failure's traceback (`'Name: message'` and frames), or null. */
  get traceback(): string | null {
    return this.#record?.traceback ?? null
  }

  /** Handles of the tasks this one dispatched: callbacks, errbacks, the next chain step. */
  get children(): AnyResult[] {
    this.#children ??= (this.#record?.children ?? []).map((tuple) => this.#source.handleOf(tuple))
    return this.#children
  }

  /** The stored date the task finished, or null. */
  get dateDone(): Date | null {
    const done = this.#record?.date_done
    return done ? new Date(done.replace(/Z?$/, 'Z')) : null
  }

  /** SUCCESS, FAILURE or REVOKED. */
  ready(): boolean {
    return READY_STATES.has(this.state)
  }

  successful(): boolean {
    return this.state === SUCCESS
  }

  /** FAILURE only (a REVOKED task has not failed). */
  failed(): boolean {
    return this.state === FAILURE
  }

  /**
   * Wait for the result (pushed by the backend, no polling). A failure throws its
   * error, a failed parent's first (oldest first), unless `propagate: false`.
   */
  async get(options: GetOptions = {}): Promise<R> {
    checkGetOptions(options)
    if (this.#ignored) return null as R
    const propagate = options.propagate ?? true
    const ancestors = propagate ? ancestorsRootFirst(this) : []
    const failOn = ancestors.map((ancestor) => ancestor.id)
    this.#apply(await this.#source.runtime().waits.wait(this.id, options.timeout, failOn))
    // Steps after a failure are never sent: a SUCCESS here means no ancestor failed.
    if (ancestors.length > 0 && this.state !== SUCCESS) await throwIfAnyFailed(ancestors)
    if (this.state === SUCCESS) return this.#record?.result as R
    if (!READY_STATES.has(this.state)) return null as R
    if (propagate) throw this.result
    return this.result as R
  }

  /** Read the latest stored record. */
  async refresh(): Promise<this> {
    this.#apply(await this.#source.runtime().backend.get(this.id))
    return this
  }

  /** Delete the stored result (and its parents'); the handle reads PENDING afterwards. */
  async forget(): Promise<void> {
    await this.parent?.forget()
    await this.#source.runtime().backend.forget(this.id)
    this.#apply(null)
  }

  /**
   * Revoke the task: a queued one is stored REVOKED and never runs; a running one
   * goes on unless `terminate`. Resolves with `'revoked'`, `'terminated'`, or
   * `'running'` / `'finished'` when nothing changed.
   */
  async revoke(options: RevokeOptions = {}): Promise<string> {
    const outcome = await this.#source.runtime().worker.revoke(this.id, options.terminate ?? false)
    await this.refresh()
    return outcome
  }

  /** Equal by id, as Celery's. */
  equals(other: AsyncResult<unknown> | string): boolean {
    return (typeof other === 'string' ? other : other.id) === this.id
  }

  /** @internal */
  toJSON(): { id: string; state: TaskState } {
    return { id: this.id, state: this.state }
  }

  #apply(record: ResultRecord | null): void {
    if (record?.children !== this.#record?.children) this.#children = undefined
    this.#record = record
  }
}

/** Every task handle above `result` — chain steps, chord header members — root-most first. */
function ancestorsRootFirst(result: AnyResult): AsyncResult[] {
  const found: AsyncResult[] = []
  for (let node = result.parent; node; node = node.parent) {
    if (node instanceof AsyncResult) found.push(node)
    else found.push(...[...node.results].reverse())
  }
  return found.reverse()
}

/** Throw the error of the first of `ancestors` (root-most first) found failed. */
async function throwIfAnyFailed(ancestors: AsyncResult[]): Promise<void> {
  for (const ancestor of ancestors) {
    await ancestor.refresh()
    if (PROPAGATE_STATES.has(ancestor.state)) throw ancestor.result
  }
}
