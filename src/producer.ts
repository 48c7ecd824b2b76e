import type { App } from './app.ts'
import type { AppRuntime } from './app-runtime.ts'
import { type FrozenHandle, freeze, GROUP_LINK_ERROR, handleOf, withOptions } from './freeze.ts'
import type { GroupResult } from './group-result.ts'
import { messagesOf, type SendContext } from './messages.ts'
import type { SignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { RuntimeResultSource } from './result-source.ts'
import { signatureList } from './sendable.ts'
import type { ApplyOptions } from './signature.ts'
import { emitEvent } from './trace.ts'
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
    const where = `${data.subtaskType ?? data.task}.applyAsync`
    checkArgs(args, where)
    checkSendOptions(options, where)
    const { link, linkError, transfer, ...rest } = options
    if (data.subtaskType === 'group') checkGroupCallbacks(link, linkError)
    const callbacks = {
      link: signatureList(this.#app, link, 'link'),
      linkError: signatureList(this.#app, linkError, 'linkError'),
    }
    checkAllArgs(data, args, callbacks, where)
    const frozen = freeze(hasKeys(options) ? withOptions(data, { ...rest, ...callbacks }) : data)
    const ctx: SendContext = { parentId: null, rootId: null, via: 'apply' }
    if (transfer) ctx.transfer = transfer
    this.#publish(frozen, args, ctx)
    return this.source.fromFrozen(handleOf(frozen), isIgnored(this.#app, frozen))
  }

  /** Publish a signature from inside the worker (callbacks, chain steps, chord bodies). */
  dispatch(
    data: SignatureData,
    partial: unknown[],
    ctx: SendContext,
    frozen: boolean,
  ): FrozenHandle {
    const ready = frozen ? data : freeze(data)
    this.#publish(ready, partial, ctx)
    return handleOf(ready)
  }

  #publish(data: SignatureData, partial: unknown[], ctx: SendContext): void {
    const runtime = this.#start()
    const lookup = (name: string) => this.#app.tasks.get(name)?.options
    for (const message of messagesOf(data, partial, ctx, lookup)) {
      emitEvent(runtime.events, 'task-sent', message)
      runtime.broker.publish(message)
    }
  }
}

function hasKeys(object: object): boolean {
  for (const _ in object) return true
  return false
}

function checkGroupCallbacks(link: unknown, linkError: unknown): void {
  if (link !== undefined) throw new TypeError(GROUP_LINK_ERROR)
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
  checkEachArgs(callbacks.link, 'link', where)
  checkEachArgs(callbacks.linkError, 'linkError', where)
}

/** Every partial arg inside a canvas must cross too: named by its path, e.g. `tasks[1].args[0]`. */
function checkSignatureArgs(data: SignatureData, where: string, path = ''): void {
  if (data.subtaskType === null) checkCloneable(data.args, `${path}args`, where)
  else if (data.subtaskType !== 'chord') checkEachArgs(data.tasks, `${path}tasks`, where)
  else {
    checkEachArgs(data.header, `${path}header`, where)
    checkSignatureArgs(data.body, where, `${path}body.`)
  }
}

function checkEachArgs(list: SignatureData[], path: string, where: string): void {
  for (const [i, item] of list.entries()) checkSignatureArgs(item, where, `${path}[${i}].`)
}

function isIgnored(app: App, data: SignatureData): boolean {
  return (
    data.subtaskType === null &&
    (data.options.ignoreResult ?? app.tasks.get(data.task)?.options.ignoreResult ?? false)
  )
}
