import type { ResultRecord } from '../src/protocol.ts'

type Listener = (record: ResultRecord) => void

/** The listeners of each task id; a throwing listener never stops the others. */
export class Watchers {
  readonly #byId = new Map<string, Set<Listener>>()

  /** Add `listener` for `id`; returns the function that removes it. */
  add(id: string, listener: Listener): () => void {
    let listeners = this.#byId.get(id)
    if (!listeners) {
      listeners = new Set()
      this.#byId.set(id, listeners)
    }
    listeners.add(listener)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && this.#byId.get(id) === listeners) this.#byId.delete(id)
    }
  }

  /** True when someone listens to `id`. */
  has(id: string): boolean {
    return this.#byId.has(id)
  }

  /** Call every listener of `record.task_id` with `record`. */
  notify(record: ResultRecord): void {
    const listeners = this.#byId.get(record.task_id)
    if (!listeners) return
    for (const listener of [...listeners]) {
      try {
        listener(record)
      } catch {
        // A listener's failure is its own: the record is stored and others still hear of it.
      }
    }
  }

  clear(): void {
    this.#byId.clear()
  }
}
