import { canvasData, chordData, extendBody, GROUP_LINK_ERROR } from './freeze.ts'
import { GroupResult } from './group-result.ts'
import { newTaskId } from './ids.ts'
import type { ChordData, GroupData, SignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import { isSendable, type Sender, SignatureBase, senderOf } from './sendable.ts'
import type { ApplyOptions } from './signature.ts'
import type {
  ArgsOf,
  Callable,
  LinkTarget,
  PrependShape,
  ResultOf,
  SendableBrand,
} from './types.ts'

/** Anything that can be a step, member, header or body: a Signature or a canvas. */
export type Sendable = SendableBrand & Callable<any, any> & { readonly data: SignatureData }

/** The phantom shapes of a chain, group or chord: it is a callback only of a fitting result. */
abstract class Canvas<A extends unknown[], R, H> extends SignatureBase<A, R, H> {
  declare readonly __prepend: PrependShape<A, false>
  declare readonly __errback: 'a canvas is not an errback'
}

/** Tasks run one after another, each result prepended to the next step's args. */
export class Chain<A extends unknown[] = any[], R = unknown> extends Canvas<A, R, AsyncResult<R>> {
  /** Celery's `|`: this chain, then `next` with its result. */
  pipe<N extends Sendable & LinkTarget<R>>(next: N): Chain<A, ResultOf<N>> {
    return pipe(this, next) as Chain<A, ResultOf<N>>
  }
}

/** Tasks run in parallel; the result is a `GroupResult` in member order. */
export class Group<A extends unknown[] = any[], R extends unknown[] = unknown[]> extends Canvas<
  A,
  R,
  GroupResult<R>
> {
  override link(): never {
    throw new TypeError(GROUP_LINK_ERROR)
  }

  /** Celery's `group | task`: a chord with `body`. */
  pipe<N extends Sendable & LinkTarget<R>>(body: N): Chord<A, ResultOf<N>> {
    return pipe(this, body) as Chord<A, ResultOf<N>>
  }

  override applyAsync(args?: A, options?: ApplyOptions<R>): GroupResult<R> {
    if ((this.data as GroupData).tasks.length === 0) return new GroupResult(newTaskId(), [])
    return super.applyAsync(args, options)
  }
}

/** A group (the header) whose results, in header order, go to one body task. */
export class Chord<A extends unknown[] = any[], R = unknown> extends Canvas<A, R, AsyncResult<R>> {
  /** Celery's `chord | task`: the body grows into a chain ending with `next`. */
  pipe<N extends Sendable & LinkTarget<R>>(next: N): Chord<A, ResultOf<N>> {
    return pipe(this, next) as Chord<A, ResultOf<N>>
  }
}

type Step = Sendable

/** `left | right` in Celery: a chord after a group, a longer body after a chord, else a chain. */
export function pipe(left: Sendable, right: Sendable): Chain | Chord {
  if (left instanceof Group) return chord(left, right as never)
  if (left instanceof Chord)
    return new Chord(
      senderOf(left) ?? senderOf(right),
      extendBody(left.data as ChordData, right.data),
    )
  return chain(left, right as never)
}

/** Each step must accept the previous step's result (or be immutable). */
type ValidChain<S extends readonly Step[], Previous = never> = S extends readonly [
  infer Head extends Step,
  ...infer Tail extends Step[],
]
  ? [
      [Previous] extends [never] ? Head : Head & LinkTarget<Previous>,
      ...ValidChain<Tail, ResultOf<Head>>,
    ]
  : S

type Last<S extends readonly unknown[]> = S extends readonly [...unknown[], infer L] ? L : never

/**
 * `chain(a, b, c)`: run `a`, then `b` with a's result prepended, then `c`.
 * A failure stops the steps after it (they read FAILURE). Returns the last step's
 * handle; `.parent` walks back to the first.
 * @example chain(add.s(5, 10), resultCallback.s()).applyAsync()
 */
export function chain<S extends readonly [Step, ...Step[]]>(
  ...steps: S & ValidChain<S>
): Chain<ArgsOf<S[0]>, ResultOf<Last<S>>> {
  const tasks = dataOf(steps, 'chain')
  return new Chain(firstSender(steps), canvasData('chain', tasks))
}

/**
 * `group(a, b)` or `group([a, b])`: run in parallel; `get()` gives the results in
 * member order. Nested groups are flattened.
 */
export function group<S extends readonly Step[]>(...members: S | [S]): Group<any[], ResultsOf<S>> {
  const list = (members.length === 1 && Array.isArray(members[0]) ? members[0] : members) as Step[]
  const tasks = dataOf(list, 'group')
  return new Group<any[], ResultsOf<S>>(firstSender(list), canvasData('group', tasks))
}

/** The results of a list of signatures, position by position. */
type ResultsOf<S extends readonly Step[]> = Extract<
  { -readonly [K in keyof S]: ResultOf<S[K]> },
  unknown[]
>

/**
 * `chord(header, body)`: run the header members in parallel, then the body once
 * with all their results (in header order). A failed member fails the body with
 * `ChordError`, once. Returns the body's handle; `.parent` is the header's.
 * @example chord([add.s(1, 1), add.s(2, 2)], tsum.s()).applyAsync()
 */
export function chord<const S extends readonly Step[], B extends Step>(
  header: S | Group<any, any>,
  body: B & LinkTarget<ResultsOf<S>>,
): Chord<any[], ResultOf<B>> {
  const members =
    header instanceof Group
      ? (header.data as GroupData).tasks
      : dataOf(header as readonly Step[], 'chord')
  if (!isSendable(body))
    throw new TypeError('chord(header, body): body must be a signature, such as tsum.s().')
  return new Chord(senderOf(body), chordData(members, body.data))
}

function dataOf(items: readonly unknown[], where: string): SignatureData[] {
  return items.map((item, index) => {
    if (!isSendable(item)) {
      throw new TypeError(
        `${where}(): item ${index} must be a signature, such as add.s(1, 2); got ${typeof item === 'function' ? 'a function (call .s() on a task)' : typeof item}.`,
      )
    }
    return item.data
  })
}

/** The app of the first item that has one (items are checked signatures). */
function firstSender(items: readonly object[]): Sender | undefined {
  return items.map(senderOf).find((sender) => sender !== undefined)
}
