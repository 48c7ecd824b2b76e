import type { GroupResult } from './group-result.ts'
import type { SendOptions, SignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { mustBe } from './validate.ts'

/** What signatures and canvases need from their app: sending and checking. */
export interface Sender {
  /** Validate, freeze and publish; returns the handle of what was sent. */
  send(data: SignatureData, args: unknown[], options: object): AsyncResult<any> | GroupResult<any>
  /** Throw a TypeError naming the bad option. */
  validateOptions(options: SendOptions, where: string): void
  /** Whether `name` is a task registered in this app. */
  isRegistered(name: string): boolean
}

type CallbackOption = 'link' | 'linkError'

const SENDER = Symbol('celeriac.sender')

/** Remember which app sends a signature or canvas (a symbol property: cheaper than a WeakMap). */
export function bindSender(sendable: object, sender: Sender): void {
  ;(sendable as { [SENDER]?: Sender })[SENDER] = sender
}

/** The app that sends a signature or canvas, if it has one. */
export function senderOf(sendable: object): Sender | undefined {
  return (sendable as { [SENDER]?: Sender })[SENDER]
}

/** Anything that carries signature data: a Signature, chain, group or chord. */
interface HasData {
  readonly isSignature: true
  readonly data: SignatureData
}

/**
 * The plain signatures of a `link` / `linkError` option (one or a list), or a
 * TypeError that names the option and says to pass `task.s()`.
 */
export function signatureList(
  sender: Sender,
  value: unknown,
  option: CallbackOption,
): SignatureData[] {
  if (value === undefined || value === null) return []
  if (!Array.isArray(value)) return [checkedCallback(sender, value, option)]
  return value.map((item, index) => checkedCallback(sender, item, `${option}[${index}]`))
}

/** Add a callback to a signature's option list, once (Celery's de-duplicating `.link()`). */
export function withLink(
  sender: Sender,
  data: SignatureData,
  option: CallbackOption,
  callback: unknown,
): void {
  const checked = checkedCallback(sender, callback, option)
  data.options[option] ??= []
  const list = data.options[option]
  const key = JSON.stringify(checked)
  if (!list.some((existing) => JSON.stringify(existing) === key)) list.push(checked)
}

function checkedCallback(sender: Sender, value: unknown, option: string): SignatureData {
  if (!isSendable(value)) {
    throw mustBe(
      option,
      'a signature of a registered task, such as callback.s()',
      value,
      ' Callbacks run as tasks of their own, so they must be registered with app.task() and passed as task.s().',
    )
  }
  for (const name of taskNames(value.data)) {
    if (!sender.isRegistered(name)) {
      throw new TypeError(
        `${option} names the task '${name}', which is not registered in this app: define it with app.task('${name}', fn) and pass ${name}.s().`,
      )
    }
  }
  return value.data
}

/** True for Signatures and canvases (anything branded and carrying data). */
export function isSendable(value: unknown): value is HasData {
  const sendable = value as Partial<HasData> | null | undefined
  return sendable?.isSignature === true && typeof sendable.data === 'object'
}

/** Every task name inside a signature or canvas. */
export function taskNames(data: SignatureData): string[] {
  if (data.subtaskType === null) return [data.task]
  if (data.subtaskType === 'chord') return [...data.header, data.body].flatMap(taskNames)
  return data.tasks.flatMap(taskNames)
}
