import { availableParallelism } from 'node:os'
import type { ResourceLimits } from 'node:worker_threads'
import { mustBe } from '../src/validate.ts'
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
export class ThreadPool extends WorkerPoolEngine {
  constructor(options: ThreadPoolOptions) {
    const worker = options?.worker
    if (!(worker instanceof URL || typeof worker === 'string' || typeof worker === 'function')) {
      throw mustBe(
        'new ThreadPool({ worker })',
        "the worker file's URL or path, or a function that returns a Worker, such as new URL('./worker.ts', import.meta.url)",
        worker,
      )
    }
    const config = resolvePoolOptions(options, availableParallelism(), 'new ThreadPool')
    super(threadDriver(worker, options.resourceLimits), {
      ...config,
      sharedMemory: true,
      name: 'ThreadPool',
    })
  }
}
