import { parentPort } from 'node:worker_threads'
import type { App } from '../src/app.ts'
import { serveEndpoint } from '../src/worker-pool/serve-endpoint.ts'
import { nodeEndpoint } from './node-endpoint.ts'

/**
 * Serve an app's tasks to the `ThreadPool` that started this worker thread: the
 * one call a worker file makes, after importing the same tasks module as the
 * main thread.
 * @example
 * // worker.ts
 * import { serve } from 'celeriac/node'
 * import { app } from './tasks.ts'
 * serve(app)
 */
export function serve(app: Pick<App, 'tasks'>): void {
  if (!parentPort) {
    throw new Error(
      'serve(app) must run in a worker thread started by ThreadPool: call it from the worker file, not the main thread.',
    )
  }
  serveEndpoint(nodeEndpoint(parentPort), app, { defer: setImmediate })
}
