import { closeSync, existsSync, mkdirSync, openSync, readSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { CeleriacError } from '../src/errors.ts'

/** The file store cannot be opened, read or written; the message names the file. */
export class StoreError extends CeleriacError {
  override name = 'StoreError'
  override readonly code: string = 'ERR_FILE_STORE'
}

/** The database file inside a store directory. */
export const DB_FILE = 'celeriac.db'
/** Marks our files in the SQLite header (`PRAGMA application_id`): 'celr'. */
const APPLICATION_ID = 0x63656c72
/** The schema this code reads and writes (`PRAGMA user_version`). */
const SCHEMA_VERSION = 1
const SQLITE_MAGIC = 'SQLite format 3\0'
const BUSY_TIMEOUT_MS = 5000
const WAL_CHECKPOINT_PAGES = 10_000

const SCHEMA = `
  CREATE TABLE results (
    task_id TEXT PRIMARY KEY NOT NULL,
    status TEXT NOT NULL,
    date_done TEXT,
    expires INTEGER,
    seq INTEGER NOT NULL,
    record TEXT NOT NULL
  );
  CREATE INDEX results_expires ON results (expires);
  CREATE TABLE chord_parts (
    group_id TEXT NOT NULL,
    idx INTEGER NOT NULL,
    part TEXT NOT NULL,
    expires INTEGER,
    PRIMARY KEY (group_id, idx)
  );
  CREATE TABLE chords_done (group_id TEXT PRIMARY KEY NOT NULL, expires INTEGER);
  CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value INTEGER NOT NULL);
  INSERT INTO meta (key, value) VALUES ('seq', 0);
  PRAGMA application_id = ${APPLICATION_ID};
  PRAGMA user_version = ${SCHEMA_VERSION};
`

/**
 * Open (creating when allowed) the store's database in `dir`. Nothing is written to
 * a file that is not ours: a foreign or corrupted file is refused before any write.
 *
 * Durability: WAL with `synchronous=NORMAL`. A commit survives the process being
 * killed at any point; after a power loss or OS crash the last commits before the
 * next checkpoint may be rolled back, but the file is never left corrupt.
 */
export function openDatabase(dir: string, create: boolean): Database.Database {
  const file = join(dir, DB_FILE)
  if (!create && !existsSync(file)) {
    throw new StoreError(`${file}: no celeriac store here (nothing stored yet, or a wrong path)`)
  }
  if (create) mkdirSync(dir, { recursive: true })
  checkHeader(file)
  let db: Database.Database | undefined
  try {
    db = new Database(file, { fileMustExist: !create })
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`)
    checkSchema(db, file)
    db.pragma('journal_mode = WAL')
    db.pragma('synchronous = NORMAL')
    // Checkpoints (each with an fsync) every ~40 MB of WAL rather than SQLite's 4 MB:
    // write throughput rises by more than half; readers are not slowed.
    db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES}`)
    return db
  } catch (error) {
    db?.close()
    throw storeError(file, error)
  }
}

/** Wrap a SQLite error so that its message names the file. */
export function storeError(file: string, error: unknown): Error {
  if (error instanceof StoreError) return error
  const message = error instanceof Error ? error.message : String(error)
  return new StoreError(`${file}: ${message}`, { cause: error })
}

function checkHeader(file: string): void {
  if (!existsSync(file)) return
  const header = Buffer.alloc(SQLITE_MAGIC.length)
  const fd = openSync(file, 'r')
  let read: number
  try {
    read = readSync(fd, header, 0, header.length, 0)
  } finally {
    closeSync(fd)
  }
  if (read === 0) return
  if (read < header.length || header.toString('latin1') !== SQLITE_MAGIC) {
    throw new StoreError(
      `${file}: not a celeriac store (not an SQLite database); left untouched. ` +
        'Move it away or give FileBackend another path.',
    )
  }
}

function checkSchema(db: Database.Database, file: string): void {
  const ours = () => db.pragma('application_id', { simple: true }) === APPLICATION_ID
  if (!ours()) {
    const empty = () =>
      db.pragma('user_version', { simple: true }) === 0 &&
      db.prepare('SELECT count(*) FROM sqlite_master').pluck().get() === 0
    if (!empty()) throw foreign(file)
    db.pragma('journal_mode = WAL')
    // Two processes may create the store at once: the second one finds it made.
    db.transaction(() => {
      if (ours()) return
      if (!empty()) throw foreign(file)
      db.exec(SCHEMA)
    }).immediate()
  }
  const version = db.pragma('user_version', { simple: true }) as number
  if (version > SCHEMA_VERSION) {
    throw new StoreError(
      `${file}: written by a newer celeriac (schema ${version}; this one reads ${SCHEMA_VERSION}). Upgrade celeriac.`,
    )
  }
}

function foreign(file: string): StoreError {
  return new StoreError(
    `${file}: an SQLite database, but not a celeriac store (no celeriac schema); left untouched. ` +
      'Move it away or give FileBackend another path.',
  )
}
