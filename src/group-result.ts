import { TimeoutError } from './errors.ts'
import type { AnyResult, AsyncResult, GetOptions, RevokeOptions } from './result.ts'
import { checkGetOptions } from './validate.ts'

/**
 * The results of a group, in member order (Celery's `GroupResult`). Its predicates
 * read the members' latest known states.
 */
export class GroupResult<R extends unknown[] = unknown[]> {
  /** The group id. */
  readonly id: string
  /** One handle per member, in member order. */
  readonly results: readonly AsyncResult[]
  /** The previous step, when the group is a chain step or a chord header. */
  parent: AnyResult | null

  /** @internal use `group(...).applyAsync()`. */
  constructor(id: string, results: readonly AsyncResult[], parent: AnyResult | null = null) {
    this.id = id
    this.results = results
    this.parent = parent
  }

  /** The member handles (as Celery's `children`). */
  get children(): readonly AsyncResult[] {
    return this.results
  }

  /**
   * Every member's result, in member order. `timeout` is a total budget. With
   * `propagate` (default) the first failed member (in member order) throws.
   */
  async get(options: GetOptions = {}): Promise<R> {
    checkGetOptions(options)
    const { timeout } = options
    const deadline = Date.now() + (timeout ?? 0)
    const values: unknown[] = []
    for (const member of this.results) {
      const left = timeout === undefined ? undefined : Math.max(0, deadline - Date.now())
      try {
        values.push(await member.get({ ...options, timeout: left }))
      } catch (error) {
        throw error instanceof TimeoutError ? new TimeoutError('join operation timed out') : error
      }
    }
    return values as R
  }

  /** Every member is ready. */
  ready(): boolean {
    return this.results.every((member) => member.ready())
  }

  /** Every member succeeded. */
  successful(): boolean {
    return this.results.every((member) => member.successful())
  }

  /** Any member failed. */
  failed(): boolean {
    return this.results.some((member) => member.failed())
  }

  /** Any member is not ready yet. */
  waiting(): boolean {
    return !this.ready()
  }

  /** How many members succeeded. */
  completedCount(): number {
    return this.results.filter((member) => member.successful()).length
  }

  /** Re-read every member. */
  async refresh(): Promise<this> {
    await Promise.all(this.results.map((member) => member.refresh()))
    return this
  }

  /** Forget every member's result. */
  async forget(): Promise<void> {
    await Promise.all(this.results.map((member) => member.forget()))
  }

  /** Revoke every member. */
  async revoke(options: RevokeOptions = {}): Promise<string[]> {
    return Promise.all(this.results.map((member) => member.revoke(options)))
  }

  /** @internal */
  toJSON(): { id: string; results: unknown[] } {
    return { id: this.id, results: this.results.map((member) => member.toJSON()) }
  }
}
