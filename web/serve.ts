import type { Endpoint } from 'comlink'
import type { App } from '../src/app.ts'
import { serveEndpoint } from '../src/worker-pool/serve-endpoint.ts'
import { holdLiveness } from './worker-liveness.ts'

/** The parts of a dedicated worker's global scope used here (this project's lib has no WebWorker types). */
interface DedicatedScope extends Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void
  close(): void
}

/**
 * Serve an app's tasks to the `WebWorkerPool` that started this Web Worker: the
 * one call a worker module makes, after importing the same tasks module as the page.
 * @example
 * // worker.ts
 * import { serve } from 'celeriac/web'
 * import { app } from './tasks.ts'
 * serve(app)
 */
export function serve(app: Pick<App, 'tasks'>): void {
  const scope = dedicatedScope()
  serveEndpoint(scope, app)
  holdLiveness(scope, (notice) => scope.postMessage(notice))
}

function dedicatedScope(): DedicatedScope {
  if ('DedicatedWorkerGlobalScope' in globalThis) return globalThis as unknown as DedicatedScope
  throw new Error(
    'serve(app) must run in a dedicated Web Worker started by WebWorkerPool: call it from the worker module, not the page.',
  )
}
