import type { ErrorMatcher, TaskOptions } from './task-options.ts'

export const DEFAULT_MAX_RETRIES = 3
export const DEFAULT_RETRY_DELAY = 180_000
const DEFAULT_BACKOFF_MAX = 600_000

/**
 * Celery's exponential backoff, in ms: `min(max, factor · 2^retries)`, drawn as an
 * integer in [0, that] when jitter is on.
 */
export function backoffDelay(options: TaskOptions, retries: number, random = Math.random): number {
  const factor = options.retryBackoff === true ? 1000 : Math.max(1, Number(options.retryBackoff))
  const ceiling = Math.min(options.retryBackoffMax ?? DEFAULT_BACKOFF_MAX, factor * 2 ** retries)
  if (options.retryJitter === false) return ceiling
  return Math.max(0, Math.floor(random() * (ceiling + 1)))
}

/** Whether `error` should retry the task on its own under `options`. */
export function shouldAutoretry(options: TaskOptions, error: unknown): boolean {
  return matchesAny(options.autoretryFor, error) && !matchesAny(options.dontAutoretryFor, error)
}

function matchesAny(matchers: ErrorMatcher[] | undefined, error: unknown): boolean {
  const name = (error as Error | null | undefined)?.name
  return (
    matchers?.some((matcher) =>
      typeof matcher === 'string'
        ? name === matcher
        : error instanceof matcher || name === matcher.name,
    ) ?? false
  )
}
