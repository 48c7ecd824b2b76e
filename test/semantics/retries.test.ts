import { afterEach, describe, expect, it, vi } from 'vitest'
import { backoffDelay } from '../../src/retry-policy.ts'
import { semanticsApp } from '../fixtures/semantics-app.ts'

describe('G. Retries', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    vi.useRealTimers()
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('69. past maxRetries without exc: 4 runs, then MaxRetriesExceededError', async () => {
    const seen: number[] = []
    const always = ctx.app.task(
      'always',
      (task) => {
        seen.push(task.request.retries)
        return task.retry({ countdown: 0 })
      },
      { bind: true, maxRetries: 3 },
    )
    const r = always.delay()
    await expect(r.get()).rejects.toMatchObject({ name: 'MaxRetriesExceededError' })
    expect(seen).toEqual([0, 1, 2, 3])
    expect(r.state).toBe('FAILURE')
  })

  it('70. past maxRetries with exc: that exc is the failure', async () => {
    const always = ctx.app.task(
      'always_exc',
      (task) => task.retry({ countdown: 0, exc: new RangeError('boom') }),
      { bind: true, maxRetries: 3 },
    )
    await expect(always.delay().get()).rejects.toMatchObject({
      name: 'RangeError',
      message: 'boom',
    })
  })

  it('72. while waiting to retry the task reads RETRY with the exc, under the same id', async () => {
    const ids: string[] = []
    const once = ctx.app.task(
      'once',
      (task) => {
        ids.push(task.request.id)
        return task.request.retries === 0
          ? task.retry({ exc: new RangeError('boom'), countdown: 40 })
          : 'ok'
      },
      { bind: true },
    )
    const retried = new Promise<void>((resolve) => ctx.app.on('task-retried', () => resolve()))
    const r = once.delay()
    await retried
    await r.refresh()
    expect([r.state, r.ready(), (r.result as Error).message]).toEqual(['RETRY', false, 'boom'])
    expect(await r.get()).toBe('ok')
    expect(ids).toEqual([r.id, r.id])
  })

  it('73. autoretryFor with backoff and no jitter: countdowns 1 s, 2 s; 3 runs; final error', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] })
    let runs = 0
    const flaky = ctx.app.task(
      'flaky',
      () => {
        runs++
        throw new RangeError('boom')
      },
      { autoretryFor: [RangeError], maxRetries: 2, retryBackoff: true, retryJitter: false },
    )
    const r = flaky.delay()
    const outcome = r.get().catch((error: Error) => error)
    await vi.advanceTimersByTimeAsync(999)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(1999)
    expect(runs).toBe(2)
    await vi.advanceTimersByTimeAsync(1)
    expect(runs).toBe(3)
    expect(await outcome).toMatchObject({ name: 'RangeError', message: 'boom' })
  })

  it('74. retryBackoff 3000 without jitter: 3, 6, 12, 24 s', () => {
    const options = { retryBackoff: 3000, retryJitter: false }
    expect([0, 1, 2, 3].map((n) => backoffDelay(options, n))).toEqual([3000, 6000, 12000, 24000])
  })

  it('76. with jitter the n-th delay is an integer in [0, min(600 s, 2^n s)]', () => {
    const options = { retryBackoff: true, retryJitter: true }
    expect(backoffDelay(options, 3, () => 0.999999)).toBe(8000)
    expect(backoffDelay(options, 3, () => 0)).toBe(0)
    expect(backoffDelay(options, 20, () => 0.999999)).toBe(600_000)
    expect(Number.isInteger(backoffDelay(options, 2))).toBe(true)
  })

  it('77. dontAutoretryFor wins: one run, that error', async () => {
    let runs = 0
    const picky = ctx.app.task(
      'picky',
      () => {
        runs++
        throw new TypeError('bad')
      },
      { autoretryFor: [Error], dontAutoretryFor: [TypeError] },
    )
    await expect(picky.delay().get()).rejects.toMatchObject({ name: 'TypeError' })
    expect(runs).toBe(1)
  })

  it('78. retry() without countdown waits the default 180 s', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] })
    let runs = 0
    const slow = ctx.app.task('slow_retry', (task) => (++runs === 1 ? task.retry() : runs), {
      bind: true,
    })
    const r = slow.delay()
    await vi.advanceTimersByTimeAsync(179_999)
    expect(runs).toBe(1)
    await vi.advanceTimersByTimeAsync(1)
    expect(await r.get()).toBe(2)
  })

  it('a per-call maxRetries wins over the task’s', async () => {
    let runs = 0
    const t = ctx.app.task(
      'per_call',
      (task) => {
        runs++
        return task.retry({ countdown: 0 })
      },
      { bind: true },
    )
    await expect(t.applyAsync([], { maxRetries: 1 }).get()).rejects.toMatchObject({
      name: 'MaxRetriesExceededError',
    })
    expect(runs).toBe(2)
  })

  it('retry() in a body called directly throws instead of scheduling', async () => {
    const direct = ctx.app.task('direct', (task) => task.retry({ exc: new RangeError('now') }), {
      bind: true,
    })
    await expect(direct()).rejects.toMatchObject({ name: 'RangeError', message: 'now' })
  })
})
