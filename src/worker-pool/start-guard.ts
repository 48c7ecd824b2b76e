import { WorkerLostError } from '../errors.ts'

/** Workers in a row that may die before serving before the pool stops starting more. */
export const START_FAILURE_LIMIT = 3

/**
 * The guard against respawn loops: counts workers in a row that died before they
 * served. Once it trips, the jobs waiting fail with one clear error, and the pool
 * starts a single worker at a time, only when a new job comes.
 */
export class StartGuard {
  readonly #workerFile: string
  #failures = 0

  constructor(workerFile: string) {
    this.#workerFile = workerFile
  }

  get tripped(): boolean {
    return this.#failures >= START_FAILURE_LIMIT
  }

  /** Whether another worker may start while `starting` are still loading. */
  allows(starting: number): boolean {
    return !this.tripped || starting === 0
  }

  /** A worker served: the count starts again. */
  succeeded(): void {
    this.#failures = 0
  }

  /** A worker died before serving; past the limit, the error to fail the waiting jobs with. */
  failed(why: string, cause: unknown): WorkerLostError | undefined {
    this.#failures++
    if (!this.tripped) return undefined
    return new WorkerLostError(
      `${why} before it could serve: ${this.#failures} workers in a row failed to start from ${this.#workerFile}, so the jobs waiting for one fail instead of starting more. Check that the worker file loads and calls serve(app); the next run() tries one worker again.`,
      cause === undefined ? undefined : { cause },
    )
  }
}
