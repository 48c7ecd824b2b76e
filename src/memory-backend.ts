import type { Backend } from './backend.ts'
import { checkChordPart, resultExpires } from './backend-checks.ts'
import { BackendClosedError } from './errors.ts'
import { RecordListeners } from './listeners.ts'
import type { ChordPart, ResultRecord } from './protocol.ts'

/** Options of {@link MemoryBackend}. */
export interface MemoryBackendOptions {
  /**
   * Ms after which a stored record reads as null (as Celery's `result_expires`).
   * `null`, `0` or `Infinity`: never.
   * @default 86_400_000 (one day)
   */
  resultExpires?: number | null
}

const SWEEP_EVERY = 64

interface Entry<T> {
  value: T
  expiresAt: number
}

/** A chord's parts by index until it completes; then null, so late parts are ignored. */
type ChordCount = Map<number, ChordPart> | null

/**
 * Results in this process's memory: the default backend, for tests and single-page
 * apps. Records are kept by reference (never cloned): do not mutate a record after
 * storing it. Expired records are dropped lazily, and swept as new ones come in,
 * so memory stays flat without timers.
 * @example const app = createApp(); app.configure({ backend: new MemoryBackend() })
 */
export class MemoryBackend implements Backend {
  readonly #ttl: number
  // Insertion order is expiry order (every write re-inserts), so sweeps stop early.
  readonly #records = new Map<string, Entry<ResultRecord>>()
  readonly #chords = new Map<string, Entry<ChordCount>>()
  readonly #listeners = new RecordListeners()
  #writes = 0
  #closed = false

  constructor(options: MemoryBackendOptions = {}) {
    this.#ttl = resultExpires(options.resultExpires, 'MemoryBackend')
  }

  /** How many records are held, counting expired ones not swept yet. */
  get size(): number {
    return this.#records.size
  }

  /** Store `record` (kept by reference) and tell this id's listeners, synchronously. */
  async store(record: ResultRecord): Promise<void> {
    this.#check()
    const id = record.task_id
    const now = Date.now()
    const current = this.#records.get(id)
    if (current && current.value.status === 'SUCCESS' && current.expiresAt > now) return
    this.#records.delete(id)
    this.#records.set(id, { value: record, expiresAt: now + this.#ttl })
    if (++this.#writes % SWEEP_EVERY === 0) {
      sweep(this.#records, now)
      sweep(this.#chords, now)
    }
    this.#listeners.tell(id, record)
  }

  /** The stored record, or null when unknown, forgotten or expired. */
  async get(id: string): Promise<ResultRecord | null> {
    this.#check()
    const entry = this.#records.get(id)
    if (!entry) return null
    if (entry.expiresAt > Date.now()) return entry.value
    this.#records.delete(id)
    return null
  }

  /** Call `listener` with each record stored for `id` from now on; returns the unsubscribe. */
  watch(id: string, listener: (record: ResultRecord) => void): () => void {
    this.#check()
    return this.#listeners.add(id, listener)
  }

  /** Delete the record: the id reads as unknown (PENDING) afterwards. */
  async forget(id: string): Promise<void> {
    this.#check()
    this.#records.delete(id)
  }

  /**
   * Count a chord header member. Resolves with all parts in index order for the one
   * call that completes `size` distinct indexes, null for every other call.
   */
  async addChordPart(groupId: string, size: number, part: ChordPart): Promise<ChordPart[] | null> {
    this.#check()
    checkChordPart(size, part)
    const now = Date.now()
    let entry = this.#chords.get(groupId)
    if (!entry || entry.expiresAt <= now) {
      this.#chords.delete(groupId)
      entry = { value: new Map(), expiresAt: now + this.#ttl }
      this.#chords.set(groupId, entry)
    }
    const parts = entry.value
    if (!parts || parts.has(part.index)) return null
    parts.set(part.index, part)
    if (parts.size < size) return null
    entry.value = null
    return [...parts.values()].sort((a, b) => a.index - b.index)
  }

  /** Drop everything; later calls reject with {@link BackendClosedError}. */
  async close(): Promise<void> {
    this.#closed = true
    this.#records.clear()
    this.#chords.clear()
    this.#listeners.clear()
  }

  #check(): void {
    if (this.#closed) throw new BackendClosedError('MemoryBackend is closed; create a new one')
  }
}

function sweep<T>(entries: Map<string, Entry<T>>, now: number): void {
  for (const [key, entry] of entries) {
    if (entry.expiresAt > now) return
    entries.delete(key)
  }
}
