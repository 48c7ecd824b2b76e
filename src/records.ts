import type { ResultRecord, ResultTuple, TaskMessage, TaskState } from './protocol.ts'
import { READY_STATES } from './states.ts'

/** The Celery-shaped record stored for a message in a state. */
export function recordOf(
  message: TaskMessage,
  status: TaskState,
  result: unknown,
  traceback: string | null,
  children: ResultTuple[],
): ResultRecord {
  return {
    task_id: message.id,
    status,
    result,
    traceback,
    children,
    date_done: READY_STATES.has(status) ? new Date().toISOString() : null,
    parent_id: message.parentId,
    group_id: message.groupId,
    name: message.task,
    args: message.args,
    retries: message.retries,
  }
}
