import type { App } from './app.ts'
import type { AppRuntime } from './app-runtime.ts'
import { type Frozen, type FrozenHandle, freeze, withOptions } from './freeze.ts'
import type { GroupResult } from './group-result.ts'
import { messagesOf, type SendContext } from './messages.ts'
import type { SignatureData, SignatureOptions, TaskMessage } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { RuntimeResultSource } from './result-source.ts'
import { signatureList } from './sendable.ts'
import type { ApplyOptions } from './signature.ts'
import { eventBase } from './trace.ts'
import { checkArgs, checkCloneable, checkSendOptions } from './validate.ts'

/**
 * Turns signatures into messages: checks what the caller gave (before anything is
 * queued), freezes, publishes, announces `task-sent`, and hands back result handles.
 */
export class Producer {
  readonly source: RuntimeResultSource
  readonly #app: App
  readonly #start: () => AppRuntime

  constructor(app: App, start: () => AppRuntime) {
    this.#app = app
    this.#start = start
    this.source = new RuntimeResultSource(start)
  }

  /** `applyAsync` of any signature or canvas. */
  send(
    data: SignatureData,
    args: unknown[],
    options: ApplyOptions<any>,
  ): AsyncResult<any> | GroupResult<any> {
    const where = `${describeSignature(data)}.applyAsync`
    checkArgs(args, where)
    checkSendOptions(options, where)
    const { link, linkError, transfer } = options
    checkGroupOptions(data, link, linkError)
    const callbacks = {
      link: signatureList(this.#app, link, 'link'),
      linkError: signatureList(this.#app, linkError, 'linkError'),
    }
    checkAllArgs(data, args, callbacks, where)
    const frozen = freeze(
      hasKeys(options) ? withOptions(data, sendOptionsOf(options, callbacks)) : data,
    )
    const ctx: SendContext = { parentId: null, rootId: null, via: 'apply' }
    if (transfer) ctx.transfer = transfer
    this.#publish(frozen, args, ctx)
    return this.#handleOf(frozen.handle, isIgnored(this.#app, frozen.data))
  }

  /** Publish a signature from inside the worker (callbacks, chain steps, chord bodies). */
  dispatch(
    data: SignatureData,
    partial: unknown[],
    ctx: SendContext,
    frozen: boolean,
  ): FrozenHandle {
    const ready = frozen ? { data, handle: handleWithoutFreezing(data) } : freeze(data)
    this.#publish(ready, partial, ctx)
    return ready.handle
  }

  #publish(frozen: Frozen, partial: unknown[], ctx: SendContext): void {
    const runtime = this.#start()
    const lookup = (name: string) => this.#app.tasks.get(name)?.options
    for (const message of messagesOf(frozen.data, partial, ctx, lookup)) {
      this.#announce(runtime, message)
      runtime.broker.publish(message)
    }
  }

  #announce(runtime: AppRuntime, message: TaskMessage): void {
    if (runtime.events.wants('task-sent')) runtime.events.emit(eventBase('task-sent', message))
  }

  #handleOf(handle: FrozenHandle, ignored: boolean): AsyncResult<any> | GroupResult<any> {
    return this.source.fromFrozen(handle, ignored)
  }
}

function hasKeys(object: object): boolean {
  for (const _ in object) return true
  return false
}

/** The options to keep on the signature: all but `transfer`, with checked callbacks. */
function sendOptionsOf(
  options: ApplyOptions<any>,
  callbacks: { link: SignatureData[]; linkError: SignatureData[] },
): SignatureOptions {
  const { link: _link, linkError: _linkError, transfer: _transfer, ...rest } = options
  return { ...rest, ...callbacks }
}

function describeSignature(data: SignatureData): string {
  return data.subtaskType === null ? data.task : data.subtaskType
}

function checkGroupOptions(data: SignatureData, link: unknown, linkError: unknown): void {
  if (data.subtaskType !== 'group') return
  if (link !== undefined)
    throw new TypeError(
      'Cannot add link to group: use a chord, such as chord(group, callback.s()).',
    )
  if (linkError !== undefined) {
    throw new TypeError(
      'Cannot add link to group: do that on individual tasks, or with group.linkError(errback.s()).',
    )
  }
}

/** Everything sent must survive structured clone: refuse it here, naming the path. */
function checkAllArgs(
  data: SignatureData,
  args: unknown[],
  callbacks: { link: SignatureData[]; linkError: SignatureData[] },
  where: string,
): void {
  if (data.subtaskType === null)
    checkCloneable(data.immutable ? data.args : [...args, ...data.args], 'args', where)
  else {
    checkCloneable(args, 'args', where)
    checkSignatureArgs(data, where)
  }
  for (const [i, callback] of callbacks.link.entries())
    checkSignatureArgs(callback, where, `link[${i}].`)
  for (const [i, errback] of callbacks.linkError.entries()) {
    checkSignatureArgs(errback, where, `linkError[${i}].`)
  }
}

/** Every partial arg inside a canvas must cross too: named by its path, e.g. `tasks[1].args[0]`. */
function checkSignatureArgs(data: SignatureData, where: string, path = ''): void {
  switch (data.subtaskType) {
    case null:
      checkCloneable(data.args, `${path}args`, where)
      return
    case 'chord':
      for (const [i, member] of data.header.entries())
        checkSignatureArgs(member, where, `${path}header[${i}].`)
      checkSignatureArgs(data.body, where, `${path}body.`)
      return
    default:
      for (const [i, task] of data.tasks.entries())
        checkSignatureArgs(task, where, `${path}tasks[${i}].`)
  }
}

function isIgnored(app: App, data: SignatureData): boolean {
  if (data.subtaskType !== null) return false
  return data.options.ignoreResult ?? app.tasks.get(data.task)?.options.ignoreResult ?? false
}

/** The handle of already-frozen data (a chain's next step): its ids are all set. */
function handleWithoutFreezing(data: SignatureData): FrozenHandle {
  switch (data.subtaskType) {
    case null:
      return { kind: 'task', id: data.options.taskId!, parent: null }
    case 'chain':
      return handleWithoutFreezing(data.tasks.at(-1)!)
    case 'chord':
      return handleWithoutFreezing(data.body)
    case 'group':
      return {
        kind: 'group',
        id: data.options.taskId!,
        members: data.tasks.map(handleWithoutFreezing),
        parent: null,
      }
  }
}
