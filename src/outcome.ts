import { formatTraceback, toErrorRecord } from './error-record.ts'
import type { FailureOutcome, Job, TaskRequest } from './protocol.ts'

/** The FAILURE outcome of a thrown value, with its record and traceback. */
export function failureOutcome(thrown: unknown): FailureOutcome {
  const error = toErrorRecord(thrown)
  return { status: 'FAILURE', error, traceback: formatTraceback(error) }
}

/** The request a body sees for a job. */
export function requestOf(job: Job): TaskRequest {
  return {
    id: job.id,
    task: job.task,
    args: job.args,
    retries: job.retries,
    parentId: job.parentId,
    rootId: job.rootId,
    groupId: job.groupId,
    calledDirectly: false,
  }
}
