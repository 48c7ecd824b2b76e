import { afterEach, describe, expect, it, vi } from 'vitest'
import { serializeRecord } from '../../src/codec.ts'
import { MemoryBackend } from '../../src/index.ts'
import { semanticsApp, settled } from '../fixtures/semantics-app.ts'

describe('H. Serialization and options', () => {
  let ctx = semanticsApp()
  afterEach(async () => {
    vi.useRealTimers()
    await ctx.app.close()
    ctx = semanticsApp()
  })

  it('79. args that cannot cross are refused at the call, naming the path; nothing is sent', () => {
    const sent: string[] = []
    ctx.app.on('task-sent', (event) => sent.push(event.id))
    expect(() => ctx.identity.applyAsync([{ f: () => 1 }])).toThrow(/args\[0\]\.f is a function/)
    expect(() => ctx.identity.delay(Symbol('s'))).toThrow(/args\[0\] is a symbol/)
    expect(() => ctx.identity.delay(new (class Point {})())).toThrow(/an instance of class Point/)
    expect(sent).toEqual([])
  })

  it('80. a result that cannot be stored is FAILURE(EncodeError) and runs the errbacks', async () => {
    const bad = ctx.app.task('bad_result', () => ({ fn: () => 1 }))
    const r = bad.applyAsync([], { linkError: ctx.ebNew.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'EncodeError', code: 'ERR_ENCODE' })
    await settled(r)
    expect(ctx.E).toEqual([expect.objectContaining({ id: r.id, excName: 'EncodeError' })])
  })

  it('81. a failure is stored in Celery’s exception shape', async () => {
    const backend = new MemoryBackend()
    ctx = semanticsApp({ backend })
    const r = ctx.fail.delay()
    await r.get({ propagate: false })
    const raw = JSON.parse(serializeRecord((await backend.get(r.id))!))
    expect(raw.status).toBe('FAILURE')
    expect(raw.result).toMatchObject({ exc_type: 'ValueError', exc_message: ['boom'] })
    expect(typeof raw.result.exc_module).toBe('string')
    expect(Object.keys(raw)).toEqual(
      expect.arrayContaining(['status', 'result', 'traceback', 'children', 'date_done', 'task_id']),
    )
  })

  it('83. countdown: the body starts no earlier than the countdown', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] })
    let ran = false
    const t = ctx.app.task('later', () => {
      ran = true
    })
    t.applyAsync([], { countdown: 1000 })
    await vi.advanceTimersByTimeAsync(999)
    expect(ran).toBe(false)
    await vi.advanceTimersByTimeAsync(1)
    expect(ran).toBe(true)
  })

  it('84. countdown wins over eta', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'Date'] })
    let ran = false
    const t = ctx.app.task('later2', () => {
      ran = true
    })
    t.applyAsync([], { countdown: 10, eta: Date.now() + 60_000 })
    await vi.advanceTimersByTimeAsync(10)
    expect(ran).toBe(true)
  })

  it('85. a soft time limit aborts ctx.signal; a body that catches it can still succeed', async () => {
    const tidy = ctx.app.task(
      'tidy',
      (task) =>
        new Promise((resolve) => {
          task.signal.addEventListener('abort', () =>
            resolve(`cleaned after ${(task.signal.reason as Error).name}`),
          )
        }),
      { bind: true },
    )
    expect(await tidy.applyAsync([], { softTimeLimit: 20 }).get()).toBe(
      'cleaned after SoftTimeLimitExceeded',
    )
  })

  it('86. revoking a queued task: REVOKED("revoked"), not failed, no callbacks or errbacks', async () => {
    const r = ctx.add.applyAsync([1, 1], {
      countdown: 60_000,
      link: ctx.record.s(),
      linkError: ctx.ebNew.s(),
    })
    expect(await r.revoke()).toBe('revoked')
    expect([r.state, r.failed(), r.ready()]).toEqual(['REVOKED', false, true])
    await expect(r.get()).rejects.toMatchObject({ name: 'TaskRevokedError', message: 'revoked' })
    expect([ctx.L, ctx.E]).toEqual([[], []])
  })

  it('87. revoke({ terminate: true }) of a running task: REVOKED("terminated"), its signal aborted', async () => {
    let aborted = false
    const endless = ctx.app.task(
      'endless',
      (task) =>
        new Promise(() => {
          task.signal.addEventListener('abort', () => {
            aborted = true
          })
        }),
      { bind: true },
    )
    const started = new Promise<void>((resolve) => ctx.app.on('task-started', () => resolve()))
    const r = endless.delay()
    await started
    expect(await r.revoke({ terminate: true })).toBe('terminated')
    expect(r.state).toBe('REVOKED')
    await expect(r.get()).rejects.toMatchObject({ name: 'TaskRevokedError', message: 'terminated' })
    expect(aborted).toBe(true)
  })

  it('revoking a running task without terminate lets it finish; revoking a finished one changes nothing', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const waits = ctx.app.task('waits', () => gate.then(() => 'done'))
    const started = new Promise<void>((resolve) => ctx.app.on('task-started', () => resolve()))
    const r = waits.delay()
    await started
    expect(await r.revoke()).toBe('running')
    release()
    expect(await r.get()).toBe('done')
    expect(await r.revoke()).toBe('finished')
    expect(r.state).toBe('SUCCESS')
  })

  it('expires counts from sending; a Date works too', async () => {
    expect(await ctx.add.applyAsync([1, 1], { expires: 60_000 }).get()).toBe(2)
    const late = ctx.add.applyAsync([1, 1], { countdown: 20, expires: 5 })
    await expect(late.get()).rejects.toMatchObject({ message: 'expired' })
    const r = ctx.add.applyAsync([1, 1], { countdown: 20, expires: new Date(Date.now() + 5) })
    await expect(r.get()).rejects.toMatchObject({ message: 'expired' })
  })

  it('calling a task runs its body now; a bound body sees calledDirectly', async () => {
    expect(await ctx.add(2, 3)).toBe(5)
    const who = ctx.app.task('who', (task) => task.request.calledDirectly, { bind: true })
    expect(await who()).toBe(true)
    expect(await who.delay().get()).toBe(false)
  })

  it('ctx.updateState stores a custom state with its meta', async () => {
    let release!: () => void
    const gate = new Promise<void>((resolve) => (release = resolve))
    const progressed = new Promise<void>((resolve) => ctx.app.on('task-progress', () => resolve()))
    const job = ctx.app.task(
      'job',
      async (task) => {
        task.updateState({ state: 'PROGRESS', meta: { done: 1, total: 2 } })
        await gate
        return 'ok'
      },
      { bind: true },
    )
    const r = job.delay()
    await progressed
    await vi.waitFor(async () => expect((await r.refresh()).state).toBe('PROGRESS'))
    expect(r.result).toEqual({ done: 1, total: 2 })
    release()
    expect(await r.get()).toBe('ok')
  })
})
