import { EnginePool } from '../src/worker-pool/engine-pool.ts'
import { resolvePoolOptions, type WorkerPoolOptions } from '../src/worker-pool/pool-options.ts'
import { WorkerPoolEngine } from '../src/worker-pool/worker-pool-engine.ts'
import { webWorkerDriver } from './web-worker-driver.ts'

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
export class WebWorkerPool extends EnginePool {
  constructor(options: WebWorkerPoolOptions) {
    checkWorker(options?.worker)
    const where = 'new WebWorkerPool'
    const config = resolvePoolOptions(options, defaultSize(), where)
    const startTimeout = checkTimeout(options.startTimeout ?? 30_000, `${where}({ startTimeout })`)
    super(
      new WorkerPoolEngine(webWorkerDriver(options.worker, startTimeout), {
        ...config,
        sharedMemory: canShareMemory(),
        name: 'WebWorkerPool',
      }),
    )
  }
}

function defaultSize(): number {
  const cores = globalThis.navigator?.hardwareConcurrency
  return Number.isInteger(cores) && cores > 0 ? cores : 4
}

/** Workers can read a shared start cursor only on a cross-origin isolated page. */
function canShareMemory(): boolean {
  return typeof SharedArrayBuffer === 'function' && globalThis.crossOriginIsolated === true
}

function checkWorker(worker: unknown): void {
  if (typeof worker === 'function') return
  throw new TypeError(
    `new WebWorkerPool({ worker }) must be a function that returns a Worker, such as () => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }); got ${worker === null ? 'null' : typeof worker}.`,
  )
}

function checkTimeout(value: unknown, name: string): number {
  if (typeof value === 'number' && value > 0) return value
  throw new TypeError(`${name} must be a number of ms > 0 (or Infinity); got ${String(value)}.`)
}
