import { addCallbacks } from './freeze.ts'
import type { GroupResult } from './group-result.ts'
import type { SendOptions, SignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import type { ApplyOptions } from './signature.ts'
import type { Callable, LinkErrorTarget, LinkTarget, SendableBrand } from './types.ts'
import { checkSendOptions, mustBe } from './validate.ts'

/** What signatures and canvases need from their app: sending and checking. */
export interface Sender {
  /** Validate, freeze and publish; returns the handle of what was sent. */
  send(data: SignatureData, args: unknown[], options: object): AsyncResult<any> | GroupResult<any>
  /** Whether `name` is a task registered in this app. */
  isRegistered(name: string): boolean
}

type CallbackOption = 'link' | 'linkError'

const SENDER = Symbol('celeriac.sender')

/** Remember which app sends a signature or canvas (a symbol property: cheaper than a WeakMap). */
function bindSender(sendable: object, sender: Sender): void {
  ;(sendable as { [SENDER]?: Sender })[SENDER] = sender
}

/** The app that sends a signature or canvas, if it has one. */
export function senderOf(sendable: object): Sender | undefined {
  return (sendable as { [SENDER]?: Sender })[SENDER]
}

/**
 * What signatures, chains, groups and chords share (Celery's canvases are
 * signatures too): options, callbacks and sending through their app. `H` is the
 * handle `applyAsync` returns.
 */
export abstract class SignatureBase<A extends unknown[], R, H>
  implements SendableBrand, Callable<A, R>
{
  readonly isSignature = true as const
  declare readonly __call?: (...args: A) => R
  /** @internal the plain data this stands for. */
  readonly data: SignatureData

  /** A canvas of no tasks has no app (`sender`); sending it throws. */
  constructor(sender: Sender | undefined, data: SignatureData) {
    this.data = data
    if (sender) bindSender(this, sender)
  }

  /** Change options in place (Celery's `.set()`), e.g. `{ countdown }`. @returns this */
  set(options: SendOptions): this {
    checkSendOptions(options, 'set')
    Object.assign(this.data.options, options)
    return this
  }

  /** Add a success callback (an equal one is not added twice). @returns the callback */
  link<C extends LinkTarget<R>>(callback: C): C {
    return this.#addCallback('link', callback)
  }

  /** Add an errback (an equal one is not added twice). @returns the errback */
  linkError<C extends LinkErrorTarget>(errback: C): C {
    return this.#addCallback('linkError', errback)
  }

  /**
   * Send it: `args` are prepended to the partial args (a canvas's first task's or
   * tasks'), unless immutable.
   */
  applyAsync(args?: A, options?: ApplyOptions<R>): H {
    return this.#sender().send(this.data, (args ?? []) as unknown[], options ?? {}) as H
  }

  /** Send it with these args: `sig.delay(...args)`. */
  delay(...args: A): H {
    return this.applyAsync(args)
  }

  /** @internal */
  toJSON(): SignatureData {
    return this.data
  }

  /** Celery's de-duplicating `.link()`: a callback equal to one already there is not added. */
  #addCallback<C>(option: CallbackOption, callback: C): C {
    const checked = checkedCallback(this.#sender(), callback, option)
    this.data.options[option] ??= []
    addCallbacks(this.data.options[option], [checked])
    return callback
  }

  #sender(): Sender {
    const sender = senderOf(this)
    if (!sender) throw new TypeError('This canvas has no tasks, so no app to send it with.')
    return sender
  }
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
function taskNames(data: SignatureData): string[] {
  if (data.subtaskType === null) return [data.task]
  if (data.subtaskType === 'chord') return [...data.header, data.body].flatMap(taskNames)
  return data.tasks.flatMap(taskNames)
}
