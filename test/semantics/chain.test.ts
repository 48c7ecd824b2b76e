import { afterEach, describe, expect, it } from 'vitest'
import { AsyncResult, Chord, chain, GroupResult, group } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('D. chain', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('37. results pass step to step; .parent walks back to the first step', async () => {
    const r = chain(ctx.add.s(4, 4), ctx.mul.s(8), ctx.mul.s(10)).applyAsync()
    expect(await r.get()).toBe(640)
    const second = r.parent as AsyncResult
    const first = second.parent as AsyncResult
    expect([await second.get(), await first.get(), first.parent]).toEqual([64, 8, null])
  })

  it('a get() already waiting when an earlier step is revoked throws the revocation', async () => {
    const r = chain(ctx.add.s(1, 1).set({ countdown: 60_000 }), ctx.add.s(5)).applyAsync()
    const waiting = r.get({ timeout: 2_000 })
    await (r.parent as AsyncResult).revoke()
    await expect(waiting).rejects.toMatchObject({ name: 'TaskRevokedError' })
  })

  it('38. chain args go to the first step, prepended', async () => {
    expect(await chain(ctx.add.s(4), ctx.mul.s(2)).applyAsync([1]).get()).toBe(10)
  })

  it('39. an immutable step drops the previous result', async () => {
    expect(await chain(ctx.add.s(1, 1), ctx.mul.si(3, 3), ctx.add.s(1)).applyAsync().get()).toBe(10)
  })

  it('42. a failure stops later steps, which read FAILURE with the same error', async () => {
    let ran = false
    const after = ctx.app.task('after', (x: number) => {
      ran = true
      return x
    })
    const r = chain(ctx.add.s(1, 1), ctx.fail.s(), after.s()).applyAsync()
    await expect(r.get()).rejects.toMatchObject({ name: 'ValueError', message: 'boom' })
    const failed = r.parent as AsyncResult
    const first = failed.parent as AsyncResult
    expect(await first.get()).toBe(2)
    expect(await failed.get({ propagate: false })).toMatchObject({ name: 'ValueError' })
    expect(ran).toBe(false)
    expect([r.state, (r.result as Error).message]).toEqual(['FAILURE', 'boom'])
    expect(await ctx.app.result(r.id).get({ propagate: false })).toMatchObject({ message: 'boom' })
  })

  it('42b. the failing step got the previous result', async () => {
    const seen: unknown[][] = []
    ctx.app.on('task-sent', (event) => event.name === 'fail' && seen.push(event.args))
    await settled(chain(ctx.add.s(1, 1), ctx.fail.s(), ctx.add.s(1)).applyAsync())
    expect(seen).toEqual([[2]])
  })

  it('43. linkError on a chain fires once, for the failing step', async () => {
    const c = chain(ctx.add.s(1, 1), ctx.fail.s(), ctx.add.s(1))
    c.linkError(ctx.ebNew.s())
    const r = c.applyAsync()
    await settled(r)
    expect(ctx.E).toHaveLength(1)
    expect(ctx.E[0]!.id).toBe((r.parent as AsyncResult).id)
  })

  it('44. link on a chain goes to the last step', async () => {
    const c = chain(ctx.add.s(1, 1), ctx.add.s(1))
    c.link(ctx.record.s())
    await settled(c.applyAsync())
    expect(ctx.L).toEqual([[3]])
  })

  it('45. taskId names the last step; other options apply to the first', async () => {
    const r = chain(ctx.add.s(1, 1), ctx.add.s(1)).applyAsync([], { taskId: 'the-last' })
    expect(r.id).toBe('the-last')
    expect(await r.get()).toBe(3)
  })

  it('46. a group followed by a step becomes a chord inside the chain', async () => {
    const r = chain(ctx.add.s(2, 2), group(ctx.add.s(1), ctx.add.s(2)), ctx.tsum.s()).applyAsync()
    expect(await r.get()).toBe(11)
    const header = r.parent as GroupResult
    expect(header).toBeInstanceOf(GroupResult)
    expect(await header.get()).toEqual([5, 6])
    expect(await (header.parent as AsyncResult).get()).toBe(4)
  })

  it('47. chain(group, step) is a chord', async () => {
    const c = chain(group(ctx.add.s(1, 1), ctx.add.s(2, 2)), ctx.tsum.s())
    expect(await c.applyAsync().get()).toBe(6)
    expect(group(ctx.add.s(1, 1), ctx.add.s(2, 2)).pipe(ctx.tsum.s())).toBeInstanceOf(Chord)
  })

  it('nested chains are spliced; a one-member group is unrolled', async () => {
    // One-member groups unroll at run time, which the types cannot know: hence the cast.
    const inner = chain(group(ctx.add.s(1)), ctx.add.s(1) as never)
    const r = chain(ctx.add.s(2, 2), inner).applyAsync()
    expect(await r.get()).toBe(6)
  })

  it('a chain ending in a group returns a GroupResult whose parent is the previous step', async () => {
    const r = chain(
      ctx.add.s(1, 1),
      group(ctx.mul.s(2), ctx.mul.s(3)),
    ).applyAsync() as unknown as GroupResult
    expect(await r.get()).toEqual([4, 6])
    expect(r.parent).toBeInstanceOf(AsyncResult)
  })

  it('a chain of 1,000 steps completes', async () => {
    const steps = Array.from({ length: 1000 }, () => ctx.add.s(1))
    expect(
      await chain(ctx.add.s(0, 0), ...steps)
        .applyAsync()
        .get(),
    ).toBe(1000)
  })
})
