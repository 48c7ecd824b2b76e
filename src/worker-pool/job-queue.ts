import type { PoolEntry } from './pool-entry.ts'
import { RingQueue } from './ring-queue.ts'

/**
 * The jobs waiting for a worker, in order. An aborted job stays in the ring,
 * settled, until it is reached: `length` counts only the live ones.
 */
export class JobQueue {
  readonly #ring = new RingQueue<PoolEntry>(1024)
  #live = 0

  /** Jobs waiting, aborted ones not counted. */
  get length(): number {
    return this.#live
  }

  push(entry: PoolEntry): void {
    this.#ring.push(entry)
    this.#live++
  }

  /** Put a job back at the front (its worker stopped before starting it). */
  requeue(entry: PoolEntry): void {
    entry.seq = 0
    entry.slot = null
    this.#ring.unshift(entry)
    this.#live++
  }

  /** A queued job was settled where it stands (aborted). */
  forget(): void {
    this.#live--
  }

  /** Up to `count` live jobs from the front. */
  take(count: number): PoolEntry[] {
    const batch: PoolEntry[] = []
    while (batch.length < count && this.#live > 0) {
      const entry = this.#ring.shift()!
      if (entry.settled) continue
      this.#live--
      batch.push(entry)
    }
    return batch
  }

  /** Empty the queue: the live jobs, in order. */
  drain(): PoolEntry[] {
    this.#live = 0
    return this.#ring.drain().filter((entry) => !entry.settled)
  }
}
