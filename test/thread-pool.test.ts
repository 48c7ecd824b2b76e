import { execFile } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { promisify } from 'node:util'
import { Worker } from 'node:worker_threads'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { threadDriver } from '../node/thread-driver.ts'
import { ThreadPool, type ThreadPoolOptions } from '../node/thread-pool.ts'
import { toErrorRecord } from '../src/error-record.ts'
import { TimeLimitExceeded } from '../src/errors.ts'
import { chain, chord, group } from '../src/index.ts'
import type { FailureOutcome, Outcome } from '../src/protocol.ts'
import { resolvePoolOptions } from '../src/worker-pool/pool-options.ts'
import { START_FAILURE_LIMIT, WorkerPoolEngine } from '../src/worker-pool/worker-pool-engine.ts'
import { job, poolContract } from './contracts/pool-contract.ts'
import { add, app, fail, mul, onError, spin, total } from './fixtures/thread-tasks.ts'

const poolWorker = new URL('./fixtures/pool-worker.ts', import.meta.url)
const threadWorker = new URL('./fixtures/thread-worker.ts', import.meta.url)
const brokenWorker = new URL('./fixtures/broken-worker.mjs', import.meta.url)
const silentWorker = new URL('./fixtures/silent-worker.mjs', import.meta.url)
const idleChild = fileURLToPath(new URL('./fixtures/idle-pool-child.ts', import.meta.url))

poolContract('ThreadPool', () => new ThreadPool({ worker: poolWorker, size: 2 }), {
  movesBuffers: true,
  stopsBlockingBodies: true,
})

// Where memory cannot be shared (a browser page that is not cross-origin isolated),
// workers post a notice as each body starts: the same engine, run that way here.
poolContract(
  'worker-pool engine with posted start notices',
  () =>
    new WorkerPoolEngine(threadDriver(poolWorker), {
      ...resolvePoolOptions({ size: 2 }, 2, 'test'),
      sharedMemory: false,
      name: 'TestPool',
    }),
  { movesBuffers: true, stopsBlockingBodies: true },
)

const run = promisify(execFile)

function deferred<T = void>() {
  let resolve!: (value: T) => void
  const promise = new Promise<T>((r) => {
    resolve = r
  })
  return { promise, resolve }
}

/** A barrier across threads: `wait_for_gate` bodies resolve once it opens. */
function gate() {
  const cell = new Int32Array(new SharedArrayBuffer(4))
  const open = () => {
    Atomics.store(cell, 0, 1)
    Atomics.notify(cell, 0)
  }
  return { cell, open }
}

function failure(outcome: Outcome): FailureOutcome {
  expect(outcome.status).toBe('FAILURE')
  return outcome as FailureOutcome
}

describe('ThreadPool', () => {
  const pools: ThreadPool[] = []
  const make = (options: Partial<ThreadPoolOptions> = {}) => {
    const pool = new ThreadPool({ worker: threadWorker, size: 2, ...options })
    pools.push(pool)
    return pool
  }

  afterEach(async () => {
    await Promise.all(pools.splice(0).map((pool) => pool.close()))
  })

  it('starts no thread before the first run()', async () => {
    const pool = make()
    expect(pool.threads).toBe(0)
    expect(await pool.run(job('add', [1, 2]))).toMatchObject({ status: 'SUCCESS', value: 3 })
    expect(pool.threads).toBe(2)
  })

  it('close() fails the jobs still queued as WorkerLostError too', async () => {
    const pool = make({ size: 1, prefetch: 0 })
    const { cell } = gate()
    const started = deferred()
    const running = pool.run(job('wait_for_gate', [cell, 1]), { onStart: () => started.resolve() })
    await started.promise
    const queued = pool.run(job('add', [1, 1]))
    await pool.close()
    expect(failure(await running).error.message).toMatch(/closed while the task ran/)
    expect(failure(await queued).error).toMatchObject({
      name: 'WorkerLostError',
      message: expect.stringMatching(/closed before the task started/),
    })
  })

  it('does not keep the process alive once its threads are idle', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', idleChild], {
      timeout: 30_000,
    })
    expect(JSON.parse(stdout)).toEqual({ status: 'SUCCESS', value: 42 })
  })

  it('refuses a worker option it cannot use, naming it', () => {
    expect(() => new ThreadPool({ worker: 42 as never })).toThrow(/\{ worker \}/)
    expect(() => new ThreadPool({ worker: threadWorker, size: 0 })).toThrow(/size/)
    expect(() => new ThreadPool({ worker: threadWorker, size: 1, minThreads: 2 })).toThrow(
      /minThreads/,
    )
  })

  it('a body that calls process.exit() loses only its own job; the other thread goes on', async () => {
    const pool = make()
    const { cell, open } = gate()
    const bystanderOn = deferred<number>()
    const bystander = pool.run(job('wait_for_gate', [cell, 7]), {
      onStart: ({ worker }) => bystanderOn.resolve(worker!),
    })
    const bystanderWorker = await bystanderOn.promise
    let victimWorker: number | null = null
    const victim = failure(
      await pool.run(job('exit_thread', [3]), { onStart: ({ worker }) => (victimWorker = worker) }),
    )
    expect(victim.error.name).toBe('WorkerLostError')
    expect(victim.error.message).toMatch(/^Worker \d+ exited with code 3; the task had started/)
    expect(victimWorker).not.toBe(bystanderWorker)
    open()
    expect(await bystander).toMatchObject({ status: 'SUCCESS', value: 7 })
    expect(await pool.run(job('add', [2, 3]))).toMatchObject({ status: 'SUCCESS', value: 5 })
    expect(pool.threads).toBe(2)
  })

  it('a worker file that throws as it loads fails the jobs with an error naming it', async () => {
    const pool = make({ worker: brokenWorker })
    const outcomes = await Promise.all([1, 2, 3].map((i) => pool.run(job('add', [i, i]))))
    for (const outcome of outcomes) {
      const { error } = failure(outcome)
      expect(error.name).toBe('WorkerLostError')
      expect(error.message).toContain('broken-worker.mjs')
      expect(error.message).toMatch(/failed to start/)
      expect(error.cause).toMatchObject({ message: 'broken on purpose' })
    }
  })

  it('a worker file that never calls serve(app) fails the jobs with an error that says so', async () => {
    const pool = make({ worker: silentWorker, size: 1 })
    const { error } = failure(await pool.run(job('add', [1, 1])))
    expect(error.name).toBe('WorkerLostError')
    expect(error.message).toMatch(/exited with code 0 before it could serve/)
    expect(error.message).toMatch(/calls serve\(app\)/)
  })

  it('stops respawning a worker that fails at start, and tries once more per new run()', async () => {
    let spawned = 0
    const pool = make({
      worker: () => {
        spawned++
        return new Worker(brokenWorker)
      },
    })
    const first = await Promise.all([1, 2, 3, 4].map(() => pool.run(job('add', [1, 1]))))
    expect(first.every((outcome) => outcome.status === 'FAILURE')).toBe(true)
    const afterTrip = spawned
    expect(afterTrip).toBeGreaterThanOrEqual(START_FAILURE_LIMIT)
    expect(afterTrip).toBeLessThanOrEqual(START_FAILURE_LIMIT + 1)
    // An observation window, not a synchronisation: nothing may start on its own.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(spawned).toBe(afterTrip)
    expect(pool.threads).toBe(0)
    failure(await pool.run(job('add', [1, 1])))
    expect(spawned).toBe(afterTrip + 1)
  })

  it('a worker past its resourceLimits is lost (WorkerLostError) and replaced', async () => {
    const pool = make({ size: 1, resourceLimits: { maxOldGenerationSizeMb: 64 } })
    const { error } = failure(await pool.run(job('hog_memory')))
    expect(error.name).toBe('WorkerLostError')
    expect(error.message).toMatch(/ERR_WORKER_OUT_OF_MEMORY/)
    expect(await pool.run(job('add', [20, 22]))).toMatchObject({ status: 'SUCCESS', value: 42 })
  })

  it('sends nothing ahead to a worker stuck on a long job while another is free', async () => {
    const pool = make()
    const { cell, open } = gate()
    const started = deferred()
    const long = pool.run(job('wait_for_gate', [cell, 0]), { onStart: () => started.resolve() })
    await started.promise
    const quick = await Promise.all(
      Array.from({ length: 50 }, (_, i) => pool.run(job('add', [i, 1]))),
    )
    expect(quick.map((outcome) => (outcome as { value: number }).value)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    )
    open()
    expect(await long).toMatchObject({ status: 'SUCCESS', value: 0 })
  })

  it('abort() of a running job fails the co-tenants that had started and runs the rest elsewhere', async () => {
    const pool = make({ size: 1, concurrency: 2 })
    // Finished jobs earn the worker jobs sent ahead: the adds below wait there, unstarted.
    await Promise.all([1, 2, 3, 4].map((i) => pool.run(job('add', [i, i]))))
    const { cell } = gate()
    const workers: (number | null)[] = []
    const bothStarted = deferred()
    const onStart = ({ worker }: { worker: number | null }) => {
      workers.push(worker)
      if (workers.length === 2) bothStarted.resolve()
    }
    const victim = job('wait_for_gate', [cell, 1])
    const victimOutcome = pool.run(victim, { onStart })
    const coTenant = pool.run(job('wait_for_gate', [cell, 2]), { onStart })
    await bothStarted.promise
    const waitingOn: (number | null)[] = []
    const waiting = [5, 6].map((i) =>
      pool.run(job('add', [i, i]), { onStart: ({ worker }) => waitingOn.push(worker) }),
    )
    expect(pool.abort(victim.id, toErrorRecord(new TimeLimitExceeded('too slow')))).toBe(true)
    expect(failure(await victimOutcome).error.name).toBe('TimeLimitExceeded')
    const lost = failure(await coTenant).error
    expect(lost.name).toBe('WorkerLostError')
    expect(lost.message).toMatch(
      /was terminated to stop wait_for_gate\[.+\] \(TimeLimitExceeded\); the task had started there/,
    )
    expect(await Promise.all(waiting)).toMatchObject([
      { status: 'SUCCESS', value: 10 },
      { status: 'SUCCESS', value: 12 },
    ])
    expect(waitingOn.every((worker) => worker !== workers[0])).toBe(true)
  })

  it('abort() of a queued job settles it with the reason; it never starts', async () => {
    const pool = make({ size: 1, prefetch: 0 })
    const { cell, open } = gate()
    const started = deferred()
    const running = pool.run(job('wait_for_gate', [cell, 1]), { onStart: () => started.resolve() })
    await started.promise
    const queued = job('add', [1, 1])
    let queuedStarted = false
    const outcome = pool.run(queued, { onStart: () => (queuedStarted = true) })
    expect(pool.abort(queued.id, toErrorRecord(new TimeLimitExceeded('not wanted')))).toBe(true)
    expect(failure(await outcome).error.message).toBe('not wanted')
    open()
    expect(await running).toMatchObject({ status: 'SUCCESS', value: 1 })
    expect(await pool.run(job('add', [2, 2]))).toMatchObject({ status: 'SUCCESS', value: 4 })
    expect(queuedStarted).toBe(false)
    expect(pool.abort(queued.id, toErrorRecord(new Error('again')))).toBe(false)
  })

  it('a full queue (maxQueue) fails the job at once with QueueFullError, naming maxQueue', async () => {
    const pool = make({ size: 1, prefetch: 0, maxQueue: 2 })
    const { cell, open } = gate()
    const started = deferred()
    const running = pool.run(job('wait_for_gate', [cell, 1]), { onStart: () => started.resolve() })
    await started.promise
    const waiting = [pool.run(job('add', [1, 1])), pool.run(job('add', [2, 2]))]
    const refused = failure(await pool.run(job('add', [3, 3])))
    expect(refused.error).toMatchObject({ name: 'QueueFullError', code: 'ERR_QUEUE_FULL' })
    expect(refused.error.message).toMatch(/maxQueue: 2/)
    open()
    expect((await Promise.all([running, ...waiting])).map((o) => o.status)).toEqual([
      'SUCCESS',
      'SUCCESS',
      'SUCCESS',
    ])
  })

  it('idle workers above minThreads stop after idleTimeout', async () => {
    const pool = make({ size: 2, minThreads: 1, idleTimeout: 50 })
    const { cell, open } = gate()
    const workers = new Set<number | null>()
    const bothStarted = deferred()
    const onStart = ({ worker }: { worker: number | null }) => {
      workers.add(worker)
      if (workers.size === 2) bothStarted.resolve()
    }
    const jobs = [1, 2].map((i) => pool.run(job('wait_for_gate', [cell, i]), { onStart }))
    await bothStarted.promise
    expect(pool.threads).toBe(2)
    open()
    await Promise.all(jobs)
    await vi.waitFor(() => expect(pool.threads).toBe(1), { timeout: 5_000, interval: 20 })
    expect(await pool.run(job('add', [1, 1]))).toMatchObject({ status: 'SUCCESS', value: 2 })
  })

  it('moves a 64 MB buffer in and back without a copy (detached on each sending side)', async () => {
    const pool = make({ size: 1 })
    const size = 64 * 1024 * 1024
    const buffer = new ArrayBuffer(size)
    new Uint8Array(buffer)[size - 1] = 99
    const outcome = await pool.run(job('echo_buffer', [buffer], { transfer: [buffer] }))
    expect(buffer.byteLength).toBe(0)
    const back = (outcome as { value: ArrayBuffer }).value
    expect(back.byteLength).toBe(size)
    expect(new Uint8Array(back)[size - 1]).toBe(99)
    expect(await pool.run(job('echoed_left'))).toMatchObject({ status: 'SUCCESS', value: true })
  })

  it('a result whose transfer list cannot move is copied; the outcomes reported with it arrive', async () => {
    const pool = make({ size: 1 })
    const [copied, plain] = await Promise.all([
      pool.run(job('bad_transfer', [16])),
      pool.run(job('add', [1, 1])),
    ])
    expect(copied).toMatchObject({ status: 'SUCCESS', value: new Uint8Array(16).fill(3) })
    expect(plain).toMatchObject({ status: 'SUCCESS', value: 2 })
  })

  it('a job whose args cannot be posted fails alone with EncodeError; its batch goes on', async () => {
    const pool = make({ size: 1 })
    const [refused, fine] = await Promise.all([
      pool.run(job('add', [() => 1, 1])),
      pool.run(job('add', [2, 2])),
    ])
    expect(failure(refused).error.name).toBe('EncodeError')
    expect(failure(refused).error.message).toMatch(/could not be sent to a worker/)
    expect(fine).toMatchObject({ status: 'SUCCESS', value: 4 })
  })

  it('runs 20,000 jobs sent at once, each with its own result', async () => {
    const pool = make()
    const count = 20_000
    const outcomes = await Promise.all(
      Array.from({ length: count }, (_, i) => pool.run(job('add', [i, 1]))),
    )
    expect(outcomes.every((outcome, i) => (outcome as { value: number }).value === i + 1)).toBe(
      true,
    )
  })
})

describe('ThreadPool under an app', () => {
  beforeAll(() => {
    app.configure({ pool: new ThreadPool({ worker: threadWorker, size: 2 }) })
  })

  afterAll(() => app.close())

  it('runs a task and its link callback in worker threads', async () => {
    const r = add.applyAsync([2, 2], { link: mul.s(10) })
    expect(await r.get()).toBe(4)
    await r.refresh()
    expect(await r.children[0]!.get()).toBe(40)
  })

  it('runs chains, groups and chords', async () => {
    expect(await chain(add.s(5, 10), mul.s(2)).applyAsync().get()).toBe(30)
    expect(await group(add.s(1, 1), add.s(2, 2)).applyAsync().get()).toEqual([2, 4])
    expect(
      await chord([add.s(1, 1), add.s(2, 2)], total.s())
        .applyAsync()
        .get(),
    ).toBe(6)
  })

  it('runs errbacks of a task that fails in a thread, with its error intact', async () => {
    const r = fail.applyAsync(['too big'], { linkError: onError.s() })
    await expect(r.get()).rejects.toMatchObject({ name: 'RangeError', code: 'E_RANGE' })
    await r.refresh()
    expect(await r.children[0]!.get()).toBe(`${r.id} failed with RangeError: too big`)
  })

  it('a hard time limit terminates only the thread that ran the task', async () => {
    const started: (number | null)[] = []
    const off = app.on('task-started', (event) =>
      started.push((event as { worker?: number }).worker ?? null),
    )
    const slow = spin.applyAsync([60_000], { timeLimit: 200 })
    const quick = add.applyAsync([20, 1])
    await expect(slow.get()).rejects.toMatchObject({ name: 'TimeLimitExceeded' })
    expect(await quick.get()).toBe(21)
    expect(await add.applyAsync([1, 1]).get()).toBe(2)
    off()
    expect(started.every((worker) => typeof worker === 'number')).toBe(true)
  })
})
