import { fromErrorRecord } from './error-record.ts'
import { WorkerLostError } from './errors.ts'
import { LazyAbort } from './lazy-abort.ts'
import { failureOutcome } from './outcome.ts'
import type { Executor, JobHooks, Pool } from './pool.ts'
import type { ErrorRecord, Job, Outcome } from './protocol.ts'

interface Running {
  abort: LazyAbort
  settle: (outcome: Outcome) => void
}

/**
 * Runs task bodies in the calling thread, asynchronously, with the same semantics
 * as the thread pools: the default pool, and the one for tests. A hard time limit
 * or terminate cannot stop a synchronous body here: the task is failed at once,
 * its signal aborts, and whatever the body returns later is ignored.
 */
export class InlinePool implements Pool {
  #executor: Executor | undefined
  readonly #running = new Map<string, Running>()
  #closed = false

  bind(executor: Executor): void {
    this.#executor = executor
  }

  run(job: Job, hooks?: JobHooks): Promise<Outcome> {
    if (this.#closed)
      return Promise.resolve(failureOutcome(new WorkerLostError('The pool is closed.')))
    const executor = this.#executor
    if (!executor)
      throw new Error('InlinePool has no executor: pass it to app.configure({ pool }) first.')
    return new Promise<Outcome>((resolve) => {
      const running: Running = { abort: new LazyAbort(), settle: resolve }
      this.#running.set(job.id, running)
      queueMicrotask(() => this.#start(executor, job, running, hooks))
    })
  }

  abort(jobId: string, reason: ErrorRecord): boolean {
    const running = this.#running.get(jobId)
    if (!running) return false
    this.#finish(jobId, running, { status: 'FAILURE', error: reason, traceback: null })
    running.abort.abort(fromErrorRecord(reason))
    return true
  }

  async close(): Promise<void> {
    this.#closed = true
    for (const [id, running] of this.#running) {
      const lost = new WorkerLostError('The pool was closed while the task ran.')
      this.#finish(id, running, failureOutcome(lost))
      running.abort.abort(lost)
    }
  }

  async #start(executor: Executor, job: Job, running: Running, hooks?: JobHooks): Promise<void> {
    if (this.#running.get(job.id) !== running) return
    hooks?.onStart?.({ worker: null })
    const outcome = await executor(job, {
      abort: running.abort,
      onUpdate: hooks?.onUpdate,
    })
    this.#finish(job.id, running, outcome)
  }

  #finish(id: string, running: Running, outcome: Outcome): void {
    if (this.#running.get(id) !== running) return
    this.#running.delete(id)
    running.settle(outcome)
  }
}
