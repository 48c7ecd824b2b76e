import { must, mustBe } from '../validate.ts'

/** Options every worker pool takes (`ThreadPool`, `WebWorkerPool`). Times in ms. */
export interface WorkerPoolOptions {
  /**
   * Most workers running at once.
   * @default the platform's parallelism (`os.availableParallelism()`, `navigator.hardwareConcurrency`)
   */
  size?: number
  /**
   * Workers kept running while idle, once the first job came (none start before).
   * @default size
   */
  minThreads?: number
  /**
   * A worker above `minThreads` that has had no job for this long is stopped.
   * @default 10_000
   */
  idleTimeout?: number
  /**
   * Bodies one worker runs at once. Above 1, async bodies interleave in one
   * thread; a hard stop (time limit, terminate) then also loses the others
   * that had started there (`WorkerLostError`).
   * @default 1
   */
  concurrency?: number
  /**
   * Most jobs sent ahead to a worker beyond `concurrency`, so that a worker
   * running short jobs never waits for the next batch (and batches are big:
   * fewer messages, fewer thread wake-ups). The pool sends ahead only what a
   * worker earns: twice as many as it finished between its last two reports,
   * none before its first; so jobs wait behind a long one only when it follows
   * a run of quick ones on that worker. 0 sends a job only to a worker that can
   * start it (strictly fair, slower for short jobs).
   * @default 256
   */
  prefetch?: number
  /**
   * Jobs that may wait for a free worker; past it, `run()` resolves FAILURE at
   * once. The app's broker is the real queue, hence no bound by default.
   * @default Infinity
   * @example new ThreadPool({ worker, maxQueue: 10_000 })
   */
  maxQueue?: number
}

/** The options with every default filled in. */
export type ResolvedPoolOptions = Required<WorkerPoolOptions>

/** Check the options (naming the one that is wrong) and fill in the defaults. */
export function resolvePoolOptions(
  options: WorkerPoolOptions,
  defaultSize: number,
  where: string,
): ResolvedPoolOptions {
  const count = (key: keyof WorkerPoolOptions, fallback: number, least: number): number => {
    const value = options[key] ?? fallback
    if (Number.isInteger(value) && value >= least) return value
    throw mustBe(`${where}({ ${key} })`, `an integer ≥ ${least}`, value)
  }
  const limit = (key: keyof WorkerPoolOptions, fallback: number): number => {
    const value = options[key] ?? fallback
    if (typeof value === 'number' && value >= 0) return value
    throw mustBe(`${where}({ ${key} })`, 'a number ≥ 0 (or Infinity)', value)
  }
  const size = count('size', defaultSize, 1)
  const minThreads = count('minThreads', size, 0)
  if (minThreads > size) {
    throw new RangeError(must(`${where}({ minThreads })`, `not exceed size (${size})`, minThreads))
  }
  return {
    size,
    minThreads,
    idleTimeout: limit('idleTimeout', 10_000),
    concurrency: count('concurrency', 1, 1),
    prefetch: count('prefetch', 256, 0),
    maxQueue: limit('maxQueue', Number.POSITIVE_INFINITY),
  }
}
