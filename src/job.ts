import type { Job, TaskMessage } from './protocol.ts'

/** The job a pool runs for a message: what the body needs, nothing more. */
export function jobOf(message: TaskMessage): Job {
  const job: Job = {
    id: message.id,
    task: message.task,
    args: message.args,
    retries: message.retries,
    parentId: message.parentId,
    rootId: message.rootId,
    groupId: message.groupId,
    softTimeLimit: message.softTimeLimit,
  }
  if (message.maxRetries !== undefined) job.maxRetries = message.maxRetries
  if (message.transfer) job.transfer = message.transfer
  return job
}
