/**
 * Type-level helpers that make the wiring checked at compile time: partial
 * signatures infer their remaining parameters, and callbacks must accept what
 * they will be given.
 */
import type { TaskRequest } from './protocol.ts'

/** Every suffix of a parameter list: the partial args `task.s(...)` may hold. */
export type Suffixes<A extends unknown[]> = A extends [unknown, ...infer Tail]
  ? A | Suffixes<Tail>
  : A extends []
    ? []
    : A

/** The parameters left to prepend once `P` fills the end of `A`. */
export type Remaining<A extends unknown[], P extends unknown[]> = DropLast<A, P['length']>

type DropLast<
  A extends unknown[],
  N extends number,
  Dropped extends unknown[] = [],
> = Dropped['length'] extends N
  ? A
  : A extends [...infer Init, unknown]
    ? DropLast<Init, N, [...Dropped, unknown]>
    : A

/**
 * The phantom call shape of anything that can be sent: what it must be given
 * before it runs (`A`) and what it returns (`R`). Used only for type checks.
 */
export interface Callable<A extends unknown[], R> {
  /** @internal type-level only; never set at run time. */
  readonly __call?: (...args: A) => R
}

/**
 * Phantom shapes that say what a signature accepts as a callback: `__prepend`
 * takes the parent's result (immutable signatures take anything); `__errback`
 * takes `(request, exc, traceback)`. A marker string where it cannot.
 */
export type PrependShape<A extends unknown[], I extends boolean> = I extends true
  ? (first: any) => void
  : A extends [infer F, ...unknown[]]
    ? (first: F) => void
    : A extends []
      ? 'takes no parent result: all its parameters are given (use .si() to ignore the result)'
      : (first: A[number]) => void

export type ErrbackShape<A extends unknown[], I extends boolean> = I extends true
  ? (...args: any[]) => void
  : number extends A['length']
    ? (...args: A) => void
    : A extends [infer Request, infer Exc, infer Traceback, ...unknown[]]
      ? (request: Request, exc: Exc, traceback: Traceback) => void
      : A extends [unknown?, unknown?, unknown?, ...unknown[]]
        ? 'is not shaped (request, exc, traceback, ...partial)'
        : (...args: A) => void

/** Something that can run as a `link` callback of a task returning `R`. */
export interface LinkTarget<R> extends SendableBrand {
  readonly __prepend: (first: Awaited<R>) => void
}

/** Something that can run as a `linkError` errback. */
export interface LinkErrorTarget extends SendableBrand {
  readonly __errback: (request: TaskRequest, exc: Error, traceback: string | null) => void
}

/** The result a signature or canvas resolves to. */
export type ResultOf<S> = S extends Callable<any, infer R> ? Awaited<R> : unknown

/** The args a signature or canvas still needs. */
export type ArgsOf<S> = S extends Callable<infer A, any> ? A : unknown[]

/** The brand every Signature, chain, group and chord carries: plain functions lack it. */
export interface SendableBrand {
  readonly isSignature: true
}

/** One, or a list of, callbacks. */
export type OneOrMany<T> = T | readonly T[]
