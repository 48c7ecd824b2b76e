export { QueueFullError } from '../src/errors.ts'
export type { WorkerPoolOptions } from '../src/worker-pool/pool-options.ts'
export {
  IndexedDbBlockedError,
  IndexedDbError,
  IndexedDbQuotaError,
  IndexedDbVersionError,
} from './idb-errors.ts'
export { IndexedDbBackend, type IndexedDbBackendOptions } from './indexeddb-backend.ts'
export { serve } from './serve.ts'
export { WebWorkerPool, type WebWorkerPoolOptions } from './web-worker-pool.ts'
