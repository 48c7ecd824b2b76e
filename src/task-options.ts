/** An error class, or an error name, to match thrown errors against. */
export type ErrorMatcher = (abstract new (...args: any[]) => Error) | string

/** Options given to `app.task(name, fn, options)`. */
export interface TaskOptions {
  /** The body takes a {@link TaskContext} as its first parameter. @default false */
  bind?: boolean
  /** Retries allowed after the first run; `null` = forever. @default 3 */
  maxRetries?: number | null
  /** Delay of `ctx.retry()` without countdown or eta, in ms. @default 180000 */
  defaultRetryDelay?: number
  /** Errors that retry the task on their own (matched by `instanceof`, else by name). */
  autoretryFor?: ErrorMatcher[]
  /** Errors that never auto-retry, even if they match `autoretryFor`. */
  dontAutoretryFor?: ErrorMatcher[]
  /** Exponential backoff for auto-retries: `true` = 1000 ms factor, a number = the factor in ms. @default false */
  retryBackoff?: boolean | number
  /** Cap of the backoff delay, in ms. @default 600000 */
  retryBackoffMax?: number
  /** Draw the backoff delay as a random integer in [0, delay]. @default true */
  retryJitter?: boolean
  /** Hard time limit in ms. */
  timeLimit?: number
  /** Soft time limit in ms. */
  softTimeLimit?: number
  /** Store nothing for this task. @default false */
  ignoreResult?: boolean
  /** Store `STARTED` when the body starts. @default false */
  trackStarted?: boolean
}

/** A registered task, as the app's registry keeps it. */
export interface TaskDefinition {
  name: string
  fn: (...args: any[]) => unknown
  options: TaskOptions
}
