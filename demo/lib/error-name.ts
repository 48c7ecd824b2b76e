/** celeriac's error codes, and the names of their classes. */
const NAMES_BY_CODE: Record<string, string> = {
  ERR_NOT_REGISTERED: 'NotRegistered',
  ERR_TIMEOUT: 'TimeoutError',
  ERR_TASK_REVOKED: 'TaskRevokedError',
  ERR_TIME_LIMIT: 'TimeLimitExceeded',
  ERR_SOFT_TIME_LIMIT: 'SoftTimeLimitExceeded',
  ERR_MAX_RETRIES: 'MaxRetriesExceededError',
  ERR_CHORD: 'ChordError',
  ERR_WORKER_LOST: 'WorkerLostError',
  ERR_ENCODE: 'EncodeError',
}

/**
 * An error's name, read from its stable `code` for celeriac's own errors: a
 * minified build renames their classes, and their `name` comes from the class.
 */
export function errorName(error: { name?: unknown; code?: unknown }): string {
  const byCode = typeof error.code === 'string' ? NAMES_BY_CODE[error.code] : undefined
  return byCode ?? String(error.name ?? 'Error')
}
