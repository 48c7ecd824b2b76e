import type { Backend } from '../src/backend.ts'
import { BackendClosedError, checkChordPart, resultExpires } from '../src/backend-checks.ts'
import { fromStoredRecord, type StoredRecord } from '../src/codec.ts'
import type { ChordPart, ResultRecord } from '../src/protocol.ts'
import { type BatchOutcome, commitBatch, type WriteOp, type WriteResult } from './batch-commit.ts'
import { readBatch } from './batch-read.ts'
import { CrossTab } from './cross-tab.ts'
import { storageError } from './idb-errors.ts'
import { type CeleriacDb, openCeleriacDb } from './idb-schema.ts'
import { type Settled, TickBatcher } from './tick-batcher.ts'
import { Watchers } from './watchers.ts'

/** Options of {@link IndexedDbBackend}. */
export interface IndexedDbBackendOptions {
  /**
   * The IndexedDB database name. Backends with the same name, in any tab, window
   * or worker of the origin, share their results.
   * @default 'celeriac'
   */
  name?: string
  /**
   * Ms after which a stored record reads as null and is purged (Celery's
   * `result_expires`). `null` or `0`: never.
   * @default 86_400_000 (one day)
   */
  resultExpires?: number | null
  /**
   * Commit durability. `'relaxed'`: a commit is reported once the browser has the
   * data (it survives the tab or browser crashing; a power loss may drop the last
   * moments). `'strict'`: once it is flushed to disk, several ms more per batch.
   * `'default'`: the browser's own choice, which differs between browsers and versions.
   * @default 'relaxed'
   */
  durability?: IDBTransactionDurability
}

const DURABILITIES: ReadonlySet<unknown> = new Set(['default', 'strict', 'relaxed'])
// Results expire by the day: a sweep every ten minutes of writing keeps the store flat.
const PURGE_EVERY_MS = 10 * 60_000

/**
 * Results in IndexedDB (via idb), shared by every tab, window and worker of the
 * origin that opens the same `name`. Writes made in one task go to the database as
 * one transaction; a stored SUCCESS is never replaced; `watch` hears of records
 * stored here at once and of records stored elsewhere through a `BroadcastChannel`.
 * Nothing is opened before first use.
 * @example
 * import { IndexedDbBackend } from 'celeriac/web'
 * app.configure({ backend: new IndexedDbBackend({ name: 'my-app' }) })
 */
export class IndexedDbBackend implements Backend {
  readonly #name: string
  readonly #ttl: number
  readonly #durability: IDBTransactionDurability
  readonly #watchers = new Watchers()
  readonly #crossTab: CrossTab
  readonly #writes: TickBatcher<WriteOp, WriteResult>
  readonly #reads: TickBatcher<string, ResultRecord | null>
  #db: Promise<CeleriacDb> | null = null
  #nextPurge = 0
  #closing: Promise<void> | null = null

  constructor(options: IndexedDbBackendOptions = {}) {
    this.#name = dbName(options.name)
    this.#ttl = resultExpires(options.resultExpires, 'IndexedDbBackend')
    this.#durability = durability(options.durability)
    this.#crossTab = new CrossTab(this.#name, (records) => this.#heard(records))
    this.#writes = new TickBatcher((ops) => this.#commit(ops))
    this.#reads = new TickBatcher((ids) => this.#read(ids))
  }

  /** The database name. */
  get name(): string {
    return this.#name
  }

  /**
   * Store `record`. Resolves once its batch has committed; its watchers here have
   * been told by then, and other tabs are being told.
   */
  async store(record: ResultRecord): Promise<void> {
    this.#check()
    if (typeof record?.task_id !== 'string' || record.task_id === '') {
      throw new TypeError(
        `IndexedDbBackend.store: "record.task_id" must be a non-empty string; got ${String(record?.task_id)}`,
      )
    }
    await this.#writes.add({ kind: 'store', record })
  }

  /**
   * The stored record, or null when unknown, forgotten or expired. The gets made
   * during one task share one readonly transaction. A get sees every write whose
   * promise had resolved before it was called; a get made while a write to the
   * same id is still pending may return the record from before or after that write.
   */
  async get(id: string): Promise<ResultRecord | null> {
    this.#check()
    return this.#reads.add(id)
  }

  /** Call `listener` with each record stored for `id` from now on, in any tab; returns the unsubscribe. */
  watch(id: string, listener: (record: ResultRecord) => void): () => void {
    this.#check()
    this.#crossTab.open()
    return this.#watchers.add(id, listener)
  }

  /** Delete the record: the id reads as unknown (PENDING) afterwards. */
  async forget(id: string): Promise<void> {
    this.#check()
    await this.#writes.add({ kind: 'forget', id })
  }

  /**
   * Count a chord header member, atomically across tabs. Resolves with all parts in
   * index order for the one call that completes `size` distinct indexes, else null.
   */
  async addChordPart(groupId: string, size: number, part: ChordPart): Promise<ChordPart[] | null> {
    this.#check()
    if (typeof groupId !== 'string' || groupId === '') {
      throw new TypeError(
        `IndexedDbBackend.addChordPart: "groupId" must be a non-empty string; got ${String(groupId)}`,
      )
    }
    checkChordPart(size, part)
    const parts = await this.#writes.add({ kind: 'chord', groupId, size, part })
    return parts as ChordPart[] | null
  }

  /**
   * Delete every expired record and chord now (done anyway every ten minutes of
   * writing, and at the first write after opening).
   * @returns how many result records were deleted
   */
  async purgeExpired(): Promise<number> {
    this.#check()
    return (await this.#writes.add({ kind: 'purge' })) as number
  }

  /**
   * Commit the writes still pending, then close the database and the channel.
   * Later calls reject with `BackendClosedError`.
   */
  close(): Promise<void> {
    this.#closing ??= this.#shutdown()
    return this.#closing
  }

  async #shutdown(): Promise<void> {
    await Promise.all([this.#writes.drain(), this.#reads.drain()])
    this.#crossTab.close()
    this.#watchers.clear()
    const db = this.#db
    this.#db = null
    await db?.then((connection) => connection.close()).catch(() => {})
  }

  #check(): void {
    if (this.#closing) {
      throw new BackendClosedError(`IndexedDbBackend "${this.#name}" is closed; create a new one`)
    }
  }

  #connection(): Promise<CeleriacDb> {
    if (this.#db) return this.#db
    const opening = openCeleriacDb(this.#name, {
      // Closed for another tab's upgrade or by the browser: the next use reopens.
      versionchange: () => this.#forgetConnection(opening),
      terminated: () => this.#forgetConnection(opening),
    })
    this.#db = opening
    opening.catch(() => this.#forgetConnection(opening))
    return opening
  }

  #forgetConnection(connection: Promise<CeleriacDb>): void {
    if (this.#db === connection) this.#db = null
  }

  async #commit(ops: WriteOp[]): Promise<Settled<WriteResult>[]> {
    const purge = Date.now() >= this.#nextPurge
    let outcome: BatchOutcome
    try {
      const db = await this.#connection()
      outcome = await commitBatch(db, ops, { ttl: this.#ttl, durability: this.#durability, purge })
    } catch (error) {
      throw storageError(error, this.#name, `committing ${ops.length} write(s)`)
    }
    if (purge) this.#nextPurge = Date.now() + PURGE_EVERY_MS
    for (const { record } of outcome.written) this.#watchers.notify(record)
    this.#crossTab.post(outcome.written.map(({ stored }) => stored))
    return outcome.settled
  }

  async #read(ids: string[]): Promise<Settled<ResultRecord | null>[]> {
    try {
      return await readBatch(await this.#connection(), ids)
    } catch (error) {
      const what = ids.length === 1 ? `reading task ${ids[0]}` : `reading ${ids.length} tasks`
      throw storageError(error, this.#name, what)
    }
  }

  #heard(records: StoredRecord[]): void {
    for (const stored of records) {
      if (this.#watchers.has(stored.task_id)) this.#watchers.notify(fromStoredRecord(stored))
    }
  }
}

function dbName(name: unknown): string {
  if (name === undefined) return 'celeriac'
  if (typeof name === 'string' && name !== '') return name
  throw new TypeError(
    `IndexedDbBackend: option "name" must be a non-empty string (a database name); got ${String(name)}`,
  )
}

function durability(value: unknown): IDBTransactionDurability {
  if (value === undefined) return 'relaxed'
  if (DURABILITIES.has(value)) return value as IDBTransactionDurability
  throw new TypeError(
    `IndexedDbBackend: option "durability" must be 'relaxed', 'strict' or 'default'; got ${String(value)}`,
  )
}
