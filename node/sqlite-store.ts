import { join } from 'node:path'
import type Database from 'better-sqlite3'
import { DB_FILE, openDatabase, storeError } from './store-file.ts'

/** One record to write: its columns and its serialized text. */
export interface RowWrite {
  id: string
  status: string
  dateDone: string | null
  text: string
}

/** A stored row as the watcher reads it. */
export interface WatchedRow {
  task_id: string
  seq: number
  record: string
}

/** A JSON chord part and whether this call completed the chord. */
type ChordOutcome = string[] | null

/**
 * The SQL side of the file store: one connection, prepared statements, and the
 * transactions. Synchronous (better-sqlite3); every SQLite error names the file.
 */
export class SqliteStore {
  /** The database file. */
  readonly file: string
  readonly #db: Database.Database
  readonly #sql: ReturnType<typeof prepare>
  readonly #writeBatch: (rows: RowWrite[], now: number, expires: number | null) => boolean[]
  readonly #chordPart: (
    groupId: string,
    size: number,
    index: number,
    part: string,
    now: number,
    expires: number | null,
  ) => ChordOutcome
  #seq = 0

  constructor(dir: string, create: boolean) {
    this.file = join(dir, DB_FILE)
    this.#db = openDatabase(dir, create)
    const sql = prepare(this.#db)
    this.#sql = sql
    this.#writeBatch = this.#db.transaction(
      (rows: RowWrite[], now: number, expires: number | null) => {
        this.#seq = sql.bumpSeq.get() as number
        return rows.map(
          (row) =>
            sql.upsert.run(row.id, row.status, row.dateDone, expires, this.#seq, row.text, now)
              .changes > 0,
        )
      },
    )
    this.#chordPart = this.#db.transaction(countChordPart.bind(null, sql)).immediate
  }

  /** The sequence number of the last batch this store committed. */
  get lastSeq(): number {
    return this.#seq
  }

  /** Write rows in one transaction; which of them took effect (a SUCCESS is never replaced). */
  writeBatch(rows: RowWrite[], now: number, expires: number | null): boolean[] {
    return this.#guard(() => this.#writeBatch(rows, now, expires))
  }

  /** The record text of a live (unexpired) row, or undefined. */
  read(id: string, now: number): string | undefined {
    return this.#guard(() => this.#sql.read.get(id, now) as string | undefined)
  }

  /** Live rows of `ids` written after `sinceSeq`: one query for every watched id. */
  readChanged(ids: string[], sinceSeq: number, now: number): WatchedRow[] {
    return this.#guard(
      () => this.#sql.changed.all(JSON.stringify(ids), sinceSeq, now) as WatchedRow[],
    )
  }

  /** The sequence number of the latest committed batch, from any process. */
  currentSeq(): number {
    return this.#guard(() => this.#sql.currentSeq.get() as number)
  }

  forget(id: string): void {
    this.#guard(() => this.#sql.forget.run(id))
  }

  /** Count a chord part atomically, across processes; the JSON parts for the completing call. */
  addChordPart(
    groupId: string,
    size: number,
    index: number,
    part: string,
    now: number,
    expires: number | null,
  ): ChordOutcome {
    return this.#guard(() => this.#chordPart(groupId, size, index, part, now, expires))
  }

  /** Delete expired results and chord counters; how many results went. */
  purgeExpired(now: number): number {
    return this.#guard(() =>
      this.#db.transaction(() => {
        this.#sql.purgeParts.run(now)
        this.#sql.purgeChords.run(now)
        return this.#sql.purgeResults.run(now).changes
      })(),
    )
  }

  /** Live results per state. */
  countByStatus(now: number): Record<string, number> {
    const rows = this.#guard(() => this.#sql.counts.all(now) as { status: string; n: number }[])
    return Object.fromEntries(rows.map((row) => [row.status, row.n]))
  }

  /** Record texts of the latest live FAILUREs, newest first. */
  latestFailures(limit: number, now: number): string[] {
    return this.#guard(() => this.#sql.failures.all(now, limit) as string[])
  }

  close(): void {
    this.#db.close()
  }

  #guard<T>(action: () => T): T {
    try {
      return action()
    } catch (error) {
      throw storeError(this.file, error)
    }
  }
}

const LIVE = '(expires IS NULL OR expires > ?)'

function prepare(db: Database.Database) {
  const statement = (source: string) => db.prepare(source)
  return {
    upsert: statement(`
      INSERT INTO results (task_id, status, date_done, expires, seq, record) VALUES (?, ?, ?, ?, ?, ?)
      ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, date_done = excluded.date_done,
        expires = excluded.expires, seq = excluded.seq, record = excluded.record
      WHERE results.status != 'SUCCESS' OR results.expires <= ?`),
    bumpSeq: statement(
      `UPDATE meta SET value = value + 1 WHERE key = 'seq' RETURNING value`,
    ).pluck(),
    currentSeq: statement(`SELECT value FROM meta WHERE key = 'seq'`).pluck(),
    read: statement(`SELECT record FROM results WHERE task_id = ? AND ${LIVE}`).pluck(),
    changed: statement(`
      SELECT task_id, seq, record FROM results
      WHERE task_id IN (SELECT value FROM json_each(?)) AND seq > ? AND ${LIVE}`),
    forget: statement('DELETE FROM results WHERE task_id = ?'),
    chordDone: statement(`SELECT 1 FROM chords_done WHERE group_id = ? AND ${LIVE}`).pluck(),
    addPart: statement(
      'INSERT INTO chord_parts (group_id, idx, part, expires) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING',
    ),
    countParts: statement('SELECT count(*) FROM chord_parts WHERE group_id = ?').pluck(),
    markDone: statement(
      'INSERT INTO chords_done (group_id, expires) VALUES (?, ?) ON CONFLICT DO UPDATE SET expires = excluded.expires',
    ),
    parts: statement('SELECT part FROM chord_parts WHERE group_id = ? ORDER BY idx').pluck(),
    dropParts: statement('DELETE FROM chord_parts WHERE group_id = ?'),
    purgeResults: statement('DELETE FROM results WHERE expires <= ?'),
    purgeParts: statement('DELETE FROM chord_parts WHERE expires <= ?'),
    purgeChords: statement('DELETE FROM chords_done WHERE expires <= ?'),
    counts: statement(`SELECT status, count(*) AS n FROM results WHERE ${LIVE} GROUP BY status`),
    failures: statement(`
      SELECT record FROM results WHERE status = 'FAILURE' AND ${LIVE}
      ORDER BY date_done DESC LIMIT ?`).pluck(),
  }
}

function countChordPart(
  sql: ReturnType<typeof prepare>,
  groupId: string,
  size: number,
  index: number,
  part: string,
  now: number,
  expires: number | null,
): ChordOutcome {
  if (sql.chordDone.get(groupId, now)) return null
  if (sql.addPart.run(groupId, index, part, expires).changes === 0) return null
  if ((sql.countParts.get(groupId) as number) < size) return null
  sql.markDone.run(groupId, expires)
  const parts = sql.parts.all(groupId) as string[]
  sql.dropParts.run(groupId)
  return parts
}
