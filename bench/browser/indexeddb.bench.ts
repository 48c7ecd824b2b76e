/**
 * IndexedDbBackend results/s in a real browser, against one transaction per
 * result. Runs in a page (see run-indexeddb.ts, which serves and opens it) and
 * leaves its figures on `window.benchResults`. Each case writes N records to a
 * fresh database, waits for every commit, and checks that all N can be read back.
 */
import { openDB } from 'idb'
import { toStoredRecord } from '../../src/codec.ts'
import type { ResultRecord } from '../../src/protocol.ts'
import { IndexedDbBackend } from '../../web/index.ts'
import { makeRecord } from '../records.ts'

const params = new URLSearchParams(location.search)
const N = Number(params.get('n') ?? 5_000)
const RUNS = Number(params.get('runs') ?? 3)

type Case = (db: string, records: ResultRecord[]) => Promise<void>

async function withBackend(
  db: string,
  durability: IDBTransactionDurability,
  write: (backend: IndexedDbBackend) => Promise<void>,
): Promise<void> {
  const backend = new IndexedDbBackend({ name: db, durability })
  await backend.get('warm-up') // the open and schema creation are not what is measured
  await write(backend)
  await backend.close()
}

/** All N store() calls in one tick: one transaction. */
const batched =
  (durability: IDBTransactionDurability): Case =>
  (db, records) =>
    withBackend(db, durability, async (backend) => {
      await Promise.all(records.map((record) => backend.store(record)))
    })

/** Each record arrives in its own task (a message), as results from workers do. */
const oneTaskEach: Case = (db, records) =>
  withBackend(db, 'relaxed', async (backend) => {
    const channel = new MessageChannel()
    const stores: Promise<void>[] = []
    await new Promise<void>((resolve) => {
      channel.port1.onmessage = (event) => {
        stores.push(backend.store(records[event.data]))
        if (stores.length === records.length) resolve()
      }
      for (let i = 0; i < records.length; i++) channel.port2.postMessage(i)
    })
    await Promise.all(stores)
    channel.port1.close()
  })

/** Each store() awaited before the next: one transaction per result. */
const awaitedEach: Case = (db, records) =>
  withBackend(db, 'relaxed', async (backend) => {
    for (const record of records) await backend.store(record)
  })

/** N store() in one tick, then N get() in one tick: the figure is N / (write + read). */
const storeThenGetAll: Case = (db, records) =>
  withBackend(db, 'relaxed', async (backend) => {
    await Promise.all(records.map((record) => backend.store(record)))
    const read = await Promise.all(records.map((record) => backend.get(record.task_id)))
    if (read.some((record) => record === null)) throw new Error(`${db}: a get() returned null`)
  })

/** Plain idb, one readwrite transaction per record, all started at once. */
const rawTransactionEach: Case = async (db, records) => {
  const conn = await openDB(db, 1, { upgrade: (d) => d.createObjectStore('results') })
  await Promise.all(
    records.map(async (record) => {
      const tx = conn.transaction('results', 'readwrite', { durability: 'relaxed' })
      await Promise.all([tx.store.put(toStoredRecord(record), record.task_id), tx.done])
    }),
  )
  conn.close()
}

async function count(db: string, records: ResultRecord[]): Promise<number> {
  const conn = await openDB(db)
  const store = conn.objectStoreNames.contains('results') ? 'results' : null
  const found = store ? await conn.count('results') : 0
  conn.close()
  if (found !== records.length) throw new Error(`${db}: ${found} of ${records.length} stored`)
  return found
}

const CASES: [string, Case][] = [
  ['IndexedDbBackend, N store() in one tick (relaxed)', batched('relaxed')],
  ['IndexedDbBackend, N store() in one tick (strict)', batched('strict')],
  ['IndexedDbBackend, one store() per task (N messages)', oneTaskEach],
  ['IndexedDbBackend, each store() awaited (1 tx per result)', awaitedEach],
  ['IndexedDbBackend, N store() then N get() in one tick each', storeThenGetAll],
  ['raw idb, 1 tx per result, all started at once', rawTransactionEach],
]

async function measure(run: Case): Promise<number[]> {
  const rates: number[] = []
  for (let r = 0; r < RUNS; r++) {
    const db = `bench-${crypto.randomUUID()}`
    const records = Array.from({ length: N }, (_, i) => makeRecord(i))
    const start = performance.now()
    await run(db, records)
    const seconds = (performance.now() - start) / 1000
    await count(db, records)
    rates.push(Math.round(N / seconds))
  }
  return rates
}

async function main() {
  const results: { name: string; rates: number[]; median: number }[] = []
  for (const [name, run] of CASES) {
    const rates = await measure(run)
    const median = [...rates].sort((a, b) => a - b)[Math.floor(rates.length / 2)]
    results.push({ name, rates, median })
  }
  return { n: N, runs: RUNS, userAgent: navigator.userAgent, results }
}

declare global {
  interface Window {
    benchResults?: unknown
  }
}

main().then(
  (results) => {
    window.benchResults = results
  },
  (error: Error) => {
    window.benchResults = { error: String(error?.stack ?? error) }
  },
)
