import type { GroupResult } from './group-result.ts'
import type { SendOptions, SignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'

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
  const items = Array.isArray(value) ? value : [value]
  return items.map((item, index) =>
    checkedCallback(sender, item, Array.isArray(value) ? `${option}[${index}]` : option),
  )
}

/** Add a callback to a signature's option list, once (Celery's de-duplicating `.link()`). */
export function withLink(
  sender: Sender,
  data: SignatureData,
  option: CallbackOption,
  callback: unknown,
): void {
  const checked = checkedCallback(sender, callback, option)
  const list = data.options[option] ?? []
  data.options[option] = list
  const key = JSON.stringify(checked)
  if (!list.some((existing) => JSON.stringify(existing) === key)) list.push(checked)
}

function checkedCallback(sender: Sender, value: unknown, option: string): SignatureData {
  if (!isSendable(value)) throw new TypeError(notASignatureMessage(option, value))
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
  return (
    (typeof value === 'object' || typeof value === 'function') &&
    value !== null &&
    (value as HasData).isSignature === true &&
    typeof (value as HasData).data === 'object'
  )
}

/** Every task name inside a signature or canvas. */
export function taskNames(data: SignatureData): string[] {
  switch (data.subtaskType) {
    case null:
      return [data.task]
    case 'chord':
      return [...data.header.flatMap(taskNames), ...taskNames(data.body)]
    default:
      return data.tasks.flatMap(taskNames)
  }
}

function notASignatureMessage(option: string, value: unknown): string {
  const got = describeValue(value)
  return (
    `${option} must be a signature of a registered task, such as callback.s(); got ${got}. ` +
    'Callbacks run as tasks of their own, possibly on another worker, so they must be registered with app.task() and passed as task.s() (or task.si()).'
  )
}

function describeValue(value: unknown): string {
  if (typeof value === 'function') {
    const isTask = (value as { s?: unknown }).s !== undefined
    return isTask
      ? `the task '${(value as { name: string }).name}' itself (call .s() on it)`
      : 'a plain function'
  }
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object that is not a signature' : `a ${typeof value}`
}
