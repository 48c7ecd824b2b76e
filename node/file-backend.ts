import type { Backend } from '../src/backend.ts'
import { checkChordPart, PURGE_EVERY_MS, resultExpires } from '../src/backend-checks.ts'
import { decodeValue, encodeValue, parseRecord, serializeRecord } from '../src/codec.ts'
import { BackendClosedError } from '../src/errors.ts'
import type { RecordListener } from '../src/listeners.ts'
import type { ChordPart, ResultRecord } from '../src/protocol.ts'
import { mustBe } from '../src/validate.ts'
import { ChangeSignal } from './change-signal.ts'
import { type RowWrite, SqliteStore } from './sqlite-store.ts'
import { StoreWatcher } from './store-watcher.ts'
import { checkTaskId } from './task-id.ts'

/** Options of {@link FileBackend}. */
export interface FileBackendOptions {
  /**
   * The store directory; the database file `celeriac.db` lives inside.
   * @example '.celeriac'
   */
  path: string
  /**
   * Ms after which a stored record reads as null and may be purged (Celery's
   * `result_expires`). `null` or `0`: never.
   * @default 86_400_000 (one day)
   */
  resultExpires?: number | null
  /** Ms between re-reads of watched ids when file-system events do not come. @default 1000 */
  pollInterval?: number
  /** Create the directory and database when missing (the CLI opens existing stores only). @default true */
  create?: boolean
}

interface PendingWrite extends RowWrite {
  resolve: () => void
  reject: (error: unknown) => void
}

/**
 * Results in an SQLite file (WAL mode), shared by every process that opens the same
 * `path`. Writes made in one tick are committed in one transaction; a stored SUCCESS
 * is never replaced; `watch` hears of writes from any process without polling
 * (file-system events, with a slow fallback poll). Nothing is opened before first use.
 *
 * Durability: `synchronous=NORMAL`: a resolved `store()` survives the process being
 * killed; after a power loss the last moments of writes may be lost, never the file.
 * @example app.configure({ backend: new FileBackend({ path: '.celeriac' }) })
 */
export class FileBackend implements Backend {
  readonly #dir: string
  readonly #ttl: number
  readonly #pollInterval: number
  readonly #create: boolean
  #store: SqliteStore | null = null
  #watcher: StoreWatcher | null = null
  readonly #signal: ChangeSignal
  #pending: PendingWrite[] = []
  #flushing: ReturnType<typeof setImmediate> | null = null
  #nextPurge = 0
  #closed = false

  constructor(options: FileBackendOptions) {
    if (typeof options?.path !== 'string' || options.path === '') {
      throw mustBe(
        'FileBackend: option "path"',
        "a directory path such as '.celeriac'",
        options?.path,
      )
    }
    const poll = options.pollInterval ?? 1000
    if (!(poll > 0)) {
      throw mustBe('FileBackend: option "pollInterval"', 'a number of ms > 0', poll)
    }
    this.#dir = options.path
    this.#ttl = resultExpires(options.resultExpires, 'FileBackend')
    this.#pollInterval = poll
    this.#create = options.create ?? true
    this.#signal = new ChangeSignal(this.#dir)
  }

  /** The store directory. */
  get path(): string {
    return this.#dir
  }

  /** Store a record; resolves once its transaction (shared with this tick's other writes) commits. */
  store(record: ResultRecord): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#check()
      checkColumns(record)
      const text = serializeRecord(record)
      const { task_id: id, status } = record
      this.#pending.push({ id, status, dateDone: record.date_done ?? null, text, resolve, reject })
      this.#flushing ??= setImmediate(this.#flush)
    })
  }

  /** The stored record, or null when unknown, forgotten or expired. */
  async get(id: string): Promise<ResultRecord | null> {
    const store = this.#ready(id)
    const text = store.read(id, Date.now())
    return text === undefined ? null : parseRecord(text, `${store.file} (task ${id})`)
  }

  /**
   * Call `listener` with each record stored for `id` from now on, by this or any
   * other process. Returns the function that stops listening.
   * @throws StoreError when the store cannot be opened (it is opened here, synchronously)
   */
  watch(id: string, listener: RecordListener): () => void {
    this.#check()
    checkTaskId(id)
    const store = this.#open()
    this.#watcher ??= new StoreWatcher(this.#dir, store, this.#pollInterval)
    return this.#watcher.add(id, listener)
  }

  /** Delete the record: the id reads as unknown (PENDING) afterwards. */
  async forget(id: string): Promise<void> {
    this.#ready(id).forget(id)
  }

  /** Count a chord header member, atomically across processes (see {@link Backend}). */
  async addChordPart(groupId: string, size: number, part: ChordPart): Promise<ChordPart[] | null> {
    checkTaskId(groupId, 'group id')
    checkChordPart(size, part)
    const store = this.#ready(groupId)
    const text = JSON.stringify(encodeValue(part, 'part'))
    const now = Date.now()
    const parts = store.addChordPart(groupId, size, part.index, text, now, this.#expires(now))
    return parts === null ? null : parts.map((json) => decodeValue(JSON.parse(json)) as ChordPart)
  }

  /** Delete expired records now (they already read as null); resolves with how many went. */
  async purgeExpired(): Promise<number> {
    return this.#ready().purgeExpired(Date.now())
  }

  /** How many live records each state has, e.g. `{ SUCCESS: 10, FAILURE: 2 }`. */
  async listCounts(): Promise<Record<string, number>> {
    return this.#ready().countByStatus(Date.now())
  }

  /** The latest `limit` FAILURE records, newest first. */
  async latestFailures(limit = 10): Promise<ResultRecord[]> {
    const store = this.#ready()
    return store.latestFailures(limit, Date.now()).map((text) => parseRecord(text, store.file))
  }

  /** Commit pending writes, stop watching, close the database. Later calls reject. */
  async close(): Promise<void> {
    if (this.#closed) return
    this.#closed = true
    this.#flush()
    this.#watcher?.close()
    this.#signal.close()
    this.#store?.close()
    this.#store = null
  }

  /** Commit every pending write in one transaction, then tell watchers and resolve. */
  #flush = (): void => {
    if (this.#flushing) clearImmediate(this.#flushing)
    this.#flushing = null
    const batch = this.#pending
    if (batch.length === 0) return
    this.#pending = []
    let applied: boolean[]
    let store: SqliteStore
    try {
      store = this.#open()
      const now = Date.now()
      applied = store.writeBatch(batch, now, this.#expires(now))
    } catch (error) {
      for (const write of batch) write.reject(error)
      return
    }
    this.#signal.touch()
    this.#deliver(batch, applied, store.lastSeq)
    for (const write of batch) write.resolve()
    this.#maybePurge(store)
  }

  #deliver(batch: PendingWrite[], applied: boolean[], seq: number): void {
    const watcher = this.#watcher
    if (!watcher) return
    for (let i = 0; i < batch.length; i++) {
      if (applied[i]) watcher.delivered(batch[i].id, seq, batch[i].text)
    }
  }

  #maybePurge(store: SqliteStore): void {
    const now = Date.now()
    if (now < this.#nextPurge) return
    this.#nextPurge = now + PURGE_EVERY_MS
    try {
      store.purgeExpired(now)
    } catch {
      // Expired rows already read as null; the next purge tries again.
    }
  }

  /** Check the call, commit pending writes (so reads see them) and return the open store. */
  #ready(id?: string): SqliteStore {
    this.#check()
    if (id !== undefined) checkTaskId(id)
    this.#flush()
    return this.#open()
  }

  #open(): SqliteStore {
    this.#store ??= new SqliteStore(this.#dir, this.#create)
    return this.#store
  }

  #expires(now: number): number | null {
    return this.#ttl === Number.POSITIVE_INFINITY ? null : now + this.#ttl
  }

  #check(): void {
    if (this.#closed) {
      throw new BackendClosedError(`FileBackend(${this.#dir}) is closed; create a new one`)
    }
  }
}

/** Refuse, before it can fail a whole batch, a record whose columns SQLite cannot take. */
function checkColumns(record: ResultRecord): void {
  checkTaskId(record?.task_id)
  if (typeof record.status !== 'string' || record.status === '') {
    throw mustBe('FileBackend: record "status"', "a state name such as 'SUCCESS'", record.status)
  }
  const done = record.date_done
  if (done != null && typeof done !== 'string') {
    throw mustBe('FileBackend: record "date_done"', 'an ISO 8601 string or null', done)
  }
}
