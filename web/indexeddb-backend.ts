import type { Backend } from '../src/backend.ts'
import { checkChordPart, PURGE_EVERY_MS, resultExpires } from '../src/backend-checks.ts'
import { fromStoredRecord, type StoredRecord } from '../src/codec.ts'
import { BackendClosedError } from '../src/errors.ts'
import { type RecordListener, RecordListeners } from '../src/listeners.ts'
import type { ChordPart, ResultRecord } from '../src/protocol.ts'
import { mustBe } from '../src/validate.ts'
import { type PendingOp, runBatch } from './idb-batch.ts'
import { storageError } from './idb-errors.ts'
import { type CeleriacDb, openCeleriacDb } from './idb-schema.ts'
import { tickBatcher } from './tick-batcher.ts'

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

const DURABILITIES: unknown[] = ['relaxed', 'strict', 'default']

/**
 * Results in IndexedDB (via idb), shared by every tab, window and worker of the
 * origin that opens the same `name`. The gets and writes made in one task go to the
 * database as one transaction; a stored SUCCESS is never replaced; `watch` hears of
 * records stored here at once and of records stored elsewhere through a
 * `BroadcastChannel`. Nothing is opened before first use.
 * @example
 * import { IndexedDbBackend } from 'celeriac/web'
 * app.configure({ backend: new IndexedDbBackend({ name: 'my-app' }) })
 */
export class IndexedDbBackend implements Backend {
  readonly #name: string
  readonly #ttl: number
  readonly #durability: IDBTransactionDurability
  readonly #listeners = new RecordListeners()
  readonly #batches = tickBatcher((batch: PendingOp[]) => this.#run(batch))
  #channel: BroadcastChannel | null = null
  #db: Promise<CeleriacDb> | null = null
  #nextPurge = 0
  #closing: Promise<void> | null = null

  constructor(options: IndexedDbBackendOptions = {}) {
    const { name = 'celeriac', durability = 'relaxed' } = options
    check(isName(name), 'option "name"', 'a non-empty string', name)
    const durabilities = "'relaxed', 'strict' or 'default'"
    check(DURABILITIES.includes(durability), 'option "durability"', durabilities, durability)
    this.#name = name
    this.#ttl = resultExpires(options.resultExpires, 'IndexedDbBackend')
    this.#durability = durability
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
    check(isName(record?.task_id), 'store: "record.task_id"', 'a non-empty string', record?.task_id)
    await this.#batches.add({ kind: 'store', id: record.task_id, record })
  }

  /**
   * The stored record, or null when unknown, forgotten or expired. The gets made
   * during one task share one transaction with that task's writes (a readonly one
   * when there are none), and see those made before them. If a write fails that
   * transaction (a full quota, say), they run again in the next batch. A
   * get sees every write whose promise had resolved before it was called; a get made
   * while a write to the same id is still pending may return the record from before
   * or after that write.
   */
  async get(id: string): Promise<ResultRecord | null> {
    this.#check()
    // Checked here: a key IndexedDB refuses would fail the whole batch it joins.
    check(typeof id === 'string', 'get: "id"', 'a string', id)
    return this.#batches.add({ kind: 'get', id }) as Promise<ResultRecord | null>
  }

  /**
   * Call `listener` with each record stored for `id` from now on, in any tab (a copy
   * decoded from what was stored); returns the unsubscribe.
   */
  watch(id: string, listener: RecordListener): () => void {
    this.#check()
    this.#broadcast()
    return this.#listeners.add(id, listener)
  }

  /** Delete the record: the id reads as unknown (PENDING) afterwards. */
  async forget(id: string): Promise<void> {
    this.#check()
    check(typeof id === 'string', 'forget: "id"', 'a string', id)
    await this.#batches.add({ kind: 'forget', id })
  }

  /**
   * Count a chord header member, atomically across tabs. Resolves with all parts in
   * index order for the one call that completes `size` distinct indexes, else null.
   */
  async addChordPart(groupId: string, size: number, part: ChordPart): Promise<ChordPart[] | null> {
    this.#check()
    check(isName(groupId), 'addChordPart: "groupId"', 'a non-empty string', groupId)
    checkChordPart(size, part)
    return (await this.#batches.add({ kind: 'chord', groupId, size, part })) as ChordPart[] | null
  }

  /**
   * Delete every expired record and chord now (done anyway with the first batch
   * that writes, then at most every ten minutes).
   * @returns how many result records were deleted
   */
  async purgeExpired(): Promise<number> {
    this.#check()
    return (await this.#batches.add({ kind: 'purge' })) as number
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
    await this.#batches.drain()
    this.#channel?.close()
    this.#listeners.clear()
    const db = this.#db
    this.#db = null
    await db?.then(
      (connection) => connection.close(),
      () => {},
    )
  }

  #check(): void {
    if (this.#closing) {
      throw new BackendClosedError(`IndexedDbBackend "${this.#name}" is closed; create a new one`)
    }
  }

  #connection(): Promise<CeleriacDb> {
    if (this.#db) return this.#db
    // Closed for another tab's upgrade or by the browser, or failed: the next use reopens.
    const reopenLater = () => {
      if (this.#db === opening) this.#db = null
    }
    const opening = openCeleriacDb(this.#name, reopenLater)
    opening.catch(reopenLater)
    this.#db = opening
    return opening
  }

  async #run(batch: PendingOp[]): Promise<void> {
    // Expired rows go with a batch that writes anyway: reads keep their readonly transaction.
    const onlyReads = batch.every((entry) => entry.op.kind === 'get')
    const purge = !onlyReads && Date.now() >= this.#nextPurge
    try {
      await runBatch(await this.#connection(), batch, {
        ttl: this.#ttl,
        durability: this.#durability,
        purge,
        committed: (stored) => this.#committed(stored),
      })
    } catch (error) {
      const failure = storageError(
        error,
        this.#name,
        `a transaction of ${batch.length} operation(s)`,
      )
      this.#failed(batch, failure, onlyReads)
      return
    }
    if (purge) this.#nextPurge = Date.now() + PURGE_EVERY_MS
  }

  /**
   * A failed batch fails its writes. Its reads are not to blame for a write's
   * failure (a full quota, say): they run again in a later batch, unless the batch
   * was only reads.
   */
  #failed(batch: PendingOp[], failure: Error, onlyReads: boolean): void {
    for (const entry of batch) {
      if (onlyReads || entry.op.kind !== 'get') entry.reject(failure)
      else this.#batches.add(entry.op).then(entry.resolve, entry.reject)
    }
  }

  /** Tell the watchers here, then the other contexts, of the records a batch stored. */
  #committed(stored: StoredRecord[]): void {
    this.#heard(stored)
    if (stored.length > 0) this.#broadcast().postMessage({ type: 'stored', records: stored })
  }

  /**
   * The channel that tells every other context of this origin (tabs, windows,
   * workers, other backends in this page) which records were committed. The records
   * themselves travel (structured clone), so a listener needs no re-read. Opened on
   * first use.
   */
  #broadcast(): BroadcastChannel {
    if (this.#channel) return this.#channel
    const channel = new BroadcastChannel(`celeriac-results:${this.#name}`)
    channel.onmessage = ({ data }: MessageEvent<StoredMessage>) => {
      if (data?.type === 'stored' && Array.isArray(data.records)) this.#heard(data.records)
    }
    this.#channel = channel
    return channel
  }

  /**
   * Tell the listeners of each stored record, decoded once per record; a throwing
   * listener never stops the others.
   */
  #heard(records: StoredRecord[]): void {
    for (const stored of records) {
      if (this.#listeners.has(stored.task_id))
        this.#listeners.tell(stored.task_id, fromStoredRecord(stored))
    }
  }
}

/** What one backend tells the others after a commit. */
interface StoredMessage {
  type: 'stored'
  records: StoredRecord[]
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value !== ''
}

/** Throw the TypeError that names `what`, what was expected and what came, unless `ok`. */
function check(ok: boolean, what: string, expected: string, value: unknown): void {
  if (!ok) throw mustBe(`IndexedDbBackend: ${what}`, expected, value)
}
