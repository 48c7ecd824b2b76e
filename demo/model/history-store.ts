import { type DBSchema, type IDBPDatabase, openDB } from 'idb'
import type { LoggedEvent } from './logged-event.ts'
import type { Run, RunInfo } from './run.ts'

/** A finished run as history keeps it: its event log redraws the whole graph. */
export interface SavedRun {
  info: RunInfo
  finishedAt: number
  /** How many tasks ended in each state. */
  counts: Record<string, number>
  log: LoggedEvent[]
}

interface HistorySchema extends DBSchema {
  runs: { key: string; value: SavedRun; indexes: { 'by-start': number } }
}

const DB_NAME = 'celeriac-demo-history'

/** How many runs the page lists. */
const LISTED = 30
/** How many runs are kept: older ones are deleted as new ones are stored. */
const KEPT = 100

let opening: Promise<IDBPDatabase<HistorySchema>> | null = null

/** Opened on first use, so loading the page touches no storage. */
function db(): Promise<IDBPDatabase<HistorySchema>> {
  opening ??= openDB<HistorySchema>(DB_NAME, 1, {
    upgrade(database) {
      const runs = database.createObjectStore('runs', { keyPath: 'info.id' })
      runs.createIndex('by-start', 'info.startedAt')
    },
  })
  return opening
}

/** Store (or update) a finished run. */
export async function saveRun(run: Run): Promise<void> {
  const counts: Record<string, number> = {}
  for (const node of run.nodes.values()) counts[node.state] = (counts[node.state] ?? 0) + 1
  const saved: SavedRun = { info: run.info, finishedAt: run.lastAt, counts, log: run.log }
  const tx = (await db()).transaction('runs', 'readwrite')
  await tx.store.put(saved)
  let cursor = await tx.store.index('by-start').openCursor(null, 'prev')
  for (let kept = 0; cursor; cursor = await cursor.continue()) {
    if (++kept > KEPT) await cursor.delete()
  }
  await tx.done
}

/** The latest runs, newest first. */
export async function listRuns(): Promise<SavedRun[]> {
  const tx = (await db()).transaction('runs')
  const runs: SavedRun[] = []
  let cursor = await tx.store.index('by-start').openCursor(null, 'prev')
  while (cursor && runs.length < LISTED) {
    runs.push(cursor.value)
    cursor = await cursor.continue()
  }
  await tx.done
  return runs
}

/** Delete every stored run. */
export async function clearRuns(): Promise<void> {
  await (await db()).clear('runs')
}
