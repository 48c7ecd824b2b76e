import { afterEach, describe, expect, it } from 'vitest'
import { chain, group } from '../../src/index.ts'
import { semanticsApp } from '../fixtures/semantics-app.ts'

describe('Bad input is refused at the call, before anything is queued', () => {
  let ctx = semanticsApp()
  let sent: string[] = []
  afterEach(async () => {
    expect(sent).toEqual([])
    await ctx.app.close()
    ctx = semanticsApp()
    sent = []
  })
  const watchSent = () => ctx.app.on('task-sent', (event) => sent.push(event.name))

  it('a plain function as link or linkError (the rule): TypeError saying to pass task.s()', () => {
    watchSent()
    const callback = (result: number) => console.log(result)
    expect(() => ctx.add.applyAsync([1, 2], { link: callback as never })).toThrow(TypeError)
    expect(() => ctx.add.applyAsync([1, 2], { link: callback as never })).toThrow(
      /link must be a signature of a registered task, such as callback\.s\(\); got a plain function/,
    )
    expect(() =>
      ctx.add.applyAsync([1, 2], { linkError: [ctx.ebNew.s(), callback] as never }),
    ).toThrow(/linkError\[1\] must be a signature .* got a plain function/)
    expect(() => ctx.add.s(1, 2).link(callback as never)).toThrow(
      /must be registered with app\.task\(\)/,
    )
  })

  it('a task itself instead of its signature: TypeError saying to call .s()', () => {
    watchSent()
    expect(() => ctx.add.applyAsync([1, 2], { link: ctx.record as never })).toThrow(
      /got the task 'record' itself \(call \.s\(\) on it\)/,
    )
  })

  it('a link to a task not registered in this app', () => {
    watchSent()
    const other = semanticsApp()
    const stranger = other.app.task('stranger', (x: number) => x)
    expect(() => ctx.add.applyAsync([1, 2], { link: stranger.s() })).toThrow(
      /link names the task 'stranger', which is not registered in this app/,
    )
  })

  it('a duplicate task name', () => {
    expect(() => ctx.app.task('add', (x: number) => x)).toThrow(
      /a task named 'add' is already registered/,
    )
  })

  it('args that are not an array', () => {
    watchSent()
    expect(() => ctx.add.applyAsync(5 as never)).toThrow(
      /args must be an array, such as \[2, 2\]; got 5/,
    )
    expect(() => chain(ctx.add.s(1), ctx.add.s(2)).applyAsync('x' as never)).toThrow(
      /chain\.applyAsync: args must be an array/,
    )
  })

  it('args that structured clone would reject, named by path, inside canvases too', () => {
    watchSent()
    expect(() => ctx.identity.applyAsync([{ nested: { f: () => 1 } }])).toThrow(
      /args\[0\]\.nested\.f is a function/,
    )
    expect(() => group(ctx.identity.s(1), ctx.identity.s(new WeakMap())).applyAsync()).toThrow(
      /tasks\[1\]\.args\[0\] is an instance of class WeakMap/,
    )
    expect(() => ctx.identity.delay({ [Symbol('k')]: 1 })).toThrow(/symbol keys/)
  })

  it('negative or NaN countdown, timeout and limits', async () => {
    watchSent()
    expect(() => ctx.add.applyAsync([1, 2], { countdown: -1 })).toThrow(
      /countdown \}\) must be a number of milliseconds ≥ 0; got -1/,
    )
    expect(() => ctx.add.applyAsync([1, 2], { countdown: Number.NaN })).toThrow(/got NaN/)
    expect(() => ctx.add.applyAsync([1, 2], { timeLimit: -5 })).toThrow(/timeLimit/)
    expect(() => ctx.add.s(1, 2).set({ countdown: -1 })).toThrow(/set\(\{ countdown \}\)/)
    await expect(ctx.app.result('x').get({ timeout: -1 })).rejects.toThrow(
      /get\(\{ timeout \}\) must be a number of milliseconds/,
    )
    await expect(ctx.app.result('x').get({ timeout: Number.NaN })).rejects.toThrow(TypeError)
  })

  it('a bad message never stops the worker loop', async () => {
    await expect(ctx.app.signature('nope').delay().get()).rejects.toMatchObject({
      name: 'NotRegistered',
    })
    expect(() => ctx.add.applyAsync([1, 2], { link: (() => 0) as never })).toThrow(TypeError)
    expect(await ctx.add.delay(2, 2).get()).toBe(4)
  })
})

describe('Error classes', () => {
  it('keep their names when minified: the name is written out, not read from the class', async () => {
    const errors = await import('../../src/errors.ts')
    for (const name of errors.CELERIAC_ERROR_NAMES) {
      const ErrorClass = (errors as unknown as Record<string, new (message: string) => Error>)[
        name
      ]!
      const error = new ErrorClass('x')
      expect([error.name, error instanceof errors.CeleriacError]).toEqual([name, true])
      expect(Object.hasOwn(error, 'name')).toBe(true)
    }
  })
})
