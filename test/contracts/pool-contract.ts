import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { toErrorRecord } from '../../src/error-record.ts'
import { TimeLimitExceeded } from '../../src/errors.ts'
import type { Pool } from '../../src/pool.ts'
import type { FailureOutcome, Job, Outcome, StateUpdate } from '../../src/protocol.ts'

/** What differs between pools, and so what the suite may expect of one. */
export interface PoolContractOptions {
  /** Transferred buffers are moved (detached in the sender), not shared. */
  movesBuffers: boolean
  /** A body that never yields can be stopped (its thread is terminated). */
  stopsBlockingBodies: boolean
}

let counter = 0

/** A job for a task of test/fixtures/pool-tasks.ts. */
export function job(task: string, args: unknown[] = [], extra: Partial<Job> = {}): Job {
  const id = `job-${++counter}-${task}`
  return {
    id,
    task,
    args,
    retries: 0,
    parentId: null,
    rootId: id,
    groupId: null,
    softTimeLimit: null,
    ...extra,
  }
}

function failure(outcome: Outcome): FailureOutcome {
  expect(outcome.status).toBe('FAILURE')
  return outcome as FailureOutcome
}

/**
 * The contract every `Pool` keeps, run against each implementation with the
 * tasks of test/fixtures/pool-tasks.ts loaded in its workers.
 */
export function poolContract(
  name: string,
  makePool: () => Pool | Promise<Pool>,
  options: PoolContractOptions,
): void {
  describe(`Pool contract: ${name}`, () => {
    let pool: Pool

    beforeEach(async () => {
      pool = await makePool()
    })

    afterEach(async () => {
      await pool.close()
    })

    it('runs a job and resolves SUCCESS with the return value', async () => {
      expect(await pool.run(job('add', [2, 3]))).toMatchObject({ status: 'SUCCESS', value: 5 })
    })

    it('turns a thrown error into FAILURE with its name, message, code, cause, fields and traceback', async () => {
      const outcome = failure(await pool.run(job('fail', ['boom'])))
      expect(outcome.error).toMatchObject({ name: 'ValueError', message: 'boom', code: 'E_BOOM' })
      expect(outcome.error.fields).toEqual({ detail: { attempt: 1 } })
      expect(outcome.error.cause).toMatchObject({ name: 'TypeError', message: 'root cause' })
      expect(outcome.traceback).toMatch(/^ValueError: boom\n\s+at /)
    })

    it('fails an unknown task with NotRegistered and keeps running others', async () => {
      const outcome = failure(await pool.run(job('no_such_task')))
      expect(outcome.error.name).toBe('NotRegistered')
      expect(await pool.run(job('add', [1, 1]))).toMatchObject({ status: 'SUCCESS', value: 2 })
    })

    it('settles many concurrent jobs, each with its own result', async () => {
      const jobs = Array.from({ length: 500 }, (_, i) => job('identity', [i]))
      const outcomes = await Promise.all(jobs.map((each) => pool.run(each)))
      expect(outcomes.map((outcome) => (outcome as { value: number }).value)).toEqual(
        jobs.map((_, i) => i),
      )
    })

    it('calls onStart before the outcome and reports progress updates in order', async () => {
      const seen: string[] = []
      const updates: StateUpdate[] = []
      const outcome = await pool.run(job('progress', [3]), {
        onStart: () => seen.push('start'),
        onUpdate: (update) => updates.push(update),
      })
      seen.push('outcome')
      expect(seen).toEqual(['start', 'outcome'])
      expect(outcome).toMatchObject({ status: 'SUCCESS', value: 3 })
      expect(updates.map((update) => update.meta)).toEqual(
        [1, 2, 3].map((done) => ({ done, steps: 3 })),
      )
      expect(updates.every((update) => update.state === 'PROGRESS')).toBe(true)
    })

    it('aborts ctx.signal on the soft time limit; a body may catch it and succeed', async () => {
      const caught = await pool.run(job('catch_soft', [10_000], { softTimeLimit: 20 }))
      expect(caught).toMatchObject({ status: 'SUCCESS', value: 'cleaned' })
      const uncaught = failure(await pool.run(job('sleep_for', [10_000], { softTimeLimit: 20 })))
      expect(uncaught.error.name).toBe('SoftTimeLimitExceeded')
    })

    it('abort() resolves a running job at once with the reason, leaving other jobs alone', async () => {
      const victim = job('sleep_for', [10_000])
      const bystander = pool.run(job('sleep_for', [30]))
      let started!: () => void
      const running = new Promise<void>((resolve) => (started = resolve))
      const outcome = pool.run(victim, { onStart: () => started() })
      await running
      const reason = toErrorRecord(new TimeLimitExceeded('too slow'))
      expect(pool.abort(victim.id, reason)).toBe(true)
      expect(failure(await outcome).error).toMatchObject({
        name: 'TimeLimitExceeded',
        message: 'too slow',
      })
      expect(await bystander).toMatchObject({ status: 'SUCCESS', value: 30 })
      expect(await pool.run(job('add', [2, 2]))).toMatchObject({ status: 'SUCCESS', value: 4 })
    })

    it('abort() of an unknown job returns false', () => {
      expect(pool.abort('never-sent', toErrorRecord(new Error('x')))).toBe(false)
    })

    it.runIf(options.stopsBlockingBodies)(
      'abort() stops a body that never yields, and the pool goes on',
      async () => {
        const blocked = job('spin', [60_000])
        let started!: () => void
        const running = new Promise<void>((resolve) => (started = resolve))
        const outcome = pool.run(blocked, { onStart: () => started() })
        await running
        pool.abort(blocked.id, toErrorRecord(new TimeLimitExceeded('stopped')))
        expect(failure(await outcome).error.name).toBe('TimeLimitExceeded')
        expect(await pool.run(job('add', [3, 4]))).toMatchObject({ status: 'SUCCESS', value: 7 })
      },
    )

    it('fails a result that cannot be cloned with EncodeError', async () => {
      expect(failure(await pool.run(job('returns_function'))).error.name).toBe('EncodeError')
    })

    it('reports ctx.retry() as a RETRY outcome with the next run time', async () => {
      const before = Date.now()
      const outcome = await pool.run(job('retry_once'))
      expect(outcome.status).toBe('RETRY')
      expect((outcome as { eta: number }).eta).toBeGreaterThanOrEqual(before + 50)
    })

    it('moves buffers both ways when asked', async () => {
      const buffer = new ArrayBuffer(1024)
      const outcome = await pool.run(job('byte_length', [buffer], { transfer: [buffer] }))
      expect(outcome).toMatchObject({ status: 'SUCCESS', value: 1024 })
      if (options.movesBuffers) expect(buffer.byteLength).toBe(0)
      const back = await pool.run(job('make_bytes', [2048]))
      const bytes = (back as { value: Uint8Array }).value
      expect(bytes).toBeInstanceOf(Uint8Array)
      expect([bytes.length, bytes[2047]]).toEqual([2048, 7])
    })

    it('close() settles running jobs as WorkerLostError and refuses later ones the same way', async () => {
      let started!: () => void
      const running = new Promise<void>((resolve) => (started = resolve))
      const outcome = pool.run(job('sleep_for', [10_000]), { onStart: () => started() })
      await running
      await pool.close()
      expect(failure(await outcome).error.name).toBe('WorkerLostError')
      expect(failure(await pool.run(job('add', [1, 2]))).error.name).toBe('WorkerLostError')
    })
  })
}
