import type { App } from './app.ts'
import { freeze, withOptions } from './freeze.ts'
import type { SendContext } from './messages.ts'
import type { SignatureData } from './protocol.ts'
import { signatureList } from './sendable.ts'
import type { ApplyOptions } from './signature.ts'
import { checkArgs, checkCloneable, checkSendOptions } from './validate.ts'

/**
 * What `applyAsync` of any signature or canvas sends: checks what the caller gave
 * (before anything is queued) and freezes the signature with its options.
 */
export function prepareSend(
  app: App,
  data: SignatureData,
  args: unknown[],
  options: ApplyOptions<any>,
): { frozen: SignatureData; ctx: SendContext } {
  const where = `${data.subtaskType ?? data.task}.applyAsync`
  checkArgs(args, where)
  checkSendOptions(options, where)
  const { link, linkError, transfer, ...rest } = options
  if (data.subtaskType === 'group') checkGroupCallbacks(linkError)
  const callbacks = {
    link: signatureList(app, link, 'link'),
    linkError: signatureList(app, linkError, 'linkError'),
  }
  checkAllArgs(data, args, callbacks, where)
  const frozen = freeze(hasKeys(options) ? withOptions(data, { ...rest, ...callbacks }) : data)
  const ctx: SendContext = { parentId: null, rootId: null, via: 'apply' }
  if (transfer) ctx.transfer = transfer
  return { frozen, ctx }
}

function hasKeys(object: object): boolean {
  for (const _ in object) return true
  return false
}

/** A group's `link` is refused as it freezes; its `linkError` here, as Celery does. */
function checkGroupCallbacks(linkError: unknown): void {
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
