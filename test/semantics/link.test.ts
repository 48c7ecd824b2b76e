import { afterEach, describe, expect, it } from 'vitest'
import type { AsyncResult } from '../../src/index.ts'
import { chain, group } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('B. link (success callbacks)', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  const sent = (name: string) => {
    const calls: unknown[][] = []
    ctx.app.on('task-sent', (event) => {
      if (event.name === name) calls.push(event.args)
    })
    return calls
  }

  it('12. the callback runs once with the parent result prepended; the parent keeps its own result', async () => {
    const mulCalls = sent('mul')
    const r = ctx.add.applyAsync([2, 2], { link: ctx.mul.s(10) })
    await settled(r)
    expect(mulCalls).toEqual([[4, 10]])
    expect(await r.children[0]!.get()).toBe(40)
    expect(await r.get()).toBe(4)
  })

  it('13. the parent result is prepended, not appended', async () => {
    const r = ctx.identity.applyAsync([30], { link: ctx.sub.s(10) })
    await settled(r)
    expect(await r.children[0]!.get()).toBe(20)
  })

  it('14. an immutable callback ignores the parent result', async () => {
    const mulCalls = sent('mul')
    const r = ctx.add.applyAsync([2, 2], { link: ctx.mul.si(3, 5) })
    await settled(r)
    expect(mulCalls).toEqual([[3, 5]])
    expect(await r.children[0]!.get()).toBe(15)
  })

  it('15/16. partial args follow the prepended ones (kwargs are not part of celeriac)', async () => {
    const r = ctx.identity.applyAsync([7], { link: ctx.record.s(1, 'a') })
    await settled(r)
    expect(ctx.L).toEqual([[7, 1, 'a']])
    await ctx.record.s(1).applyAsync([0]).get()
    expect(ctx.L[1]).toEqual([0, 1])
  })

  it('17. several links each run once, in order', async () => {
    const r = ctx.add.applyAsync([2, 2], { link: [ctx.mul.s(2), ctx.mul.s(3)] })
    await settled(r)
    expect(await Promise.all(r.children.map((child) => child.get()))).toEqual([8, 12])
  })

  it('17b. sig.link() ignores an equal duplicate and returns the callback', async () => {
    const sig = ctx.add.s(2, 2)
    const callback = ctx.record.s()
    expect(sig.link(callback)).toBe(callback)
    sig.link(ctx.record.s())
    const r = sig.delay()
    await settled(r)
    expect(ctx.L).toEqual([[4]])
  })

  it('19. a failed task runs no link callbacks', async () => {
    const r = ctx.fail.applyAsync([], { link: ctx.record.s() })
    await settled(r)
    expect(ctx.L).toEqual([])
    expect(r.state).toBe('FAILURE')
    expect(r.children).toEqual([])
  })

  it('21. a group as a callback gets the result prepended to every member', async () => {
    const r = ctx.add.applyAsync([2, 2], { link: group(ctx.mul.s(2), ctx.mul.s(3)) })
    await settled(r)
    expect(await r.children[0]!.get()).toEqual([8, 12])
  })

  it('22. a chain as a callback gets the result prepended to its first step', async () => {
    const r = ctx.add.applyAsync([2, 2], { link: chain(ctx.mul.s(2), ctx.add.s(1)) })
    await settled(r)
    expect(await r.children[0]!.get()).toBe(9)
  })

  it('23. callbacks travel with retries and run once, after the final run', async () => {
    const retrying = ctx.app.task(
      'retrying',
      (task) => (task.request.retries < 2 ? task.retry({ countdown: 0 }) : 5),
      { bind: true },
    )
    const r = retrying.applyAsync([], { link: ctx.record.s() })
    expect(await r.get()).toBe(5)
    await settled(r)
    expect(ctx.L).toEqual([[5]])
  })

  it('a callback’s task-sent comes before its parent’s task-succeeded', async () => {
    const order: string[] = []
    ctx.app.on('*', (event) => {
      if (event.type === 'task-sent' || event.type === 'task-succeeded')
        order.push(`${event.type}:${event.name}`)
    })
    await settled(ctx.add.applyAsync([1, 1], { link: ctx.record.s() }))
    expect(order).toContain('task-sent:record')
    expect(order.indexOf('task-sent:record')).toBeLessThan(order.indexOf('task-succeeded:add'))
  })

  it('a failing callback does not change its parent', async () => {
    const r = ctx.add.applyAsync([1, 1], { link: ctx.fail.s() })
    await settled(r)
    expect(r.state).toBe('SUCCESS')
    expect((r.children[0] as AsyncResult).state).toBe('FAILURE')
  })
})
