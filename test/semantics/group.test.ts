import { afterEach, describe, expect, it } from 'vitest'
import { group } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('E. group', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('51. results come in member order, not completion order', async () => {
    const g = group(ctx.sleepThen.s(1, 60), ctx.sleepThen.s(2, 0), ctx.sleepThen.s(3, 20))
    expect(await g.applyAsync().get()).toEqual([1, 2, 3])
  })

  it('52. group args are prepended to every member', async () => {
    expect(await group(ctx.add.s(2), ctx.add.s(4)).applyAsync([10]).get()).toEqual([12, 14])
  })

  it('54. an empty group gives []', async () => {
    expect(await group().applyAsync().get()).toEqual([])
    expect(await group([]).applyAsync().get()).toEqual([])
  })

  it('55. a failed member: get() throws, propagate: false returns the errors in place', async () => {
    const r = group(ctx.add.s(1, 1), ctx.fail.s(), ctx.add.s(2, 2)).applyAsync()
    await expect(r.get()).rejects.toMatchObject({ name: 'ValueError', message: 'boom' })
    const values = await r.get({ propagate: false })
    expect(values[0]).toBe(2)
    expect(values[1]).toMatchObject({ name: 'ValueError', message: 'boom' })
    expect(values[2]).toBe(4)
    expect([r.ready(), r.successful(), r.failed(), r.waiting(), r.completedCount()]).toEqual([
      true,
      false,
      true,
      false,
      2,
    ])
  })

  it('56. linkError on a group goes to every member and fires per failed member', async () => {
    const g = group(ctx.fail.s(), ctx.fail.s(), ctx.add.s(1, 1))
    g.linkError(ctx.ebNew.s())
    const r = g.applyAsync()
    await settled(r)
    expect(ctx.E.map((entry) => entry.id).sort()).toEqual(
      [r.results[0]!.id, r.results[1]!.id].sort(),
    )
  })

  it('57. link on a group is refused with a pointer to chord', () => {
    const g = group(ctx.add.s(1, 1))
    expect(() => g.applyAsync([], { link: ctx.record.s() } as never)).toThrow(
      new TypeError('Cannot add link to group: use a chord, such as chord(group, callback.s()).'),
    )
    expect(() => g.applyAsync([], { linkError: ctx.record.s() } as never)).toThrow(
      /Cannot add link to group: do that on individual tasks/,
    )
    expect(() => (g.link as (cb: unknown) => unknown)(ctx.record.s())).toThrow(/use a chord/)
  })

  it('nested groups are flattened; taskId names the group', async () => {
    const r = group(ctx.add.s(1, 1), group(ctx.add.s(2, 2), ctx.add.s(3, 3))).applyAsync([], {
      taskId: 'g1',
    })
    expect(r.id).toBe('g1')
    expect(r.results).toHaveLength(3)
    expect(await r.get()).toEqual([2, 4, 6])
  })

  it('get({ timeout }) is a total budget for the whole group', async () => {
    const r = group(ctx.sleepThen.s(1, 5_000)).applyAsync()
    await expect(r.get({ timeout: 30 })).rejects.toMatchObject({ name: 'TimeoutError' })
  })
})
