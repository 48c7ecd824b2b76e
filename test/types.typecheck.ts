/**
 * Compile-time checks of the wiring: `npm run typecheck` fails if any
 * `@ts-expect-error` below stops being an error, or an accepted line becomes one.
 */
import { expectTypeOf } from 'vitest'
import {
  type AsyncResult,
  chain,
  chord,
  createApp,
  type GroupResult,
  group,
  type TaskRequest,
} from '../src/index.ts'

const app = createApp()
const add = app.task('add', (x: number, y: number) => x + y)
const mul = app.task('mul', (x: number, y: number) => x * y)
const shout = app.task('shout', (text: string) => text.toUpperCase())
const tsum = app.task('tsum', (xs: number[]) => xs.reduce((a, b) => a + b, 0))
const onError = app.task(
  'on_error',
  (request: TaskRequest, exc: Error, traceback: string | null) => {
    void [request, exc, traceback]
  },
)
const tagged = app.task(
  'tagged',
  (_request: TaskRequest, _exc: Error, _tb: string | null, tag: string) => tag,
)
const bound = app.task('bound', (ctx, x: number) => ctx.request.retries + x, { bind: true })

// A task's own call, delay and applyAsync take its parameters.
expectTypeOf(add(1, 2)).toEqualTypeOf<Promise<number>>()
expectTypeOf(add.delay(1, 2)).toEqualTypeOf<AsyncResult<number>>()
expectTypeOf(bound.delay(1)).toEqualTypeOf<AsyncResult<number>>()
// @ts-expect-error a string is not a number
add.delay('1', 2)
// @ts-expect-error too few args
add.applyAsync([1])

// .s() infers what remains; .si() takes all and leaves nothing.
expectTypeOf(mul.s(10).delay).parameters.toEqualTypeOf<[x: number]>()
expectTypeOf(mul.si(3, 5).delay).parameters.toEqualTypeOf<[]>()
// @ts-expect-error the partial arg must fit the last parameter
mul.s('10')

// link: the callback's first remaining parameter takes the parent's result.
add.applyAsync([2, 2], { link: mul.s(10) })
add.applyAsync([2, 2], { link: [mul.s(10), mul.si(3, 3)] })
// @ts-expect-error shout takes a string, add returns a number
add.applyAsync([2, 2], { link: shout.s() })
// @ts-expect-error a plain function is not a callback: pass task.s()
add.applyAsync([2, 2], { link: (result: number) => result })
// @ts-expect-error the task itself is not a signature
add.applyAsync([2, 2], { link: mul })
// @ts-expect-error mul.s(1, 2) takes no parent result
add.applyAsync([2, 2], { link: mul.s(1, 2) })

// linkError: shaped (request, exc, traceback, ...partial).
add.applyAsync([2, 2], { linkError: onError.s() })
add.applyAsync([2, 2], { linkError: tagged.s('t1') })
add.applyAsync([2, 2], { linkError: mul.si(1, 1) })
// @ts-expect-error mul is not an errback
add.applyAsync([2, 2], { linkError: mul.s() })
// @ts-expect-error a plain function is not an errback
add.applyAsync([2, 2], { linkError: () => undefined })

// chain: each step takes the previous result.
expectTypeOf(chain(add.s(1, 2), mul.s(10)).applyAsync()).toEqualTypeOf<AsyncResult<number>>()
// @ts-expect-error shout cannot take add's number
chain(add.s(1, 2), shout.s())

// group and chord: results by position; the body takes the header's results.
expectTypeOf(group(add.s(1, 1), shout.s('a')).applyAsync()).toEqualTypeOf<
  GroupResult<[number, string]>
>()
expectTypeOf(chord([add.s(1, 1), add.s(2, 2)], tsum.s()).applyAsync()).toEqualTypeOf<
  AsyncResult<number>
>()
// @ts-expect-error shout cannot take a list of numbers
chord([add.s(1, 1)], shout.s())
