import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AsyncResult, chain } from '../../src/index.ts'
import { IndexedDbBackend, WebWorkerPool } from '../../web/index.ts'
import { askTab } from './fixtures/helpers.ts'
import { add, app, errorCallback, failingTask, resultCallback, spin } from './fixtures/web-tasks.ts'

const database = `celeriac-web-worker-pool-${crypto.randomUUID()}`

/** The SCENARIOS.md flows, run by Web Workers and kept in IndexedDB. */
describe('WebWorkerPool + IndexedDbBackend under an app', () => {
  beforeAll(() => {
    app.configure({
      pool: new WebWorkerPool({
        worker: () =>
          new Worker(new URL('./fixtures/web-worker.ts', import.meta.url), { type: 'module' }),
        size: 2,
      }),
      backend: new IndexedDbBackend({ name: database }),
    })
  })

  afterAll(async () => {
    await app.close()
    indexedDB.deleteDatabase(database)
  })

  it('link: result_callback runs with the result of add(10, 20)', async () => {
    const r = add.applyAsync([10, 20], { link: resultCallback.s() })
    expect(await r.get()).toBe(30)
    await r.refresh()
    expect(await r.children[0]!.get()).toBe('Task completed with result: 30')
  })

  it('link_error: error_callback runs with the request, the exception and its traceback', async () => {
    const r = failingTask.applyAsync([], { linkError: errorCallback.s() })
    await expect(r.get()).rejects.toMatchObject({
      name: 'ValueError',
      message: 'Something went wrong!',
    })
    await r.refresh()
    expect(await r.children[0]!.get()).toBe(
      `Task ${r.id} failed! Exception: ValueError: Something went wrong! (traceback: ValueError: Something went wrong!)`,
    )
  })

  it('both callbacks on one task: only link runs on success', async () => {
    const r = add.applyAsync([10, 20], { link: resultCallback.s(), linkError: errorCallback.s() })
    expect(await r.get()).toBe(30)
    await r.refresh()
    expect(r.children).toHaveLength(1)
    expect(await r.children[0]!.get()).toBe('Task completed with result: 30')
  })

  it('chain: result_callback gets 15; a failing step stops the steps after it', async () => {
    expect(await chain(add.s(5, 10), resultCallback.s()).applyAsync().get()).toBe(
      'Task completed with result: 15',
    )
    const broken = chain(failingTask.s(), resultCallback.s())
    broken.linkError(errorCallback.s())
    const last = broken.applyAsync()
    await expect(last.get()).rejects.toMatchObject({ name: 'ValueError' })
    const first = last.parent
    if (!(first instanceof AsyncResult)) throw new Error('the chain has no first step')
    await first.refresh()
    expect(first.state).toBe('FAILURE')
    expect(first.children).toHaveLength(1)
    expect(await first.children[0]!.get()).toMatch(/^Task .* failed! Exception: ValueError/)
    await last.refresh()
    // Marked failed with the step's error, as Celery marks the rest of a chain: never run.
    expect([last.state, (last.result as Error).name]).toEqual(['FAILURE', 'ValueError'])
  })

  it('a second page of the origin reads the result from IndexedDB with app.result(id).get()', async () => {
    const r = add.applyAsync([20, 22])
    expect(await r.get()).toBe(42)
    const reply = await askTab<{ type: string; value?: unknown; error?: string }>(
      `/test/browser/fixtures/result-tab.html?db=${database}&id=${r.id}`,
      r.id,
    )
    expect(reply).toEqual({ type: 'result-tab-read', id: r.id, value: 42 })
  })

  it('a hard time limit fails the task with TimeLimitExceeded, runs its errback, spares the rest', async () => {
    const started: (number | null)[] = []
    const off = app.on('task-started', (event) =>
      started.push((event as { worker?: number }).worker ?? null),
    )
    const slow = spin.applyAsync([60_000], { timeLimit: 200, linkError: errorCallback.s() })
    const quick = add.applyAsync([20, 1])
    await expect(slow.get()).rejects.toMatchObject({ name: 'TimeLimitExceeded' })
    expect(await quick.get()).toBe(21)
    await slow.refresh()
    expect(await slow.children[0]!.get()).toMatch(
      new RegExp(`^Task ${slow.id} failed! Exception: TimeLimitExceeded: .*200 ms`),
    )
    expect(await add.applyAsync([1, 1]).get()).toBe(2)
    off()
    expect(started.every((worker) => typeof worker === 'number')).toBe(true)
  })

  it('revoke({ terminate: true }) stops a running body; the pool goes on', async () => {
    let onStarted!: () => void
    const running = new Promise<void>((resolve) => (onStarted = resolve))
    const off = app.on('task-started', () => onStarted())
    const slow = spin.applyAsync([60_000])
    await running
    off()
    expect(await slow.revoke({ terminate: true })).toBe('terminated')
    expect(slow.state).toBe('REVOKED')
    await expect(slow.get()).rejects.toMatchObject({ name: 'TaskRevokedError' })
    expect(await add.applyAsync([2, 2]).get()).toBe(4)
  })
})
