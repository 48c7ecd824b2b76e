export {
  IndexedDbBlockedError,
  IndexedDbError,
  IndexedDbQuotaError,
  IndexedDbVersionError,
} from './idb-errors.ts'
export { IndexedDbBackend, type IndexedDbBackendOptions } from './indexeddb-backend.ts'
