import { CeleriacError, EncodeError } from '../src/errors.ts'

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

/** The `name` of a `DOMException` (or any error), or '' for anything else. */
function errorName(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name
  return typeof name === 'string' ? name : ''
}

/**
 * The error to hand a caller for a failed IndexedDB operation: a celeriac error
 * that says what happened and what to do, with the native error as its `cause`.
 * @param db the database name
 * @param what the operation, e.g. `'storing 12 records'`
 */
export function storageError(error: unknown, db: string, what: string): Error {
  if (error instanceof IndexedDbError) return error
  const name = errorName(error)
  const message = (error as { message?: unknown } | null)?.message
  const detail = typeof message === 'string' ? message : String(error)
  if (name === 'QuotaExceededError') {
    return new IndexedDbQuotaError(
      `IndexedDbBackend "${db}": ${what} failed: the storage quota of this origin is full ` +
        '(QuotaExceededError). Nothing stored earlier was lost. Free space with ' +
        'backend.purgeExpired() or a shorter "resultExpires", or ask for more with ' +
        'navigator.storage.persist().',
      { cause: error },
    )
  }
  if (name === 'VersionError') {
    return new IndexedDbVersionError(
      `IndexedDbBackend "${db}": ${what} failed: the database was upgraded by a newer ` +
        `celeriac (VersionError: ${detail}). Reload this tab to run the newer code.`,
      { cause: error },
    )
  }
  return new IndexedDbError(
    `IndexedDbBackend "${db}": ${what} failed (${name || 'Error'}: ${detail})`,
    { cause: error },
  )
}

/** The error for an open that another connection blocks; `event` is the native `blocked` event. */
export function blockedError(db: string, event: IDBVersionChangeEvent): IndexedDbBlockedError {
  return new IndexedDbBlockedError(
    `IndexedDbBackend "${db}": cannot upgrade the database from version ${event.oldVersion} ` +
      `to ${event.newVersion}: a connection open in another tab, window or worker of this ` +
      'site does not close for the upgrade. Close or reload the other tabs of this site, ' +
      'then try again. Nothing stored was changed.',
    { cause: event },
  )
}

/**
 * The error of one write that threw at once. A value IndexedDB cannot clone
 * (`DataCloneError`) fails that write alone, as an `EncodeError`; anything else
 * (the transaction is gone) is thrown, failing the whole batch.
 */
export function cloneError(error: unknown, what: string): Error {
  if (errorName(error) !== 'DataCloneError') throw error
  return new EncodeError(`${what} cannot be stored: it does not survive structured clone`, {
    cause: error,
  })
}
