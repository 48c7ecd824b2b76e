/**
 * The platform-free worker pool: what `ThreadPool` (node) and `WebWorkerPool`
 * (web) are built from. A platform adds a {@link WorkerDriver} and its own
 * `serve(app)` over {@link serveEndpoint}.
 */
export {
  type ResolvedPoolOptions,
  resolvePoolOptions,
  type WorkerPoolOptions,
} from './pool-options.ts'
export { QueueFullError } from './queue-full-error.ts'
export { type ServeEndpointOptions, serveEndpoint } from './serve-endpoint.ts'
export type { WorkerDriver } from './worker-driver.ts'
export { type EngineConfig, START_FAILURE_LIMIT, WorkerPoolEngine } from './worker-pool-engine.ts'
