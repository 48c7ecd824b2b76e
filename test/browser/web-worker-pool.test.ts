import { afterEach, describe, expect, it } from 'vitest'
import type { FailureOutcome, Outcome } from '../../src/protocol.ts'
import { START_FAILURE_LIMIT } from '../../src/worker-pool/worker-pool-engine.ts'
import { WebWorkerPool, type WebWorkerPoolOptions } from '../../web/index.ts'
import { job, poolContract } from '../contracts/pool-contract.ts'
import { deferred, type Gate, gate } from './fixtures/helpers.ts'

const poolWorker = () =>
  new Worker(new URL('./fixtures/pool-worker.ts', import.meta.url), { type: 'module' })
const webWorker = () =>
  new Worker(new URL('./fixtures/web-worker.ts', import.meta.url), { type: 'module' })
const brokenWorker = () =>
  new Worker(new URL('./fixtures/broken-worker.ts', import.meta.url), { type: 'module' })

/** A module worker from source text (a Blob URL of this origin). */
const workerOf = (source: string) => () =>
  new Worker(URL.createObjectURL(new Blob([source], { type: 'text/javascript' })), {
    type: 'module',
  })

poolContract('WebWorkerPool', () => new WebWorkerPool({ worker: poolWorker, size: 2 }), {
  movesBuffers: true,
  stopsBlockingBodies: true,
})

function failure(outcome: Outcome): FailureOutcome {
  expect(outcome.status).toBe('FAILURE')
  return outcome as FailureOutcome
}

describe('WebWorkerPool', () => {
  const pools: WebWorkerPool[] = []
  const gates: Gate[] = []
  const make = (options: Partial<WebWorkerPoolOptions> = {}) => {
    const pool = new WebWorkerPool({ worker: webWorker, size: 2, ...options })
    pools.push(pool)
    return pool
  }
  const newGate = () => {
    const made = gate()
    gates.push(made)
    return made
  }

  afterEach(async () => {
    for (const each of gates.splice(0)) each.close()
    await Promise.all(pools.splice(0).map((pool) => pool.close()))
  })

  it('starts no worker before the first run(), then at most size', async () => {
    let spawned = 0
    const pool = make({
      worker: () => {
        spawned++
        return webWorker()
      },
    })
    expect([pool.threads, spawned]).toEqual([0, 0])
    const outcomes = await Promise.all(
      Array.from({ length: 200 }, (_, i) => pool.run(job('add', [i, 1]))),
    )
    expect(outcomes.every((outcome, i) => (outcome as { value: number }).value === i + 1)).toBe(
      true,
    )
    expect([pool.threads, spawned]).toEqual([2, 2])
  })

  it('defaults size to navigator.hardwareConcurrency and refuses options it cannot use', () => {
    expect(() => new WebWorkerPool({ worker: new URL('http://x/w.js') as never })).toThrow(
      /\{ worker \}.*\(\) => new Worker/,
    )
    expect(() => new WebWorkerPool({ worker: webWorker, size: 0 })).toThrow(/size/)
    expect(() => new WebWorkerPool({ worker: webWorker, startTimeout: -1 })).toThrow(/startTimeout/)
    expect(() => new WebWorkerPool({ worker: webWorker, minThreads: 10_000 })).toThrow(
      new RegExp(`must not exceed size \\(${navigator.hardwareConcurrency}\\)`),
    )
  })

  it('a worker that throws as it loads fails the jobs with WorkerLostError saying why', async () => {
    const pool = make({ worker: brokenWorker })
    const outcomes = await Promise.all([1, 2, 3].map((i) => pool.run(job('add', [i, i]))))
    for (const outcome of outcomes) {
      const { error } = failure(outcome)
      expect(error.name).toBe('WorkerLostError')
      expect(error.message).toMatch(/threw Error: broken on purpose at .*broken-worker\.ts/)
      expect(error.message).toMatch(/failed to start/)
      expect(error.cause).toMatchObject({ name: 'Error', message: 'broken on purpose' })
    }
  })

  it('stops respawning a worker that fails at load, and tries once more per new run()', async () => {
    let spawned = 0
    const pool = make({
      worker: () => {
        spawned++
        return brokenWorker()
      },
    })
    const first = await Promise.all([1, 2, 3, 4].map(() => pool.run(job('add', [1, 1]))))
    expect(first.every((outcome) => outcome.status === 'FAILURE')).toBe(true)
    const afterTrip = spawned
    expect(afterTrip).toBeGreaterThanOrEqual(START_FAILURE_LIMIT)
    expect(afterTrip).toBeLessThanOrEqual(START_FAILURE_LIMIT + 1)
    // An observation window, not a synchronisation: nothing may start on its own.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect([spawned, pool.threads]).toEqual([afterTrip, 0])
    failure(await pool.run(job('add', [1, 1])))
    expect(spawned).toBe(afterTrip + 1)
  })

  it.each([
    ['a 404', () => new Worker('/test/browser/fixtures/no-such-worker.js', { type: 'module' })],
    ['a syntax error', workerOf('export const = 1')],
  ])('a worker file with %s fails the jobs with WorkerLostError', async (_, worker) => {
    const pool = make({ worker, size: 1 })
    const { error } = failure(await pool.run(job('add', [1, 1])))
    expect(error.name).toBe('WorkerLostError')
    expect(error.message).toMatch(/^Worker \d+ (failed to load|threw SyntaxError)/)
  })

  it('a worker option that returns no Worker fails the jobs, saying what it must return', async () => {
    const pool = make({ worker: () => undefined as never, size: 1 })
    const { error } = failure(await pool.run(job('add', [1, 1])))
    expect(error.name).toBe('WorkerLostError')
    expect(error.message).toMatch(/options\.worker\(\) must return a Worker.*got undefined/)
  })

  it('a worker that never calls serve(app) fails its jobs after startTimeout', async () => {
    const pool = make({ worker: workerOf('// serves nothing'), size: 1, startTimeout: 100 })
    const { error } = failure(await pool.run(job('add', [1, 1])))
    expect(error).toMatchObject({ name: 'WorkerLostError' })
    expect(error.message).toMatch(/did not call serve\(app\) within 100 ms/)
  })

  it.each([
    ['calls self.close()', 'close_self', [], /closed itself \(self\.close\(\)\)/],
    ['throws outside a task', 'throw_later', ['boom'], /threw Error: boom at /],
  ])(
    'a worker that %s mid-task loses exactly its started job; the pool recovers',
    async (_, task, args, why) => {
      const pool = make()
      const open = newGate()
      const bystanderOn = deferred<number>()
      const bystander = pool.run(job('wait_for_gate', [open.name, 7]), {
        onStart: ({ worker }) => bystanderOn.resolve(worker!),
      })
      const bystanderWorker = await bystanderOn.promise
      let victimWorker: number | null = null
      const victim = pool.run(job(task, args), { onStart: ({ worker }) => (victimWorker = worker) })
      const queuedBehind = [1, 2, 3].map((i) => pool.run(job('add', [i, 10])))
      const { error } = failure(await victim)
      expect(error.name).toBe('WorkerLostError')
      expect(error.message).toMatch(/^Worker \d+ /)
      expect(error.message).toMatch(why)
      expect(error.message).toMatch(/the task had started there/)
      expect(victimWorker).not.toBe(bystanderWorker)
      open.open()
      expect(await bystander).toMatchObject({ status: 'SUCCESS', value: 7 })
      expect((await Promise.all(queuedBehind)).map((o) => (o as { value: number }).value)).toEqual([
        11, 12, 13,
      ])
      expect(await pool.run(job('add', [2, 3]))).toMatchObject({ status: 'SUCCESS', value: 5 })
      expect(pool.threads).toBe(2)
    },
  )

  it('moves a 64 MB buffer in and back without a copy (detached on each sending side)', async () => {
    const pool = make({ size: 1 })
    const size = 64 * 1024 * 1024
    const buffer = new ArrayBuffer(size)
    new Uint8Array(buffer)[size - 1] = 99
    const outcome = await pool.run(job('echo_buffer', [buffer], { transfer: [buffer] }))
    expect(buffer.byteLength).toBe(0)
    const back = (outcome as { value: ArrayBuffer }).value
    expect(back).toBeInstanceOf(ArrayBuffer)
    expect([back.byteLength, new Uint8Array(back)[size - 1]]).toEqual([size, 99])
    expect(await pool.run(job('echoed_left'))).toMatchObject({ status: 'SUCCESS', value: true })
  })

  it('a full queue (maxQueue) fails the job at once with QueueFullError, naming maxQueue', async () => {
    const pool = make({ size: 1, prefetch: 0, maxQueue: 2 })
    const open = newGate()
    const started = deferred()
    const running = pool.run(job('wait_for_gate', [open.name, 1]), {
      onStart: () => started.resolve(),
    })
    await started.promise
    const waiting = [pool.run(job('add', [1, 1])), pool.run(job('add', [2, 2]))]
    const refused = failure(await pool.run(job('add', [3, 3])))
    expect(refused.error).toMatchObject({ name: 'QueueFullError', code: 'ERR_QUEUE_FULL' })
    expect(refused.error.message).toMatch(/maxQueue: 2/)
    open.open()
    const settled = await Promise.all([running, ...waiting])
    expect(settled.map((outcome) => outcome.status)).toEqual(['SUCCESS', 'SUCCESS', 'SUCCESS'])
  })
})
