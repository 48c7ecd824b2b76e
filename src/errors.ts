/**
 * celeriac's error classes. Each has a stable `name` and `code`, so callers match
 * on those, never on message text; both survive threads and storage.
 */
export class CeleriacError extends Error {
  /** A stable, machine-readable code. */
  readonly code: string = 'ERR_CELERIAC'

  constructor(message: string, options?: ErrorOptions) {
    super(message, options)
    this.name = new.target.name
  }
}

function defineError(name: string, code: string) {
  const ErrorClass = class extends CeleriacError {
    override readonly code = code
  }
  Object.defineProperty(ErrorClass, 'name', { value: name })
  return ErrorClass
}

/** The task name is not registered in the app (or worker) that met it. */
export class NotRegistered extends defineError('NotRegistered', 'ERR_NOT_REGISTERED') {}
/** `get()` waited longer than its `timeout`. */
export class TimeoutError extends defineError('TimeoutError', 'ERR_TIMEOUT') {}
/** The task was revoked, expired or terminated; the message is the reason. */
export class TaskRevokedError extends defineError('TaskRevokedError', 'ERR_TASK_REVOKED') {}
/** The task exceeded its hard `timeLimit`; whatever ran it was stopped. */
export class TimeLimitExceeded extends defineError('TimeLimitExceeded', 'ERR_TIME_LIMIT') {}
/** The task exceeded its `softTimeLimit`: the reason `ctx.signal` aborts with. */
export class SoftTimeLimitExceeded extends defineError(
  'SoftTimeLimitExceeded',
  'ERR_SOFT_TIME_LIMIT',
) {}
/** `ctx.retry()` was called past `maxRetries` without an `exc`. */
export class MaxRetriesExceededError extends defineError(
  'MaxRetriesExceededError',
  'ERR_MAX_RETRIES',
) {}
/** A chord header member failed, so the body cannot run. `cause` is the member's error. */
export class ChordError extends defineError('ChordError', 'ERR_CHORD') {}
/** The thread or Web Worker running the task died. */
export class WorkerLostError extends defineError('WorkerLostError', 'ERR_WORKER_LOST') {}
/** A value could not be carried between threads or stored. */
export class EncodeError extends defineError('EncodeError', 'ERR_ENCODE') {}
