import type { TaskState } from './protocol.ts'

/** Celery's task states, their sets and their precedence. */
export const PENDING = 'PENDING'
export const RECEIVED = 'RECEIVED'
export const STARTED = 'STARTED'
export const SUCCESS = 'SUCCESS'
export const FAILURE = 'FAILURE'
export const REVOKED = 'REVOKED'
export const REJECTED = 'REJECTED'
export const RETRY = 'RETRY'
export const IGNORED = 'IGNORED'

/** States after which a task never changes again. */
export const READY_STATES: ReadonlySet<TaskState> = new Set([SUCCESS, FAILURE, REVOKED])
/** States of a task not finished yet. */
export const UNREADY_STATES: ReadonlySet<TaskState> = new Set([
  PENDING,
  RECEIVED,
  STARTED,
  REJECTED,
  RETRY,
])
/** States whose stored `result` is an error. */
export const EXCEPTION_STATES: ReadonlySet<TaskState> = new Set([RETRY, FAILURE, REVOKED])
/** States whose error `get()` raises. */
export const PROPAGATE_STATES: ReadonlySet<TaskState> = new Set([FAILURE, REVOKED])
/** Every built-in state that can be stored or seen in events. */
export const ALL_STATES: ReadonlySet<TaskState> = new Set([
  PENDING,
  RECEIVED,
  STARTED,
  SUCCESS,
  FAILURE,
  RETRY,
  REVOKED,
])

/** Celery's precedence, highest first; a custom state ranks where `<custom>` stands. */
const PRECEDENCE: readonly TaskState[] = [
  SUCCESS,
  FAILURE,
  '<custom>',
  REVOKED,
  STARTED,
  RECEIVED,
  REJECTED,
  RETRY,
  PENDING,
]
/** Celery's precedence: 0 is the highest (SUCCESS); a custom state ranks 2. */
export function precedence(state: TaskState): number {
  const index = PRECEDENCE.indexOf(state)
  return index === -1 ? PRECEDENCE.indexOf('<custom>') : index
}

/** Compare states as Celery's `state` class does: negative when `a` ranks below `b`. */
export function compareStates(a: TaskState, b: TaskState): number {
  return precedence(b) - precedence(a)
}

/** All of the above as one namespace: `states.SUCCESS`, `states.READY_STATES`, … */
export const states = {
  PENDING,
  RECEIVED,
  STARTED,
  SUCCESS,
  FAILURE,
  REVOKED,
  REJECTED,
  RETRY,
  IGNORED,
  READY_STATES,
  UNREADY_STATES,
  EXCEPTION_STATES,
  PROPAGATE_STATES,
  ALL_STATES,
  precedence,
  compareStates,
} as const
