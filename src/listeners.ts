import type { ResultRecord } from './protocol.ts'

/** Told of each record stored for the id it watches. */
export type RecordListener = (record: ResultRecord) => void

/** The listeners of each watched id, as every backend keeps them. */
export class RecordListeners {
  readonly #byId = new Map<string, Set<RecordListener>>()

  /** Listen to `id`; returns the function that stops listening. */
  add(id: string, listener: RecordListener): () => void {
    const listeners = this.#byId.get(id) ?? new Set()
    this.#byId.set(id, listeners.add(listener))
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && this.#byId.get(id) === listeners) this.#byId.delete(id)
    }
  }

  /** Whether anyone listens to `id`. */
  has(id: string): boolean {
    return this.#byId.has(id)
  }

  /** Tell the listeners of `id` about `record`. */
  tell(id: string, record: ResultRecord): void {
    const listeners = this.#byId.get(id)
    if (listeners) tellEach(listeners, record)
  }

  clear(): void {
    this.#byId.clear()
  }
}

/** Call each listener with `record`; a listener that throws never stops the others. */
export function tellEach(listeners: Iterable<RecordListener>, record: ResultRecord): void {
  for (const listener of [...listeners]) {
    try {
      listener(record)
    } catch {
      // A listener's failure is its own: the record is stored and others still hear of it.
    }
  }
}
