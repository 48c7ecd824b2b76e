import { afterEach, describe, expect, it } from 'vitest'
import { AsyncResult, chord, GroupResult } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('F. chord', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('59. the body gets the header results; the handle is the body, its parent the header', async () => {
    const r = chord([ctx.add.s(2, 2), ctx.add.s(4, 4)], ctx.tsum.s()).applyAsync()
    expect(await r.get()).toBe(12)
    expect(r.parent).toBeInstanceOf(GroupResult)
    expect(await (r.parent as GroupResult).get()).toEqual([4, 8])
  })

  it('59b. taskId names the body', async () => {
    const r = chord([ctx.add.s(2, 2)], ctx.tsum.s()).applyAsync([], { taskId: 'body-id' })
    expect(r.id).toBe('body-id')
    expect(await ctx.app.result('body-id').get()).toBe(4)
  })

  it('61. header results (in header order) come first, then the body’s own args', async () => {
    await settled(chord([ctx.sleepThen.s(2, 30), ctx.add.s(2, 2)], ctx.record.s('x')).applyAsync())
    expect(ctx.L).toEqual([[[2, 4], 'x']])
  })

  it('62. an empty header runs the body with []', async () => {
    expect(await chord([], ctx.tsum.s()).applyAsync().get()).toBe(0)
  })

  it('63/64. a failed header member fails the body with ChordError once; siblings still run', async () => {
    const c = chord([ctx.add.s(1, 1), ctx.fail.s(), ctx.sleepThen.s(3, 20)], ctx.tsum.s())
    c.linkError(ctx.ebNew.s())
    const r = c.applyAsync()
    await expect(r.get()).rejects.toMatchObject({ name: 'ValueError', message: 'boom' })
    const failedMember = (r.parent as GroupResult).results[1]!
    const body = ctx.app.result(r.id)
    const error = (await body.get({ propagate: false })) as Error
    expect(error).toMatchObject({
      name: 'ChordError',
      message: `Dependency ${failedMember.id} raised ValueError("boom")`,
    })
    expect(error.cause).toMatchObject({ name: 'ValueError', message: 'boom' })
    await expect(body.get()).rejects.toMatchObject({ name: 'ChordError' })
    expect(body.traceback).toBeNull()
    await settled(r)
    expect(ctx.E).toHaveLength(1)
    expect(ctx.E[0]).toMatchObject({ id: r.id, excName: 'ChordError', tb: null })
    expect(await (r.parent as GroupResult).results[2]!.get()).toBe(3)
  })

  it('67. link on a chord goes to the body', async () => {
    const c = chord([ctx.add.s(1, 1), ctx.add.s(2, 2)], ctx.tsum.s())
    c.link(ctx.record.s())
    await settled(c.applyAsync())
    expect(ctx.L).toEqual([[6]])
  })

  it('68. a failing body is a normal failure with its own errbacks', async () => {
    const seen: unknown[][] = []
    ctx.app.on('task-sent', (event) => event.name === 'fail' && seen.push(event.args))
    const c = chord([ctx.add.s(1, 1)], ctx.fail.s())
    c.linkError(ctx.ebNew.s())
    const r = c.applyAsync()
    await expect(r.get()).rejects.toMatchObject({ name: 'ValueError' })
    await settled(r)
    expect(seen).toEqual([[[2]]])
    expect(ctx.E).toEqual([expect.objectContaining({ id: r.id, excName: 'ValueError' })])
  })

  it('the errback request of a chord failure describes the body (rule 17)', async () => {
    const requests: unknown[] = []
    const spy = ctx.app.task('spy', (request: unknown, _exc: Error, _tb: string | null) => {
      requests.push(request)
    })
    const c = chord([ctx.fail.s()], ctx.record.s('own'))
    c.linkError(spy.s())
    const r = c.applyAsync()
    await settled(r)
    expect(requests).toEqual([
      expect.objectContaining({ id: r.id, task: 'record', args: ['own'], retries: 0 }),
    ])
  })

  it('a chain in the header counts with its last step', async () => {
    const header = [ctx.add.s(1, 1), chainOf(ctx)]
    expect(await chord(header, ctx.tsum.s()).applyAsync().get()).toBe(2 + 30)
  })

  it('a revoked header member counts as a failure', async () => {
    const c = chord([ctx.sleepThen.s(1, 0).set({ countdown: 50 }), ctx.add.s(1, 1)], ctx.tsum.s())
    const r = c.applyAsync()
    await (r.parent as GroupResult).results[0]!.revoke()
    await expect(ctx.app.result(r.id).get()).rejects.toMatchObject({ name: 'ChordError' })
    expect(r).toBeInstanceOf(AsyncResult)
  })
})

import { chain } from '../../src/index.ts'

function chainOf(ctx: ReturnType<typeof semanticsApp>) {
  return chain(ctx.add.s(10, 5), ctx.mul.s(2))
}
