import type { JobHooks, Pool } from '../pool.ts'
import type { ErrorRecord, Job, Outcome } from '../protocol.ts'
import type { WorkerPoolEngine } from './worker-pool-engine.ts'

/** The public face every worker pool shares over its private engine. */
export abstract class EnginePool implements Pool {
  readonly #engine: WorkerPoolEngine

  protected constructor(engine: WorkerPoolEngine) {
    this.#engine = engine
  }

  /** Workers running or starting now: none before the first job, at most `size`. */
  get threads(): number {
    return this.#engine.threads
  }

  run(job: Job, hooks?: JobHooks): Promise<Outcome> {
    return this.#engine.run(job, hooks)
  }

  abort(jobId: string, reason: ErrorRecord): boolean {
    return this.#engine.abort(jobId, reason)
  }

  close(): Promise<void> {
    return this.#engine.close()
  }
}
