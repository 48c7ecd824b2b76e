/**
 * FileBackend results/s against one JSON file per result (write, then rename).
 *   node --import tsx bench/file-backend.bench.ts [N]
 * Each store path writes N records through its public API, awaits them all, then
 * counts what a fresh reader finds on disk. Neither path calls fsync per record:
 * FileBackend runs SQLite's WAL with synchronous=NORMAL, the JSON files rely on
 * rename; both survive a killed process, neither a power cut of the last moments.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs'
import { mkdir, rename, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { FileBackend } from '../node/file-backend.ts'
import { serializeRecord } from '../src/codec.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { makeRecord } from './records.ts'

const N = Number(process.argv[2] ?? 50_000)
const CHUNK = 500
const FILE_CONCURRENCY = 64

/** Every store() issued in one go: one tick, one transaction. */
async function fileBackendAllAtOnce(dir: string, records: ResultRecord[]): Promise<void> {
  const backend = new FileBackend({ path: dir })
  await Promise.all(records.map((record) => backend.store(record)))
  await backend.close()
}

/** `CHUNK` store() calls per tick, as a busy worker would finish tasks. */
async function fileBackendStreamed(dir: string, records: ResultRecord[]): Promise<void> {
  const backend = new FileBackend({ path: dir })
  const writes: Promise<void>[] = []
  for (let i = 0; i < records.length; i += CHUNK) {
    for (const record of records.slice(i, i + CHUNK)) writes.push(backend.store(record))
    await new Promise((resolve) => setImmediate(resolve))
  }
  await Promise.all(writes)
  await backend.close()
}

async function jsonFiles(dir: string, records: ResultRecord[]): Promise<void> {
  await mkdir(dir, { recursive: true })
  let next = 0
  async function lane(): Promise<void> {
    while (next < records.length) {
      const record = records[next++]
      const file = join(dir, `${record.task_id}.json`)
      await writeFile(`${file}.tmp`, serializeRecord(record))
      await rename(`${file}.tmp`, file)
    }
  }
  await Promise.all(Array.from({ length: FILE_CONCURRENCY }, lane))
}

async function countFileBackend(dir: string): Promise<number> {
  const reader = new FileBackend({ path: dir, create: false })
  const counts = await reader.listCounts()
  await reader.close()
  return Object.values(counts).reduce((sum, n) => sum + n, 0)
}

async function countJsonFiles(dir: string): Promise<number> {
  return readdirSync(dir).filter((name) => name.endsWith('.json')).length
}

async function measure(
  label: string,
  write: (dir: string, records: ResultRecord[]) => Promise<void>,
  count: (dir: string) => Promise<number>,
): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'celeriac-bench-'))
  const records = Array.from({ length: N }, (_, i) => makeRecord(i))
  try {
    const start = performance.now()
    await write(join(dir, 'store'), records)
    const seconds = (performance.now() - start) / 1000
    const found = await count(join(dir, 'store'))
    if (found !== N) throw new Error(`${label}: wrote ${N}, found ${found} on disk`)
    const rate = N / seconds
    console.log(
      `${label.padEnd(44)} ${Math.round(rate).toLocaleString('en-US').padStart(9)} results/s  (${seconds.toFixed(2)} s, ${found} on disk)`,
    )
    return rate
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

console.log(`${N.toLocaleString('en-US')} records each, node ${process.version}, ${tmpdir()}`)
const all = await measure(
  'FileBackend, all store() calls at once',
  fileBackendAllAtOnce,
  countFileBackend,
)
const streamed = await measure(
  `FileBackend, ${CHUNK} store() calls per tick`,
  fileBackendStreamed,
  countFileBackend,
)
const files = await measure('one JSON file per result, write + rename', jsonFiles, countJsonFiles)
console.log(
  `FileBackend / JSON files: ${(all / files).toFixed(1)}x (all at once), ${(streamed / files).toFixed(1)}x (per tick)`,
)
