import { describe, expect, it } from 'vitest'
import { toErrorRecord } from '../src/error-record.ts'
import { TaskRevokedError } from '../src/errors.ts'
import { JobRunner } from '../src/worker-pool/job-runner.ts'
import {
  type BatchReply,
  type JobBatch,
  packJob,
  START_NOTICE,
  unpackOutcome,
  type WorkerSetup,
} from '../src/worker-pool/wire.ts'
import { job } from './contracts/pool-contract.ts'
import { app } from './fixtures/pool-tasks.ts'

/** The worker side of the pool, driven in this thread as a pool would drive it. */
function makeRunner(setup: Partial<WorkerSetup> = {}) {
  const notices: number[] = []
  const runner = new JobRunner((name) => app.tasks.get(name), {
    post: (notice) => notices.push(notice[START_NOTICE]),
    defer: (fn) => setImmediate(fn),
  })
  runner.connect({ concurrency: 1, flushAt: 32, started: null, ...setup })
  return { runner, notices }
}

function batch(seq: number, jobs: ReturnType<typeof job>[]): JobBatch {
  const packed: unknown[] = []
  for (const each of jobs) packJob(packed, each)
  return { seq, jobs: packed }
}

function values(reply: BatchReply): unknown[] {
  return reply.done.map((_, i) => {
    const outcome = unpackOutcome(reply, i)
    return outcome.status === 'SUCCESS' ? outcome.value : outcome.status
  })
}

describe('JobRunner (the worker side of a pool)', () => {
  it('answers a call with every outcome finished in the same turn, in one reply', async () => {
    const { runner: r, notices } = makeRunner()
    const reply = await r.run(
      batch(
        1,
        [1, 2, 3].map((i) => job('add', [i, i])),
      ),
    )
    expect(reply.done).toEqual([1, 2, 3])
    expect(values(reply)).toEqual([2, 4, 6])
    expect(reply.started).toBe(3)
    expect(notices).toEqual([1, 2, 3])
  })

  it('reports at flushAt outcomes, keeps the rest for the next call', async () => {
    const { runner: r } = makeRunner({ flushAt: 4 })
    const first = await r.run(
      batch(
        1,
        Array.from({ length: 10 }, (_, i) => job('add', [i, 0])),
      ),
    )
    expect(first.done).toEqual([1, 2, 3, 4])
    const rest: number[] = []
    while (rest.length < 6) rest.push(...(await r.run({ seq: 11, jobs: [] })).done)
    expect(rest).toEqual([5, 6, 7, 8, 9, 10])
  })

  it('stores starts in a shared cursor instead of posting notices when given one', async () => {
    const cursor = new Int32Array(new SharedArrayBuffer(4))
    const { runner: r, notices } = makeRunner({ started: cursor })
    await r.run(batch(1, [job('add', [1, 1]), job('add', [2, 2])]))
    expect(Atomics.load(cursor, 0)).toBe(2)
    expect(notices).toEqual([])
  })

  it('drops a cancelled job before it starts, and aborts the signal of a running one', async () => {
    const { runner: r, notices } = makeRunner()
    const reason = toErrorRecord(new TaskRevokedError('revoked'))
    const first = r.run(batch(1, [job('sleep_for', [60_000]), job('add', [1, 2])]))
    expect(notices).toEqual([1])
    void r.run({
      seq: 3,
      jobs: [],
      cancel: [
        { seq: 2, reason },
        { seq: 1, reason },
      ],
    })
    const reply = await first
    expect(reply.done).toEqual([1])
    expect(unpackOutcome(reply, 0)).toMatchObject({
      status: 'FAILURE',
      error: { name: 'TaskRevokedError' },
    })
    expect(reply.started).toBe(2)
    expect(notices).toEqual([1])
  })

  it('moves the shared cursor past a dropped job, so the pool stops waiting for its start', async () => {
    const cursor = new Int32Array(new SharedArrayBuffer(4))
    const { runner: r } = makeRunner({ started: cursor })
    const reason = toErrorRecord(new TaskRevokedError('revoked'))
    const first = r.run(batch(1, [job('add', [1, 1]), job('add', [2, 2])]))
    void r.run({ seq: 3, jobs: [], cancel: [{ seq: 2, reason }] })
    expect((await first).done).toEqual([1])
    expect(Atomics.load(cursor, 0)).toBe(2)
  })

  it('reports ctx.updateState updates before the outcome of the same job', async () => {
    const { runner: r } = makeRunner()
    const reply = await r.run(batch(1, [job('progress', [2])]))
    expect(reply.updated).toEqual([1, 1])
    expect(reply.updates?.map((update) => update.meta)).toEqual([
      { done: 1, steps: 2 },
      { done: 2, steps: 2 },
    ])
    expect(values(reply)).toEqual([2])
  })
})
