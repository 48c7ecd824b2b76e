import type { LazyAbort } from './lazy-abort.ts'
import type { ErrorRecord, Job, Outcome, StateUpdate } from './protocol.ts'

/** Runs one job's body in this thread: what in-thread pools are given by the app. */
export type Executor = (job: Job, io: ExecutionIo) => Promise<Outcome>

/** What an executing body may use besides its job. */
export interface ExecutionIo {
  /** Aborted when the job is stopped from outside (revoke with terminate); cheap until used. */
  abort?: LazyAbort
  /** Aborts when the job is stopped from outside: for callers that already have a signal. */
  signal?: AbortSignal
  /** Reports a custom state (`ctx.updateState`). */
  onUpdate?: (update: StateUpdate) => void
}

/** Told while a job runs. */
export interface JobHooks {
  /** The body is about to start; `worker` names the thread or Web Worker, if any. */
  onStart?: (info: { worker: number | null }) => void
  onUpdate?: (update: StateUpdate) => void
}

/**
 * Where task bodies run. Implementations: `InlinePool` (core), `ThreadPool` (node),
 * `WebWorkerPool` (web). Every implementation passes `test/contracts/pool-contract.ts`.
 */
export interface Pool {
  /** Given once by the app before the first run: the executor for its tasks in this thread. */
  bind?(executor: Executor): void
  /**
   * Run a job. Never rejects: a body's error, a lost worker, an abort or `close()`
   * all resolve as a FAILURE outcome.
   */
  run(job: Job, hooks?: JobHooks): Promise<Outcome>
  /**
   * Stop a queued or running job at once (hard time limit, revoke with terminate):
   * its `run()` resolves FAILURE with `reason`, and whatever ran it is stopped
   * (a thread or Web Worker is terminated and replaced). False if the id is not here.
   */
  abort(jobId: string, reason: ErrorRecord): boolean
  /** Settle every run (as FAILURE `WorkerLostError`) and release every thread. */
  close(): Promise<void>
}
