import { errorArg, reviveArgs } from './errback-args.ts'
import { fromErrorRecord, toErrorRecord } from './error-record.ts'
import { ChordError, TaskRevokedError } from './errors.ts'
import type { TaskEventType } from './events.ts'
import type { FrozenHandle } from './freeze.ts'
import { jobOf } from './job.ts'
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
  TaskRequest,
  TaskState,
} from './protocol.ts'
import { recordOf } from './records.ts'
import type { Runtime } from './runtime.ts'
import { FAILURE, REVOKED, SUCCESS } from './states.ts'

/**
 * The one place that knows what happens after a body ran: which state is stored,
 * which callbacks, errbacks, chain steps and chord bodies are sent, and which
 * events are emitted — in Celery's order (children are sent before the parent's
 * final record is stored, so that the record lists them).
 */
export class Trace {
  readonly #rt: Runtime

  constructor(runtime: Runtime) {
    this.#rt = runtime
  }

  async succeeded(message: TaskMessage, value: unknown, runtime?: number): Promise<void> {
    let children: ResultTuple[]
    try {
      children = this.#sendCallbacks(message, value)
    } catch (error) {
      return this.failed(message, failureOf(error))
    }
    await this.#store(message, SUCCESS, value, null, children)
    if (message.chord) await this.#countChordPart(message, SUCCESS, value)
    this.#emit('task-succeeded', message, { result: value, runtime })
  }

  async failed(message: TaskMessage, outcome: FailureOutcome, runtime?: number): Promise<void> {
    const request = requestOf(jobOf(message))
    const children = this.#sendErrbacks(
      message.errbacks,
      request,
      outcome.error,
      outcome.traceback,
      message,
    )
    await this.#store(message, FAILURE, outcome.error, outcome.traceback, children)
    for (const step of message.chain) await this.#failUnrun(step, outcome, message)
    if (message.chord) await this.#countChordPart(message, FAILURE, outcome.error)
    this.#emit('task-failed', message, { ...failureEvent(outcome), runtime })
  }

  async retried(message: TaskMessage, outcome: RetryOutcome, runtime?: number): Promise<void> {
    await this.#store(message, 'RETRY', outcome.error, outcome.traceback, [])
    this.#emit(
      'task-retried',
      message,
      outcome.error
        ? { ...failureEvent({ ...outcome, status: 'FAILURE', error: outcome.error }), runtime }
        : { runtime },
    )
    const next: TaskMessage = {
      ...message,
      retries: message.retries + 1,
      eta: outcome.eta,
      args: outcome.args ?? message.args,
      via: 'retry',
    }
    await this.#rt.broker.publish(next)
  }

  /** Revoked, expired or terminated: stored REVOKED, no callbacks, no errbacks. */
  async revoked(message: TaskMessage, reason: 'revoked' | 'expired' | 'terminated'): Promise<void> {
    const error = toErrorRecord(new TaskRevokedError(reason))
    await this.#store(message, REVOKED, error, null, [])
    if (message.chord) await this.#countChordPart(message, REVOKED, error)
    this.#emit('task-revoked', message, { reason })
  }

  /** Store a custom state reported while the body runs. */
  async progressed(message: TaskMessage, state: TaskState, meta: unknown): Promise<void> {
    await this.#store(message, state, meta, null, [])
    this.#emit('task-progress', message, { state, meta })
  }

  /** Store STARTED with `{ pid, hostname }` (`trackStarted`). */
  async started(message: TaskMessage, worker: number | null): Promise<void> {
    await this.#store(
      message,
      'STARTED',
      { pid: worker ?? 0, hostname: this.#rt.hostname },
      null,
      [],
    )
  }

  #sendCallbacks(message: TaskMessage, value: unknown): ResultTuple[] {
    const ctx = { parentId: message.id, rootId: message.rootId }
    const children = message.callbacks.map((callback) =>
      tupleOf(this.#rt.dispatch(callback, [value], { ...ctx, via: 'link' }, false)),
    )
    if (message.chain.length > 0) {
      const chain = message.chain.slice(0, -1)
      const next = message.chain.at(-1)!
      children.push(
        tupleOf(this.#rt.dispatch(next, [value], { ...ctx, via: 'chain', chain }, true)),
      )
    }
    return children
  }

  #sendErrbacks(
    errbacks: SignatureData[],
    request: TaskRequest,
    error: ErrorRecord,
    traceback: string | null,
    parent: { id: string; rootId: string },
  ): ResultTuple[] {
    const ctx = { parentId: parent.id, rootId: parent.rootId, via: 'linkError' as const }
    return errbacks.map((errback) =>
      tupleOf(this.#rt.dispatch(errback, [request, errorArg(error), traceback], ctx, false)),
    )
  }

  /** A chain step after a failure never runs, but reads FAILURE with the same error. */
  async #failUnrun(
    step: SignatureData,
    outcome: FailureOutcome,
    cause: TaskMessage,
  ): Promise<void> {
    switch (step.subtaskType) {
      case null: {
        const message = unrunMessage(step, cause)
        await this.#store(message, FAILURE, outcome.error, outcome.traceback, [])
        if (message.chord) await this.#countChordPart(message, FAILURE, outcome.error)
        this.#emit('task-failed', message, failureEvent(outcome))
        return
      }
      case 'chord':
        return this.#failUnrun(step.body, outcome, cause)
      default:
        for (const task of step.tasks) await this.#failUnrun(task, outcome, cause)
    }
  }

  async #countChordPart(message: TaskMessage, status: TaskState, result: unknown): Promise<void> {
    const chord = message.chord!
    const part: ChordPart = { id: message.id, index: message.groupIndex ?? 0, status, result }
    const parts = await this.#rt.backend.addChordPart(
      message.groupId ?? message.id,
      chord.size,
      part,
    )
    if (!parts) return
    const failed = parts.find((each) => each.status !== SUCCESS)
    const ctx = { parentId: message.id, rootId: message.rootId, via: 'chord' as const }
    if (!failed) this.#rt.dispatch(chord.body, [parts.map((each) => each.result)], ctx, true)
    else await this.#failChordBody(chord.body, failed, message)
  }

  async #failChordBody(body: SignatureData, failed: ChordPart, header: TaskMessage): Promise<void> {
    const original = failed.result as ErrorRecord
    const error = toErrorRecord(
      new ChordError(`Dependency ${failed.id} raised ${original.name}("${original.message}")`, {
        cause: fromErrorRecord(original),
      }),
    )
    const first = firstTask(body)
    const message = unrunMessage(first, header, 'chord')
    const request = { ...requestOf(jobOf(message)), retries: 0 }
    const children = this.#sendErrbacks(
      first.options.linkError ?? [],
      request,
      error,
      null,
      message,
    )
    await this.#store(message, FAILURE, error, null, children)
    this.#emit('task-failed', message, { exception: fromErrorRecord(error), traceback: null })
    const outcome: FailureOutcome = { status: 'FAILURE', error, traceback: null }
    if (body.subtaskType === 'chain')
      for (const step of body.tasks.slice(1)) await this.#failUnrun(step, outcome, header)
  }

  #store(
    message: TaskMessage,
    status: TaskState,
    result: unknown,
    traceback: string | null,
    children: ResultTuple[],
  ): Promise<void> | undefined {
    if (message.ignoreResult) return undefined
    return this.#rt.backend.store(recordOf(message, status, result, traceback, children))
  }

  #emit(type: TaskEventType, message: TaskMessage, extra: object): void {
    if (this.#rt.events.wants(type)) this.#rt.events.emit({ ...eventBase(type, message), ...extra })
  }
}

export function eventBase(type: TaskEventType, message: TaskMessage) {
  return {
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
  }
}

function failureEvent(outcome: FailureOutcome) {
  return { exception: fromErrorRecord(outcome.error), traceback: outcome.traceback }
}

function failureOf(error: unknown): FailureOutcome {
  const record = toErrorRecord(error)
  return { status: 'FAILURE', error: record, traceback: null }
}

/** The result tuple Celery stores in `children`. */
export function tupleOf(handle: FrozenHandle): ResultTuple {
  if (handle.kind === 'task') return [[handle.id, null], null]
  return [[handle.id, null], handle.members.map(tupleOf)]
}

function firstTask(data: SignatureData) {
  let node = data
  while (node.subtaskType !== null) node = node.subtaskType === 'chord' ? node.body : node.tasks[0]!
  return node
}

/** A message for a task that will never be sent, so its id can be stored. */
function unrunMessage(
  step: SignatureData & { subtaskType: null },
  cause: TaskMessage,
  via: SentVia = 'chain',
): TaskMessage {
  const options = step.options
  return {
    id: options.taskId!,
    task: step.task,
    args: step.args,
    retries: 0,
    eta: null,
    expires: null,
    parentId: cause.id,
    rootId: cause.rootId,
    groupId: options.groupId ?? null,
    groupIndex: options.groupIndex ?? null,
    callbacks: [],
    errbacks: [],
    chain: [],
    chord: options.chord ?? null,
    timeLimit: null,
    softTimeLimit: null,
    ignoreResult: options.ignoreResult ?? false,
    trackStarted: false,
    via,
  }
}
