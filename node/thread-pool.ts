import { availableParallelism } from 'node:os'
import type { ResourceLimits } from 'node:worker_threads'
import type { JobHooks, Pool } from '../src/pool.ts'
import type { ErrorRecord, Job, Outcome } from '../src/protocol.ts'
import { resolvePoolOptions, type WorkerPoolOptions } from '../src/worker-pool/pool-options.ts'
import { WorkerPoolEngine } from '../src/worker-pool/worker-pool-engine.ts'
import { threadDriver, type WorkerSource } from './thread-driver.ts'

/** Options of {@link ThreadPool}. */
export interface ThreadPoolOptions extends WorkerPoolOptions {
  /**
   * The worker file, which imports the tasks module and calls `serve(app)`: a URL
   * or path (a `.ts` file is started through tsx; compiled `.js` needs nothing),
   * or a function that starts the `Worker` itself.
   * @example new URL('./worker.ts', import.meta.url)
   */
  worker: WorkerSource
  /** Memory limits of each worker thread; a worker past them is lost and replaced. */
  resourceLimits?: ResourceLimits
}

/**
 * Runs task bodies in Node worker threads: started on the first job, kept warm,
 * fed one batch per worker per tick. A thread that dies fails exactly the jobs
 * that had started on it (`WorkerLostError`) and is replaced; a hard stop
 * (time limit, revoke with terminate) terminates only the thread running it.
 * @example
 * app.configure({ pool: new ThreadPool({ worker: new URL('./worker.ts', import.meta.url), size: 2 }) })
 */
export class ThreadPool implements Pool {
  readonly #engine: WorkerPoolEngine

  constructor(options: ThreadPoolOptions) {
    checkWorker(options?.worker)
    const config = resolvePoolOptions(options, availableParallelism(), 'new ThreadPool')
    this.#engine = new WorkerPoolEngine(threadDriver(options.worker, options.resourceLimits), {
      ...config,
      sharedMemory: true,
      name: 'ThreadPool',
    })
  }

  /** Worker threads running or starting now: none before the first job, at most `size`. */
  get threads(): number {
    return this.#engine.threads
  }

  run(job: Job, hooks?: JobHooks): Promise<Outcome> {
    return this.#engine.run(job, hooks)
  }

  abort(jobId: string, reason: ErrorRecord): boolean {
    return this.#engine.abort(jobId, reason)
  }

  close(): Promise<void> {
    return this.#engine.close()
  }
}

function checkWorker(worker: unknown): void {
  if (worker instanceof URL || typeof worker === 'string' || typeof worker === 'function') return
  throw new TypeError(
    `new ThreadPool({ worker }) must be the worker file's URL or path, or a function that returns a Worker, such as new URL('./worker.ts', import.meta.url); got ${worker === null ? 'null' : typeof worker}.`,
  )
}
