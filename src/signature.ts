import { type Chain, pipe, type Sendable } from './canvas.ts'
import type { SendOptions, SignatureOptions, TaskSignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { type Sender, SignatureBase, senderOf } from './sendable.ts'
import type {
  ErrbackShape,
  LinkErrorTarget,
  LinkTarget,
  OneOrMany,
  PrependShape,
  ResultOf,
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
export class Signature<
  A extends unknown[] = any[],
  R = unknown,
  I extends boolean = boolean,
> extends SignatureBase<A, R, AsyncResult<Awaited<R>>> {
  declare readonly __prepend: PrependShape<A, I>
  declare readonly __errback: ErrbackShape<A, I>
  /** @internal the plain data this signature stands for. */
  declare readonly data: TaskSignatureData

  /** @internal use `task.s()`, `task.si()` or `app.signature()`. */
  constructor(sender: Sender, data: TaskSignatureData) {
    super(sender, data)
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
  override set(options: SendOptions & { immutable?: boolean }): this {
    const { immutable, ...rest } = options
    super.set(rest)
    if (immutable !== undefined) this.data.immutable = immutable
    return this
  }

  /** A deep copy, optionally with more partial args (appended) and options. */
  clone(args: unknown[] = [], options: SendOptions = {}): Signature<A, R, I> {
    const data = structuredClone(this.data)
    data.args.push(...args)
    Object.assign(data.options, options)
    return new Signature(senderOf(this)!, data)
  }

  /** Celery's `|`: a chain that runs `next` with this signature's result. */
  pipe<N extends Sendable & LinkTarget<R>>(next: N): Chain<A, ResultOf<N>> {
    return pipe(this, next) as Chain<A, ResultOf<N>>
  }
}
