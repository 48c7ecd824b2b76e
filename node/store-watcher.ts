import { type FSWatcher, watch } from 'node:fs'
import { parseRecord } from '../src/codec.ts'
import { type RecordListener, tellEach } from '../src/listeners.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { SIGNAL_FILE } from './change-signal.ts'
import type { SqliteStore } from './sqlite-store.ts'

interface Watched {
  listeners: Set<RecordListener>
  /** The seq of the last write these listeners were told of (or saw before watching). */
  seq: number
}

/**
 * Push notification of records stored by any process. Same-process writes are
 * delivered right after their commit; others are found by re-reading the watched
 * ids (one query) when `fs.watch` sees a writer touch the signal file after a commit,
 * with a slow, unref'd poll in case the file system drops events. Nothing runs
 * while nobody watches. Across processes a burst of writes to one id may reach a
 * watcher as its latest record only.
 */
export class StoreWatcher {
  readonly #dir: string
  readonly #store: SqliteStore
  readonly #pollInterval: number
  readonly #watched = new Map<string, Watched>()
  #fsWatcher: FSWatcher | null = null
  #timer: ReturnType<typeof setInterval> | null = null
  #refreshing: ReturnType<typeof setImmediate> | null = null

  constructor(dir: string, store: SqliteStore, pollInterval: number) {
    this.#dir = dir
    this.#store = store
    this.#pollInterval = pollInterval
  }

  /** Start telling `listener` of records of `id` written after the current one. */
  add(id: string, listener: RecordListener): () => void {
    let watched = this.#watched.get(id)
    if (!watched) {
      watched = { listeners: new Set(), seq: this.#store.currentSeq() }
      this.#watched.set(id, watched)
      this.#start()
    }
    watched.listeners.add(listener)
    const entry = watched
    return () => {
      entry.listeners.delete(listener)
      if (entry.listeners.size > 0 || this.#watched.get(id) !== entry) return
      this.#watched.delete(id)
      if (this.#watched.size === 0) this.#stop()
    }
  }

  /** Tell the listeners of a record this process has just committed with `seq`. */
  delivered(id: string, seq: number, text: string): void {
    const watched = this.#watched.get(id)
    if (!watched) return
    watched.seq = seq
    this.#tell(watched, id, text)
  }

  /** Re-read every watched id and tell of what changed. */
  refresh(): void {
    this.#refreshing = null
    if (this.#watched.size === 0) return
    let since = Number.POSITIVE_INFINITY
    for (const watched of this.#watched.values()) since = Math.min(since, watched.seq)
    let rows: ReturnType<SqliteStore['readChanged']>
    try {
      rows = this.#store.readChanged([...this.#watched.keys()], since, Date.now())
    } catch {
      return // A transient read error (e.g. busy): the next event or poll retries.
    }
    for (const row of rows) {
      const watched = this.#watched.get(row.task_id)
      if (!watched || row.seq <= watched.seq) continue
      watched.seq = row.seq
      this.#tell(watched, row.task_id, row.record)
    }
  }

  /** Stop watching the directory and polling; forget every listener. */
  close(): void {
    this.#watched.clear()
    this.#stop()
  }

  #tell(watched: Watched, id: string, text: string): void {
    let record: ResultRecord
    try {
      record = parseRecord(text, `${this.#store.file} (task ${id})`)
    } catch {
      return // get() reports the damaged record with its file; a watcher cannot.
    }
    tellEach(watched.listeners, record)
  }

  #start(): void {
    if (this.#timer) return
    this.#timer = setInterval(() => this.refresh(), this.#pollInterval)
    this.#timer.unref()
    try {
      this.#fsWatcher = watch(this.#dir, (_event, name) => {
        if (name === null || String(name) === SIGNAL_FILE) this.#schedule()
      })
      this.#fsWatcher.on('error', () => this.#closeFsWatcher())
    } catch {
      this.#fsWatcher = null // No fs.watch here (some network file systems): the poll remains.
    }
  }

  #schedule(): void {
    this.#refreshing ??= setImmediate(() => this.refresh())
  }

  #stop(): void {
    if (this.#timer) clearInterval(this.#timer)
    this.#timer = null
    if (this.#refreshing) clearImmediate(this.#refreshing)
    this.#refreshing = null
    this.#closeFsWatcher()
  }

  #closeFsWatcher(): void {
    this.#fsWatcher?.close()
    this.#fsWatcher = null
  }
}
