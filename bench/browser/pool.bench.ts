/// <reference types="vite/client" />
/**
 * Web Worker pools in a real browser: trivial `add` tasks on 2 workers, all sent
 * at once (throughput) and one at a time (latency), against the peers, in one
 * run. Runs in a page (see run-pool.ts, which serves and opens it) and leaves
 * its figures on `window.benchResults`. Each contender is warmed up, then
 * measured in interleaved rounds; the runner prints medians and ratios.
 */
import { wrap } from 'comlink'
import workerpool from 'workerpool'
import { IndexedDbBackend, WebWorkerPool } from '../../web/index.ts'
import {
  type Add,
  addJob,
  allAtOnce,
  type Contender,
  median,
  messageCalls,
  oneAtATime,
  outcomeValue,
} from '../measure.ts'
import { benchApp } from './workers/bench-tasks.ts'
import workerpoolWorker from './workers/workerpool-worker.ts?worker&url'

const params = new URLSearchParams(location.search)
const ALL_AT_ONCE = Number(params.get('all') ?? 20_000)
const ONE_AT_A_TIME = Number(params.get('each') ?? 5_000)
const ROUNDS = Number(params.get('rounds') ?? 3)
const WORKERS = 2

// `{ type: 'module' }` written inline each time: Vite only recognises module workers that way.
const celeriacWorker = () =>
  new Worker(new URL('./workers/celeriac-worker.ts', import.meta.url), { type: 'module' })

function raw(): Contender {
  const workers = Array.from(
    { length: WORKERS },
    () => new Worker(new URL('./workers/raw-worker.ts', import.meta.url), { type: 'module' }),
  )
  const { call, answer } = messageCalls(WORKERS, (at, message) => workers[at].postMessage(message))
  for (const worker of workers) worker.onmessage = ({ data }) => answer(data)
  return { name: 'raw postMessage (floor)', call, close: () => terminate(workers) }
}

function comlink(): Contender {
  const workers = Array.from(
    { length: WORKERS },
    () => new Worker(new URL('./workers/comlink-worker.ts', import.meta.url), { type: 'module' }),
  )
  const remotes = workers.map((worker) => wrap<{ add: Add }>(worker).add)
  let next = 0
  const call: Add = (x, y) => remotes[next++ % WORKERS](x, y)
  return { name: 'comlink, a call per task', call, close: () => terminate(workers) }
}

function workerPool(): Contender {
  const pool = workerpool.pool(workerpoolWorker, {
    minWorkers: WORKERS,
    maxWorkers: WORKERS,
    workerType: 'web',
    workerOpts: { type: 'module' },
  })
  return {
    name: 'workerpool 10',
    call: (x, y) => pool.exec('add', [x, y]),
    close: async () => pool.terminate(),
  }
}

function webWorkerPool(): Contender {
  const pool = new WebWorkerPool({ worker: celeriacWorker, size: WORKERS })
  let next = 0
  const call: Add = (x, y) => pool.run(addJob(`bench-${++next}`, [x, y])).then(outcomeValue)
  return { name: 'WebWorkerPool, pool.run', call, close: () => pool.close() }
}

function appWith(backend: 'memory' | 'indexeddb'): Contender {
  const { app, add } = benchApp(`bench-${backend}`)
  const database = `celeriac-pool-bench-${crypto.randomUUID()}`
  app.configure({
    pool: new WebWorkerPool({ worker: celeriacWorker, size: WORKERS }),
    ...(backend === 'indexeddb' ? { backend: new IndexedDbBackend({ name: database }) } : {}),
  })
  return {
    name: `WebWorkerPool + app, ${backend === 'memory' ? 'MemoryBackend' : 'IndexedDbBackend'}`,
    call: (x, y) => add.applyAsync([x, y]).get(),
    close: async () => {
      await app.close()
      if (backend === 'indexeddb') indexedDB.deleteDatabase(database)
    },
  }
}

async function terminate(workers: Worker[]): Promise<void> {
  for (const worker of workers) worker.terminate()
}

/** Per contender: tasks/s all at once and µs per task one at a time, each round's and the median. */
export interface PoolFigures {
  name: string
  perSecond: number
  micros: number
  perSecondRuns: number[]
  microsRuns: number[]
}

async function main() {
  const contenders = [raw(), comlink(), workerPool(), webWorkerPool(), appWith('memory')]
  contenders.push(appWith('indexeddb'))
  for (const contender of contenders) {
    await allAtOnce(contender, Math.min(ALL_AT_ONCE, 5_000))
    await oneAtATime(contender, 500)
  }
  const samples = contenders.map(() => ({ perSecond: [] as number[], micros: [] as number[] }))
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, contender] of contenders.entries()) {
      samples[i].perSecond.push(await allAtOnce(contender, ALL_AT_ONCE))
      samples[i].micros.push(await oneAtATime(contender, ONE_AT_A_TIME))
    }
  }
  await Promise.all(contenders.map((contender) => contender.close()))
  const rows: PoolFigures[] = contenders.map((contender, i) => ({
    name: contender.name,
    perSecond: median(samples[i].perSecond),
    micros: median(samples[i].micros),
    perSecondRuns: samples[i].perSecond,
    microsRuns: samples[i].micros,
  }))
  const settings = { allAtOnce: ALL_AT_ONCE, oneAtATime: ONE_AT_A_TIME, rounds: ROUNDS }
  return { ...settings, workers: WORKERS, isolated: crossOriginIsolated, rows }
}

declare global {
  interface Window {
    benchResults?: unknown
  }
}

main().then(
  (results) => {
    window.benchResults = { userAgent: navigator.userAgent, ...results }
  },
  (error: Error) => {
    window.benchResults = { error: String(error?.stack ?? error) }
  },
)
