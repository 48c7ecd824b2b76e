import { CeleriacError } from '../errors.ts'

/** A worker pool's queue held `maxQueue` jobs waiting for a free worker: the job was not queued. */
export class QueueFullError extends CeleriacError {
  override name = 'QueueFullError'
  override readonly code: string = 'ERR_QUEUE_FULL'
}
