import { CeleriacError } from '../src/errors.ts'

/**
 * IndexedDB failed. The native `DOMException` (or, for `blocked`, the native
 * event) is the `cause`; `code` says which case it is, so callers never match text.
 */
export class IndexedDbError extends CeleriacError {
  override name = 'IndexedDbError'
  override readonly code: string = 'ERR_INDEXEDDB'
}

/**
 * Opening the database needs a schema upgrade, and a connection open in another
 * tab, window or worker does not close for it. `cause` is the native `blocked`
 * event (the platform raises no `DOMException` here: the open just waits).
 */
export class IndexedDbBlockedError extends IndexedDbError {
  override name = 'IndexedDbBlockedError'
  override readonly code: string = 'ERR_INDEXEDDB_BLOCKED'
}

/** The origin's storage quota is full. `cause` is the native `QuotaExceededError`. */
export class IndexedDbQuotaError extends IndexedDbError {
  override name = 'IndexedDbQuotaError'
  override readonly code: string = 'ERR_INDEXEDDB_QUOTA'
}

/**
 * The database was upgraded to a newer schema (a newer celeriac in another tab).
 * `cause` is the native `VersionError`.
 */
export class IndexedDbVersionError extends IndexedDbError {
  override name = 'IndexedDbVersionError'
  override readonly code: string = 'ERR_INDEXEDDB_VERSION'
}

/** What failed: a `DOMException`, or the `blocked` event of an open that waits. */
type Cause = Partial<DOMException & IDBVersionChangeEvent> | null | undefined

/**
 * The error to hand a caller for a failed IndexedDB operation: a celeriac error
 * that says what happened and what to do, with the native error (or `blocked`
 * event) as its `cause`.
 * @param db the database name
 * @param what the operation, e.g. `'a transaction of 12 operation(s)'`
 */
export function storageError(cause: unknown, db: string, what: string): IndexedDbError {
  const c = cause as Cause
  const native = `(${c?.name ?? 'Error'}: ${c?.message ?? String(cause)})`
  const [Kind, problem] =
    c?.type === 'blocked'
      ? [
          IndexedDbBlockedError,
          `cannot upgrade the database from version ${c.oldVersion} to ${c.newVersion} while ` +
            'a connection in another tab or worker keeps it open. Close or reload the other ' +
            'tabs of this site, then try again.',
        ]
      : c?.name === 'QuotaExceededError'
        ? [
            IndexedDbQuotaError,
            `the storage quota of this origin is full ${native}. Nothing stored earlier was ` +
              'lost. Free space with backend.purgeExpired() or a shorter "resultExpires".',
          ]
        : c?.name === 'VersionError'
          ? [
              IndexedDbVersionError,
              `the database was upgraded by a newer celeriac ${native}. Reload this tab to run it.`,
            ]
          : [IndexedDbError, native]
  return new Kind(`IndexedDbBackend "${db}": ${what} failed: ${problem}`, { cause })
}
