import { type Chain, pipe, type Sendable } from './canvas.ts'
import type { SendOptions, SignatureData, SignatureOptions, TaskSignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { bindSender, type Sender, withLink } from './sendable.ts'
import type {
  Callable,
  ErrbackShape,
  LinkErrorTarget,
  LinkTarget,
  OneOrMany,
  PrependShape,
  ResultOf,
  SendableBrand,
} from './types.ts'

/** Options of `applyAsync`: send options, callbacks and buffers to move. */
export interface ApplyOptions<R = unknown> extends SendOptions {
  /** Tasks to run with this task's result prepended, once it succeeds. */
  link?: OneOrMany<LinkTarget<R>>
  /** Tasks to run as `(request, exc, traceback)` once it finally fails. */
  linkError?: OneOrMany<LinkErrorTarget>
  /** Buffers in the args to move to the worker without a copy. */
  transfer?: Transferable[]
}

/**
 * A task call described as data — Celery's `signature` / `.s()`: the task, its
 * partial args and options. Send it, link it, or put it in a chain, group or chord.
 * `A` is what must still be given (prepended) when it runs; `R` its result.
 */
export class Signature<A extends unknown[] = any[], R = unknown, I extends boolean = boolean>
  implements SendableBrand, Callable<A, R>
{
  readonly isSignature = true as const
  declare readonly __call?: (...args: A) => R
  declare readonly __prepend: PrependShape<A, I>
  declare readonly __errback: ErrbackShape<A, I>
  /** @internal the plain data this signature stands for. */
  readonly data: TaskSignatureData
  readonly #sender: Sender

  /** @internal use `task.s()`, `task.si()` or `app.signature()`. */
  constructor(sender: Sender, data: TaskSignatureData) {
    this.#sender = sender
    this.data = data
    bindSender(this, sender)
  }

  /** The task's name. */
  get name(): string {
    return this.data.task
  }

  /** The partial args. */
  get args(): unknown[] {
    return this.data.args
  }

  /** The options set on this signature. */
  get options(): SignatureOptions {
    return this.data.options
  }

  /** True for `.si()` signatures, which ignore a parent's result. */
  get immutable(): boolean {
    return this.data.immutable
  }

  /**
   * Change options in place (Celery's `.set()`), e.g. `{ taskId, countdown }`.
   * @returns this signature
   */
  set(options: SendOptions & { immutable?: boolean }): this {
    const { immutable, ...rest } = options
    this.#sender.validateOptions(rest, 'set')
    Object.assign(this.data.options, rest)
    if (immutable !== undefined) this.data.immutable = immutable
    return this
  }

  /** Add a success callback (an equal one is not added twice). @returns the callback */
  link<C extends LinkTarget<R>>(callback: C): C {
    withLink(this.#sender, this.data, 'link', callback)
    return callback
  }

  /** Add an errback (an equal one is not added twice). @returns the errback */
  linkError<C extends LinkErrorTarget>(errback: C): C {
    withLink(this.#sender, this.data, 'linkError', errback)
    return errback
  }

  /** A deep copy, optionally with more partial args (appended) and options. */
  clone(args: unknown[] = [], options: SendOptions = {}): Signature<A, R, I> {
    const data = structuredClone(this.data)
    data.args.push(...args)
    Object.assign(data.options, options)
    return new Signature(this.#sender, data)
  }

  /** Send it: `args` are prepended to the partial args (unless immutable). */
  applyAsync(args?: A, options?: ApplyOptions<R>): AsyncResult<Awaited<R>> {
    return this.#sender.send(this.data, (args ?? []) as unknown[], options ?? {}) as AsyncResult<
      Awaited<R>
    >
  }

  /** Send it with these args prepended: `sig.delay(...args)`. */
  delay(...args: A): AsyncResult<Awaited<R>> {
    return this.applyAsync(args)
  }

  /** Celery's `|`: a chain that runs `next` with this signature's result. */
  pipe<N extends Sendable & LinkTarget<R>>(next: N): Chain<A, ResultOf<N>> {
    return pipe(this, next) as Chain<A, ResultOf<N>>
  }

  /** @internal */
  toJSON(): SignatureData {
    return this.data
  }
}
