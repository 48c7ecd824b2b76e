import { toErrorRecord } from '../error-record.ts'
import { WorkerLostError } from '../errors.ts'
import type { FailureOutcome } from '../protocol.ts'

/** FAILURE `WorkerLostError`: no traceback, as a lost worker has none to give. */
export function lostOutcome(message: string, cause?: unknown): FailureOutcome {
  const error = new WorkerLostError(message, cause === undefined ? undefined : { cause })
  return { status: 'FAILURE', error: toErrorRecord(error), traceback: null }
}
