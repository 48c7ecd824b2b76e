/**
 * celeriac's error classes. Each has a stable `name` and `code`, so callers match
 * on those, never on message text; both survive threads, storage and minifiers
 * (names are written out, not taken from the class, which a minifier renames).
 */
export class CeleriacError extends Error {
  override name = 'CeleriacError'
  /** A stable, machine-readable code. */
  readonly code: string = 'ERR_CELERIAC'
}

/** The task name is not registered in the app (or worker) that met it. */
export class NotRegistered extends CeleriacError {
  override name = 'NotRegistered'
  override readonly code: string = 'ERR_NOT_REGISTERED'
}

/** `get()` waited longer than its `timeout`. */
export class TimeoutError extends CeleriacError {
  override name = 'TimeoutError'
  override readonly code: string = 'ERR_TIMEOUT'
}

/** The task was revoked, expired or terminated; the message is the reason. */
export class TaskRevokedError extends CeleriacError {
  override name = 'TaskRevokedError'
  override readonly code: string = 'ERR_TASK_REVOKED'
}

/** The task exceeded its hard `timeLimit`; whatever ran it was stopped. */
export class TimeLimitExceeded extends CeleriacError {
  override name = 'TimeLimitExceeded'
  override readonly code: string = 'ERR_TIME_LIMIT'
}

/** The task exceeded its `softTimeLimit`: the reason `ctx.signal` aborts with. */
export class SoftTimeLimitExceeded extends CeleriacError {
  override name = 'SoftTimeLimitExceeded'
  override readonly code: string = 'ERR_SOFT_TIME_LIMIT'
}

/** `ctx.retry()` was called past `maxRetries` without an `exc`. */
export class MaxRetriesExceededError extends CeleriacError {
  override name = 'MaxRetriesExceededError'
  override readonly code: string = 'ERR_MAX_RETRIES'
}

/** A chord header member failed, so the body cannot run. `cause` is the member's error. */
export class ChordError extends CeleriacError {
  override name = 'ChordError'
  override readonly code: string = 'ERR_CHORD'
}

/** The thread or Web Worker running the task died. */
export class WorkerLostError extends CeleriacError {
  override name = 'WorkerLostError'
  override readonly code: string = 'ERR_WORKER_LOST'
}

/** A value could not be carried between threads or stored. */
export class EncodeError extends CeleriacError {
  override name = 'EncodeError'
  override readonly code: string = 'ERR_ENCODE'
}

/** A worker pool's queue held `maxQueue` jobs waiting for a free worker: the job was not queued. */
export class QueueFullError extends CeleriacError {
  override name = 'QueueFullError'
  override readonly code: string = 'ERR_QUEUE_FULL'
}

/** A backend was used after `close()`. */
export class BackendClosedError extends CeleriacError {
  override name = 'BackendClosedError'
  override readonly code: string = 'ERR_BACKEND_CLOSED'
}

/** The names of the errors above: stored with `exc_module: 'celeriac'`. */
export const CELERIAC_ERROR_NAMES: ReadonlySet<string> = new Set([
  'CeleriacError',
  'NotRegistered',
  'TimeoutError',
  'TaskRevokedError',
  'TimeLimitExceeded',
  'SoftTimeLimitExceeded',
  'MaxRetriesExceededError',
  'ChordError',
  'WorkerLostError',
  'EncodeError',
  'QueueFullError',
  'BackendClosedError',
])
