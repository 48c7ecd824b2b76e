import { afterEach, describe, expect, it, vi } from 'vitest'
import type { TaskEvent } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('Events', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('carry Celery’s names in order, with ids, name, parent/root ids, timestamps and results', async () => {
    const events: TaskEvent[] = []
    ctx.app.on('*', (event) => events.push(event))
    const r = ctx.add.applyAsync([1, 2], { link: ctx.record.s() })
    await settled(r)
    const own = events.filter((event) => event.id === r.id).map((event) => event.type)
    expect(own).toEqual(['task-sent', 'task-received', 'task-started', 'task-succeeded'])
    const succeeded = events.find((event) => event.type === 'task-succeeded' && event.id === r.id)!
    expect(succeeded).toMatchObject({
      name: 'add',
      args: [1, 2],
      result: 3,
      parentId: null,
      rootId: r.id,
    })
    expect(typeof succeeded.timestamp).toBe('number')
    const child = events.find((event) => event.name === 'record' && event.type === 'task-sent')!
    expect(child).toMatchObject({ parentId: r.id, rootId: r.id, via: 'link' })
  })

  it('announce a task held for its countdown once when received, not again when due', async () => {
    const events: TaskEvent[] = []
    ctx.app.on('*', (event) => events.push(event))
    const r = ctx.add.applyAsync([1, 2], { countdown: 20 })
    await settled(r)
    const own = events.filter((event) => event.id === r.id).map((event) => event.type)
    expect(own).toEqual(['task-sent', 'task-received', 'task-started', 'task-succeeded'])
  })

  it('task-failed carries the exception and traceback; errbacks are sent via linkError', async () => {
    const events: TaskEvent[] = []
    ctx.app.on('*', (event) => events.push(event))
    const r = ctx.fail.applyAsync([], { linkError: ctx.ebNew.s() })
    await settled(r)
    const failed = events.find((event) => event.type === 'task-failed')!
    expect(failed.exception).toMatchObject({ name: 'ValueError', message: 'boom' })
    expect(failed.traceback).toMatch(/^ValueError: boom/)
    expect(
      events.find((event) => event.name === 'eb_new' && event.type === 'task-sent'),
    ).toMatchObject({ via: 'linkError', parentId: r.id })
  })

  it('task-retried and task-revoked are emitted', async () => {
    const types: string[] = []
    ctx.app.on('*', (event) => types.push(event.type))
    const once = ctx.app.task(
      'once',
      (task) => (task.request.retries === 0 ? task.retry({ countdown: 0 }) : 1),
      { bind: true },
    )
    await once.delay().get()
    const queued = ctx.add.applyAsync([1, 1], { countdown: 60_000 })
    await queued.revoke()
    expect(types).toContain('task-retried')
    expect(types).toContain('task-revoked')
  })

  it('a throwing listener never disturbs the task', async () => {
    ctx.app.on('task-succeeded', () => {
      throw new Error('listener bug')
    })
    const original = console.error
    const logged: unknown[] = []
    console.error = (...args: unknown[]) => logged.push(args)
    try {
      expect(await ctx.add.delay(1, 1).get()).toBe(2)
      await new Promise((resolve) => setTimeout(resolve, 0))
    } finally {
      console.error = original
    }
    expect(logged).toHaveLength(1)
  })

  it('unsubscribing stops a listener', async () => {
    const names: string[] = []
    let first!: () => void
    const seen = new Promise<void>((resolve) => (first = resolve))
    const off = ctx.app.on('task-succeeded', (event) => {
      names.push(event.name)
      first()
    })
    await ctx.add.delay(1, 1).get()
    await seen
    off()
    const last = new Promise<void>((resolve) => ctx.app.on('task-succeeded', () => resolve()))
    await ctx.mul.delay(1, 1).get()
    await last
    expect(names).toEqual(['add'])
  })
})

describe('Events for the demo graph', () => {
  it('finishing events carry the runtime; a failed chord body says it came from the chord', async () => {
    const ctx = semanticsApp()
    const events: TaskEvent[] = []
    ctx.app.on('*', (event) => events.push(event))
    await settled(ctx.sleepThen.delay(1, 20))
    const succeeded = events.find((event) => event.type === 'task-succeeded')!
    expect(succeeded.runtime).toBeGreaterThanOrEqual(15)
    const { chord } = await import('../../src/index.ts')
    const body = chord([ctx.fail.s()], ctx.tsum.s()).applyAsync()
    await body.get({ propagate: false })
    const bodyFailed = await vi.waitFor(() => {
      const found = events.find((event) => event.type === 'task-failed' && event.id === body.id)
      if (!found) throw new Error('no task-failed event for the chord body yet')
      return found
    })
    expect([bodyFailed.via, bodyFailed.exception?.name]).toEqual(['chord', 'ChordError'])
    await ctx.app.close()
  })
})
