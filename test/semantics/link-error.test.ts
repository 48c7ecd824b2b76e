import { afterEach, describe, expect, it } from 'vitest'
import type { AsyncResult } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('C. link_error (errbacks)', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('25. an errback runs once as a task of its own with (request, exc, traceback)', async () => {
    const r = ctx.fail.applyAsync([1], { linkError: ctx.ebNew.s() })
    await settled(r)
    expect(ctx.E).toHaveLength(1)
    expect(ctx.E[0]).toMatchObject({
      id: r.id,
      args: [1],
      excName: 'ValueError',
      excMessage: 'boom',
    })
    expect(ctx.E[0]!.tb).toContain('ValueError')
    const errback = r.children[0]!
    expect(errback.id).not.toBe(r.id)
    expect((errback as AsyncResult).state).toBe('SUCCESS')
  })

  it('25b. the errback’s exc is an Error carrying code, cause and own fields', async () => {
    const seen: Error[] = []
    const catcher = ctx.app.task('catcher', (_request: unknown, exc: Error, _tb: string | null) => {
      seen.push(exc)
    })
    const rich = ctx.app.task('rich', () => {
      throw Object.assign(new RangeError('too far', { cause: new Error('root') }), {
        code: 'E_FAR',
        limit: 3,
      })
    })
    await settled(rich.applyAsync([], { linkError: catcher.s() }))
    expect(seen[0]).toBeInstanceOf(Error)
    expect(seen[0]).toMatchObject({
      name: 'RangeError',
      message: 'too far',
      code: 'E_FAR',
      limit: 3,
    })
    expect((seen[0]!.cause as Error).message).toBe('root')
  })

  it('28. partial args follow (request, exc, traceback)', async () => {
    const r = ctx.fail.applyAsync([], { linkError: ctx.ebNewTag.s('t1') })
    await settled(r)
    expect(ctx.E).toEqual([expect.objectContaining({ id: r.id, tag: 't1' })])
  })

  it('29. an immutable errback gets only its own args', async () => {
    await settled(ctx.fail.applyAsync([], { linkError: ctx.eb2.si(2, 3) }))
    expect(ctx.L).toEqual([[5]])
  })

  it('30. a successful task runs no errbacks', async () => {
    const r = ctx.add.applyAsync([2, 2], { linkError: ctx.ebNew.s() })
    await settled(r)
    expect(ctx.E).toEqual([])
  })

  it('33. retries run no errbacks; the final failure runs them once', async () => {
    let runs = 0
    const flaky = ctx.app.task(
      'flaky',
      (task) => {
        runs++
        return task.retry({ exc: new RangeError('boom'), countdown: 0 })
      },
      { bind: true, maxRetries: 2 },
    )
    const r = flaky.applyAsync([], { linkError: ctx.ebNew.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'RangeError', message: 'boom' })
    await settled(r)
    expect(runs).toBe(3)
    expect(ctx.E).toHaveLength(1)
  })

  it('34. an expired task is REVOKED("expired"), never runs, and runs no errbacks', async () => {
    let ran = false
    const body = ctx.app.task('expiring', () => {
      ran = true
    })
    const r = body.applyAsync([], { countdown: 30, expires: 1, linkError: ctx.ebNew.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'TaskRevokedError', message: 'expired' })
    expect([r.state, ran, ctx.E]).toEqual(['REVOKED', false, []])
  })

  it('35. a hard time limit fails the task with TimeLimitExceeded and a null traceback', async () => {
    const stuck = ctx.app.task('stuck', () => new Promise(() => {}))
    const r = stuck.applyAsync([], { timeLimit: 20, linkError: ctx.ebNew.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'TimeLimitExceeded' })
    await settled(r)
    expect(ctx.E).toHaveLength(1)
    expect(ctx.E[0]!.tb).toBeNull()
  })

  it('an errback that throws is FAILURE under its own id; the task keeps its own FAILURE', async () => {
    const r = ctx.fail.applyAsync([], { linkError: ctx.fail.s() })
    await settled(r)
    expect(r.result).toMatchObject({ name: 'ValueError' })
    expect((r.children[0] as AsyncResult).state).toBe('FAILURE')
  })

  it('an unknown task name fails with NotRegistered and runs its errbacks', async () => {
    const r = ctx.app.signature('no_such_task', [1]).applyAsync([], { linkError: ctx.ebNew.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'NotRegistered' })
    await settled(r)
    expect(ctx.E).toEqual([expect.objectContaining({ id: r.id, excName: 'NotRegistered' })])
  })
})
