import { afterEach, describe, expect, it, vi } from 'vitest'
import { MemoryBackend, states } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('A. States and result handle', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    vi.useRealTimers()
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('1. an id never sent reads PENDING with nothing in it', async () => {
    const r = await ctx.app.result('never-sent').refresh()
    expect([r.state, r.ready(), r.successful(), r.failed(), r.result, r.traceback]).toEqual([
      'PENDING',
      false,
      false,
      false,
      null,
      null,
    ])
  })

  it('2. a successful task reads SUCCESS with its value', async () => {
    const r = ctx.add.applyAsync([2, 2])
    expect(await r.get()).toBe(4)
    expect([r.state, r.result, r.ready(), r.successful(), r.failed(), r.traceback]).toEqual([
      'SUCCESS',
      4,
      true,
      true,
      false,
      null,
    ])
  })

  it('3. a failed task reads FAILURE; get() throws, get({ propagate: false }) returns the error', async () => {
    const r = ctx.fail.applyAsync([])
    await expect(r.get()).rejects.toMatchObject({ name: 'ValueError', message: 'boom' })
    expect([r.state, r.ready(), r.failed(), r.successful()]).toEqual(['FAILURE', true, true, false])
    const error = await r.get({ propagate: false })
    expect(error).toBeInstanceOf(Error)
    expect(error).toMatchObject({ name: 'ValueError', message: 'boom' })
    expect(r.result).toMatchObject({ name: 'ValueError', message: 'boom' })
    expect(r.traceback).toMatch(/^ValueError: boom\n/)
  })

  it('4. the state sets are exactly Celery’s', () => {
    expect([...states.READY_STATES].sort()).toEqual(['FAILURE', 'REVOKED', 'SUCCESS'])
    expect([...states.UNREADY_STATES].sort()).toEqual([
      'PENDING',
      'RECEIVED',
      'REJECTED',
      'RETRY',
      'STARTED',
    ])
    expect([...states.EXCEPTION_STATES].sort()).toEqual(['FAILURE', 'RETRY', 'REVOKED'])
    expect([...states.PROPAGATE_STATES].sort()).toEqual(['FAILURE', 'REVOKED'])
  })

  it('5. precedence ranks states as Celery does, custom states at 2', () => {
    const order = [
      'SUCCESS',
      'FAILURE',
      'PROGRESS',
      'REVOKED',
      'STARTED',
      'RECEIVED',
      'REJECTED',
      'RETRY',
      'PENDING',
    ]
    expect(order.map(states.precedence)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8])
    expect(states.compareStates('PENDING', 'SUCCESS')).toBeLessThan(0)
    expect(states.compareStates('PROGRESS', 'STARTED')).toBeGreaterThan(0)
    expect(states.compareStates('PROGRESS', 'FAILURE')).toBeLessThan(0)
  })

  it('6. a stored SUCCESS is never overwritten', async () => {
    const backend = new MemoryBackend()
    ctx = semanticsApp({ backend })
    const r = ctx.add.applyAsync([2, 2])
    await r.get()
    const record = (await backend.get(r.id))!
    await backend.store({
      ...record,
      status: 'FAILURE',
      result: { name: 'Error', message: 'late' },
    })
    await r.refresh()
    expect([r.state, r.result]).toEqual(['SUCCESS', 4])
  })

  it('7. trackStarted stores STARTED with pid and hostname while the body runs; without it, PENDING', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const slow = ctx.app.task('slow', () => gate.then(() => 'done'), { trackStarted: true })
    const untracked = ctx.app.task('untracked', () => gate.then(() => 'done'))
    const started = new Promise<void>((resolve) => ctx.app.on('task-started', () => resolve()))
    const r = slow.delay()
    const u = untracked.delay()
    await started
    await vi.waitFor(async () => expect((await r.refresh()).state).toBe('STARTED'))
    await u.refresh()
    expect(Object.keys(r.result as object).sort()).toEqual(['hostname', 'pid'])
    expect(u.state).toBe('PENDING')
    release()
    expect(await r.get()).toBe('done')
  })

  it('8. forget() makes a finished result read PENDING', async () => {
    const r = ctx.add.applyAsync([2, 2])
    await r.get()
    await r.forget()
    expect([r.state, r.result]).toEqual(['PENDING', null])
    expect((await ctx.app.result(r.id).refresh()).state).toBe('PENDING')
  })

  it('9. get({ timeout }) on a task nobody runs throws TimeoutError no sooner than the timeout', async () => {
    const started = Date.now()
    await expect(ctx.app.result('nobody-runs-this').get({ timeout: 200 })).rejects.toMatchObject({
      name: 'TimeoutError',
      message: 'The operation timed out.',
      code: 'ERR_TIMEOUT',
    })
    expect(Date.now() - started).toBeGreaterThanOrEqual(195)
  })

  it('10. ignoreResult: get() resolves null at once and nothing is stored', async () => {
    const backend = new MemoryBackend()
    ctx = semanticsApp({ backend })
    const callback = ctx.record.s()
    const r = ctx.add.applyAsync([2, 2], { ignoreResult: true, link: callback })
    expect(await r.get()).toBeNull()
    await vi.waitFor(() => expect(ctx.L).toEqual([[4]]))
    expect(await backend.get(r.id)).toBeNull()
  })

  it('children are stored with the parent and read back as handles', async () => {
    const r = ctx.add.applyAsync([1, 2], { link: [ctx.mul.s(2), ctx.record.s()] })
    await settled(r)
    expect(r.children).toHaveLength(2)
    expect(await r.children[0]!.get()).toBe(6)
  })
})
