import type { Endpoint } from 'comlink'

/** What the engine calls on a worker itself: both platforms' workers have it. */
export interface StoppableWorker {
  /** Stop the worker; may return a promise that resolves once it can run nothing more. */
  terminate(): unknown
}

/**
 * Everything a platform adds to the worker-pool engine: how to start a worker,
 * talk to it and learn that it died; the engine stops one with its own
 * `terminate()`. `W` is the platform's worker (Node's `worker_threads.Worker`,
 * the DOM's `Worker`).
 * @example
 * const driver: WorkerDriver<Worker> = {
 *   describe: 'worker.js',
 *   create: () => new Worker(new URL('./worker.js', import.meta.url), { type: 'module' }),
 *   endpoint: (worker) => worker,
 *   watch: (worker, died) => {
 *     worker.addEventListener('error', (event) => died('threw an uncaught error', event))
 *     worker.addEventListener('messageerror', (event) => died('sent a message that could not be read', event))
 *   },
 * }
 */
export interface WorkerDriver<W extends StoppableWorker = StoppableWorker> {
  /** Names the worker file in errors, e.g. its URL. */
  readonly describe: string
  /** Start a worker that calls `serve(app)`; called only when the pool needs one. */
  create(): W
  /** The comlink endpoint of a worker. */
  endpoint(worker: W): Endpoint
  /**
   * Call `died` when the worker dies on its own (error, exit, unreadable message);
   * `why` completes "Worker 3 …", e.g. `exited with code 1`. Extra calls are ignored.
   */
  watch(worker: W, died: (why: string, cause?: unknown) => void): void
  /** A number naming the worker in `onStart` and errors (Node's `threadId`); else the pool counts. */
  id?(worker: W): number
  /** Whether a worker should keep the process alive (Node's `ref` / `unref`): true while it has jobs. */
  keepAlive?(worker: W, busy: boolean): void
}
