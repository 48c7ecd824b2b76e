import { errorArg, reviveArgs } from './errback-args.ts'
import { fromErrorRecord, toErrorRecord } from './error-record.ts'
import { ChordError, TaskRevokedError } from './errors.ts'
import type { EventBus, TaskEventType } from './events.ts'
import { taskMessage } from './messages.ts'
import { requestOf } from './outcome.ts'
import type {
  ChordPart,
  ErrorRecord,
  FailureOutcome,
  ResultTuple,
  RetryOutcome,
  SentVia,
  SignatureData,
  TaskMessage,
  TaskSignatureData,
  TaskState,
} from './protocol.ts'
import { recordOf } from './records.ts'
import type { Runtime } from './runtime.ts'
import { FAILURE, REVOKED, SUCCESS } from './states.ts'

/*
 * The one place that knows what happens after a body ran: which state is stored,
 * which callbacks, errbacks, chain steps and chord bodies are sent, and which
 * events are emitted — in Celery's order (children are sent before the parent's
 * final record is stored, so that the record lists them).
 */

/** The body returned `value`: send its callbacks and next chain step, then store SUCCESS. */
export async function succeeded(
  rt: Runtime,
  message: TaskMessage,
  value: unknown,
  runtime?: number,
): Promise<void> {
  let children: ResultTuple[]
  try {
    children = sendCallbacks(rt, message, value)
  } catch (error) {
    return failed(rt, message, { status: FAILURE, error: toErrorRecord(error), traceback: null })
  }
  await finish(rt, message, SUCCESS, value, null, children, 'task-succeeded', {
    result: value,
    runtime,
  })
}

/** The body failed for good: send its errbacks, store FAILURE, fail the chain steps after it. */
export async function failed(
  rt: Runtime,
  message: TaskMessage,
  outcome: FailureOutcome,
  runtime?: number,
): Promise<void> {
  const { error, traceback } = outcome
  const children = sendErrbacks(rt, message.errbacks, message, error, traceback)
  await finish(rt, message, FAILURE, error, traceback, children, 'task-failed', {
    ...failureEvent(error, traceback),
    runtime,
  })
}

/** The body asked to run again: store RETRY and publish the next run. */
export async function retried(
  rt: Runtime,
  message: TaskMessage,
  outcome: RetryOutcome,
  runtime?: number,
): Promise<void> {
  const { error, traceback } = outcome
  await store(rt, message, 'RETRY', error, traceback, [])
  emitEvent(rt.events, 'task-retried', message, {
    ...(error && failureEvent(error, traceback)),
    runtime,
  })
  await rt.broker.publish({
    ...message,
    retries: message.retries + 1,
    eta: outcome.eta,
    args: outcome.args ?? message.args,
    via: 'retry',
  })
}

/** Revoked, expired or terminated: stored REVOKED, no callbacks, no errbacks. */
export function revoked(
  rt: Runtime,
  message: TaskMessage,
  reason: 'revoked' | 'expired' | 'terminated',
): Promise<void> {
  const error = toErrorRecord(new TaskRevokedError(reason))
  return finish(rt, message, REVOKED, error, null, [], 'task-revoked', { reason })
}

/** Store a custom state reported while the body runs. */
export async function progressed(
  rt: Runtime,
  message: TaskMessage,
  state: TaskState,
  meta: unknown,
): Promise<void> {
  await store(rt, message, state, meta, null, [])
  emitEvent(rt.events, 'task-progress', message, { state, meta })
}

/** Store STARTED with `{ pid, hostname }` (`trackStarted`). */
export async function started(
  rt: Runtime,
  message: TaskMessage,
  worker: number | null,
): Promise<void> {
  await store(rt, message, 'STARTED', { pid: worker ?? 0, hostname: rt.hostname }, null, [])
}

/** Announce `type` for `message` to the app's listeners, if any listen. */
export function emitEvent(
  events: EventBus,
  type: TaskEventType,
  message: TaskMessage,
  extra?: object,
): void {
  if (!events.wants(type)) return
  events.emit({
    type,
    id: message.id,
    name: message.task,
    timestamp: Date.now(),
    args: message.via === 'linkError' ? reviveArgs(message.args) : message.args,
    retries: message.retries,
    parentId: message.parentId,
    rootId: message.rootId,
    groupId: message.groupId,
    via: message.via,
    ...extra,
  })
}

/** Store a final state (failing the chain steps after a failure), count it towards its chord, announce it. */
async function finish(
  rt: Runtime,
  message: TaskMessage,
  status: TaskState,
  result: unknown,
  traceback: string | null,
  children: ResultTuple[],
  type: TaskEventType,
  extra: object,
): Promise<void> {
  await store(rt, message, status, result, traceback, children)
  if (status === FAILURE)
    for (const step of message.chain)
      await failUnrun(rt, step, result as ErrorRecord, traceback, message)
  if (message.chord) await countChordPart(rt, message, status, result)
  emitEvent(rt.events, type, message, extra)
}

function sendCallbacks(rt: Runtime, message: TaskMessage, value: unknown): ResultTuple[] {
  const ctx = { parentId: message.id, rootId: message.rootId, via: 'link' as SentVia }
  const children = message.callbacks.map((callback) => rt.dispatch(callback, [value], ctx, false))
  const next = message.chain.at(-1)
  if (next) {
    const chain = message.chain.slice(0, -1)
    children.push(rt.dispatch(next, [value], { ...ctx, via: 'chain', chain }, true))
  }
  return children
}

/** Errbacks get `(request, exc, traceback)`. */
function sendErrbacks(
  rt: Runtime,
  errbacks: SignatureData[],
  message: TaskMessage,
  error: ErrorRecord,
  traceback: string | null,
): ResultTuple[] {
  const ctx = { parentId: message.id, rootId: message.rootId, via: 'linkError' as const }
  const args = [requestOf(message), errorArg(error), traceback]
  return errbacks.map((errback) => rt.dispatch(errback, args, ctx, false))
}

/** A chain step after a failure never runs, but reads FAILURE with the same error. */
async function failUnrun(
  rt: Runtime,
  step: SignatureData,
  error: ErrorRecord,
  traceback: string | null,
  cause: TaskMessage,
): Promise<void> {
  if (step.subtaskType === null) {
    const message = unrunMessage(step, cause)
    return finish(
      rt,
      message,
      FAILURE,
      error,
      traceback,
      [],
      'task-failed',
      failureEvent(error, traceback),
    )
  }
  const members = step.subtaskType === 'chord' ? [step.body] : step.tasks
  for (const member of members) await failUnrun(rt, member, error, traceback, cause)
}

async function countChordPart(
  rt: Runtime,
  message: TaskMessage,
  status: TaskState,
  result: unknown,
): Promise<void> {
  const { body, size } = message.chord!
  const part: ChordPart = { id: message.id, index: message.groupIndex ?? 0, status, result }
  const parts = await rt.backend.addChordPart(message.groupId ?? message.id, size, part)
  if (!parts) return
  const failedPart = parts.find((each) => each.status !== SUCCESS)
  if (failedPart) return failChordBody(rt, body, failedPart, message)
  const ctx = { parentId: message.id, rootId: message.rootId, via: 'chord' as const }
  rt.dispatch(body, [parts.map((each) => each.result)], ctx, true)
}

/** A failed header member fails the body's first task with `ChordError`, once; its later steps read FAILURE too. */
async function failChordBody(
  rt: Runtime,
  body: SignatureData,
  failedPart: ChordPart,
  header: TaskMessage,
): Promise<void> {
  const original = failedPart.result as ErrorRecord
  const error = toErrorRecord(
    new ChordError(`Dependency ${failedPart.id} raised ${original.name}("${original.message}")`, {
      cause: fromErrorRecord(original),
    }),
  )
  // The body never ran, so (as in Celery) its failure is not counted towards an outer chord.
  const first = { ...unrunMessage(firstTask(body), header, 'chord'), chord: null }
  await failed(rt, first, { status: FAILURE, error, traceback: null })
  if (body.subtaskType === 'chain')
    for (const step of body.tasks.slice(1)) await failUnrun(rt, step, error, null, header)
}

function store(
  rt: Runtime,
  message: TaskMessage,
  status: TaskState,
  result: unknown,
  traceback: string | null,
  children: ResultTuple[],
): Promise<void> | undefined {
  if (message.ignoreResult) return undefined
  return rt.backend.store(recordOf(message, status, result, traceback, children))
}

function failureEvent(error: ErrorRecord, traceback: string | null) {
  return { exception: fromErrorRecord(error), traceback }
}

function firstTask(data: SignatureData): TaskSignatureData {
  let node = data
  while (node.subtaskType !== null) node = node.subtaskType === 'chord' ? node.body : node.tasks[0]!
  return node
}

/** A message for a task that will never be sent, so its id can be stored. */
function unrunMessage(step: TaskSignatureData, cause: TaskMessage, via: SentVia = 'chain') {
  return taskMessage(step, [], { parentId: cause.id, rootId: cause.rootId, via }, {})
}
