import type { PoolEntry } from './pool-entry.ts'

/**
 * The jobs waiting for a worker, in order. An aborted job stays in place,
 * settled, until it is reached: `length` counts only the live ones.
 */
export class JobQueue {
  #entries: PoolEntry[] = []
  /** Where the front is: the entries before it were taken. */
  #head = 0
  #live = 0

  /** Jobs waiting, aborted ones not counted. */
  get length(): number {
    return this.#live
  }

  push(entry: PoolEntry): void {
    this.#entries.push(entry)
    this.#live++
  }

  /** Put jobs back at the front, in order (their worker stopped before starting them). */
  requeue(entries: PoolEntry[]): void {
    for (const entry of entries) {
      entry.seq = 0
      entry.slot = null
    }
    this.#entries.splice(this.#head, 0, ...entries)
    this.#live += entries.length
  }

  /** A queued job was settled where it stands (aborted). */
  forget(): void {
    this.#live--
  }

  /** Up to `count` live jobs from the front. */
  take(count: number): PoolEntry[] {
    const batch: PoolEntry[] = []
    while (batch.length < count && this.#live > 0) {
      const entry = this.#entries[this.#head++]
      if (entry.settled) continue
      this.#live--
      batch.push(entry)
    }
    // Once most of the array was taken, drop that part: each job is copied at most once on average.
    if (this.#head * 2 > this.#entries.length) {
      this.#entries = this.#entries.slice(this.#head)
      this.#head = 0
    }
    return batch
  }

  /** Empty the queue: the live jobs, in order. */
  drain(): PoolEntry[] {
    const live = this.#entries.slice(this.#head).filter((entry) => !entry.settled)
    this.#entries = []
    this.#head = 0
    this.#live = 0
    return live
  }
}
