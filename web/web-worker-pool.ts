import { mustBe } from '../src/validate.ts'
import { resolvePoolOptions, type WorkerPoolOptions } from '../src/worker-pool/pool-options.ts'
import { WorkerPoolEngine } from '../src/worker-pool/worker-pool-engine.ts'
import { NEW_WORKER, webWorkerDriver } from './web-worker-driver.ts'

/** Options of {@link WebWorkerPool}. */
export interface WebWorkerPoolOptions extends WorkerPoolOptions {
  /**
   * Starts one Web Worker whose module imports the tasks module and calls
   * `serve(app)` from `celeriac/web`. Write `new Worker(new URL(…), …)` inline:
   * that is the form bundlers (Vite) recognise and bundle.
   * @example () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
   */
  worker: () => Worker
  /**
   * Ms a new worker has to call `serve(app)`; one that has not by then counts as
   * failing to start (its jobs are not left waiting forever).
   * @default 30_000
   */
  startTimeout?: number
}

/**
 * Runs task bodies in Web Workers: started on the first job, kept warm, fed one
 * batch per worker per tick. A worker that errors out, fails to load or ends on
 * its own fails exactly the jobs that had started on it (`WorkerLostError`) and
 * is replaced; a hard stop (time limit, revoke with terminate) terminates only
 * the worker running it. `size` defaults to `navigator.hardwareConcurrency`
 * (4 where the browser does not tell), read when the pool is made.
 * @example
 * import { IndexedDbBackend, WebWorkerPool } from 'celeriac/web'
 * app.configure({
 *   pool: new WebWorkerPool({
 *     worker: () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }),
 *   }),
 *   backend: new IndexedDbBackend({ name: 'my-app' }),
 * })
 */
export class WebWorkerPool extends WorkerPoolEngine {
  constructor(options: WebWorkerPoolOptions) {
    const where = 'new WebWorkerPool'
    const worker = options?.worker
    if (typeof worker !== 'function') {
      throw mustBe(
        `${where}({ worker })`,
        `a function that returns a Worker, such as () => ${NEW_WORKER}`,
        worker,
      )
    }
    const config = resolvePoolOptions(options, defaultSize(), where)
    const { startTimeout = 30_000 } = options
    if (!(typeof startTimeout === 'number' && startTimeout > 0)) {
      throw mustBe(`${where}({ startTimeout })`, 'a number of ms > 0 (or Infinity)', startTimeout)
    }
    super(webWorkerDriver(worker, startTimeout), {
      ...config,
      // Workers share memory (a start cursor) only with a cross-origin isolated page.
      sharedMemory: globalThis.crossOriginIsolated === true,
      name: 'WebWorkerPool',
    })
  }
}

function defaultSize(): number {
  return globalThis.navigator?.hardwareConcurrency || 4
}
