import type { JobHooks } from '../pool.ts'
import type { Job, Outcome } from '../protocol.ts'
import type { WorkerSlot } from './worker-slot.ts'

/** One `run()` from the call until it settles: queued in the pool, then on a worker. */
export interface PoolEntry {
  readonly job: Job
  readonly hooks: JobHooks | undefined
  readonly resolve: (outcome: Outcome) => void
  /** Its number on the worker it was sent to; 0 while queued in the pool. */
  seq: number
  /** The worker it was sent to, or null while queued in the pool. */
  slot: WorkerSlot | null
  /** `resolve` was called: anything later about it is ignored. */
  settled: boolean
}

/** Call a hook the caller gave; its mistakes are reported, never let into the pool's loop. */
export function callHook<T>(hook: ((arg: T) => void) | undefined, arg: T, entry: PoolEntry): void {
  if (!hook) return
  try {
    hook(arg)
  } catch (error) {
    console.error(`celeriac: a hook of ${entry.job.task}[${entry.job.id}] threw:`, error)
  }
}
