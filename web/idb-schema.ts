import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import type { StoredRecord } from '../src/codec.ts'
import type { ChordPart } from '../src/protocol.ts'

/** A result as kept in the `results` store (key: the task id). */
export interface ResultRow {
  /** Epoch ms after which the row reads as absent (`Infinity`: never). */
  expires: number
  /** Celery's stored shape, kept by structured clone. */
  record: StoredRecord
}

/** A chord's counter in the `chords` store (key: the group id). */
export interface ChordRow {
  size: number
  /** Set by the part that completed the chord: later parts are ignored. */
  done: boolean
  expires: number
}

/** The schema of a celeriac database. */
export interface CeleriacDbSchema extends DBSchema {
  results: { key: string; value: ResultRow; indexes: { 'by-expires': number } }
  chords: { key: string; value: ChordRow; indexes: { 'by-expires': number } }
  /** Key `[groupId, index]`: one group's parts sort by index. */
  chord_parts: { key: [string, number]; value: ChordPart }
}

export type CeleriacDb = IDBPDatabase<CeleriacDbSchema>

/** The schema version this code reads and writes. */
export const DB_VERSION = 1

/**
 * How long an upgrade waits for other connections to close before giving up: they
 * may close a moment after the `versionchange` event rather than inside it.
 */
const BLOCKED_GRACE_MS = 1_000

/** The key range of one chord group's parts. */
export function groupParts(groupId: string): IDBKeyRange {
  return IDBKeyRange.bound([groupId, 0], [groupId, Number.POSITIVE_INFINITY])
}

/**
 * Open (creating or upgrading) the database `name`; `onClose` hears when the open
 * connection is closed for another connection's upgrade or by the browser (storage
 * cleared, disk error). If another connection blocks the upgrade past a short grace,
 * rejects with the native `blocked` event and abandons the upgrade, so the database
 * is left exactly as it was.
 */
export function openCeleriacDb(name: string, onClose: () => void): Promise<CeleriacDb> {
  return new Promise((resolve, reject) => {
    let gaveUp = false
    let timer: ReturnType<typeof setTimeout> | undefined
    openDB<CeleriacDbSchema>(name, DB_VERSION, {
      upgrade(db, oldVersion, _newVersion, tx) {
        clearTimeout(timer)
        if (!gaveUp) return upgradeSchema(db, oldVersion)
        tx.done.catch(() => {}) // the abort below is ours: nothing to report
        tx.abort()
      },
      blocked(_current, _wanted, event) {
        timer = setTimeout(() => {
          gaveUp = true
          reject(event)
        }, BLOCKED_GRACE_MS)
      },
      blocking(_current, _wanted, event) {
        // Closed here, synchronously, so the other tab's upgrade is not blocked at all.
        ;(event.target as IDBDatabase).close()
        onClose()
      },
      terminated: onClose,
    }).then(
      (db) => (gaveUp ? db.close() : resolve(db)),
      (error) => gaveUp || reject(error),
    )
  })
}

function upgradeSchema(db: CeleriacDb, oldVersion: number): void {
  if (oldVersion < 1) {
    const results = db.createObjectStore('results')
    results.createIndex('by-expires', 'expires')
    const chords = db.createObjectStore('chords')
    chords.createIndex('by-expires', 'expires')
    db.createObjectStore('chord_parts')
  }
}
