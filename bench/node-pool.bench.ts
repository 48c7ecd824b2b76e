/**
 * Worker pools on Node: trivial `add` tasks on 2 threads, all sent at once
 * (throughput) and one at a time (latency), against the peers, in one run.
 *   node --import tsx bench/node-pool.bench.ts [--quick]
 * All contenders are started and warmed up first; then bursts and short runs of
 * sequential tasks alternate between them (after a full GC each), so that the
 * load of a shared machine falls on all alike. The table shows medians and
 * ratios to piscina and to raw postMessage (the floor).
 */
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { Worker } from 'node:worker_threads'
// celeriac as users run it: the compiled package (`npm run build`), not the sources through tsx.
import { createApp } from 'celeriac'
import { ThreadPool } from 'celeriac/node'
import { wrap } from 'comlink'
import { Piscina } from 'piscina'
import { Tinypool } from 'tinypool'
import workerpool from 'workerpool'
import { nodeEndpoint } from '../node/node-endpoint.ts'
import {
  type Add,
  addJob,
  allAtOnce,
  type Contender,
  median,
  messageCalls,
  oneAtATime,
  outcomeValue,
} from './measure.ts'

const quick = process.argv.includes('--quick')
const ALL_AT_ONCE = quick ? 5_000 : 20_000
const ONE_AT_A_TIME = quick ? 1_000 : 5_000
const ROUNDS = quick ? 1 : 3
/** Sequential tasks are timed in runs of this many, alternating between contenders. */
const RUN = 500
const THREADS = 2

// A full GC before each measurement, so that one contender's garbage is not another's pause.
setFlagsFromString('--expose-gc')
const collectGarbage = runInNewContext('gc') as () => void

const here = (file: string) => new URL(file, import.meta.url)

async function raw(): Promise<Contender> {
  const workers = Array.from(
    { length: THREADS },
    () => new Worker(here('./workers/raw-worker.mjs')),
  )
  const { call, answer } = messageCalls(THREADS, (at, message) => workers[at].postMessage(message))
  for (const worker of workers) worker.on('message', answer)
  return { name: 'raw postMessage (floor)', call, close: () => terminate(workers) }
}

async function comlink(): Promise<Contender> {
  const workers = Array.from(
    { length: THREADS },
    () => new Worker(here('./workers/comlink-worker.mjs')),
  )
  const remotes = workers.map((worker) => wrap<{ add: Add }>(nodeEndpoint(worker)).add)
  let next = 0
  const call: Add = (x, y) => remotes[next++ % THREADS](x, y)
  return { name: 'comlink, a call per task', call, close: () => terminate(workers) }
}

async function piscina(): Promise<Contender> {
  const pool = new Piscina({
    filename: here('./workers/function-worker.mjs').href,
    minThreads: THREADS,
    maxThreads: THREADS,
  })
  return { name: 'piscina 5', call: (x, y) => pool.run({ x, y }), close: () => pool.destroy() }
}

async function tinypool(): Promise<Contender> {
  const pool = new Tinypool({
    filename: here('./workers/function-worker.mjs').href,
    minThreads: THREADS,
    maxThreads: THREADS,
  })
  return { name: 'tinypool 2', call: (x, y) => pool.run({ x, y }), close: () => pool.destroy() }
}

async function workerPool(): Promise<Contender> {
  const pool = workerpool.pool(here('./workers/workerpool-worker.mjs').pathname, {
    minWorkers: THREADS,
    maxWorkers: THREADS,
    workerType: 'thread',
  })
  return {
    name: 'workerpool 10',
    call: (x, y) => pool.exec('add', [x, y]),
    close: async () => pool.terminate(),
  }
}

async function threadPool(): Promise<Contender> {
  const pool = new ThreadPool({ worker: here('./workers/celeriac-worker.mjs'), size: THREADS })
  let next = 0
  const call: Add = (x, y) => pool.run(addJob(`bench-${++next}`, [x, y])).then(outcomeValue)
  return { name: 'ThreadPool, pool.run', call, close: () => pool.close() }
}

async function threadPoolApp(): Promise<Contender> {
  const app = createApp({ name: 'bench' })
  const add = app.task('add', (x: number, y: number) => x + y)
  app.configure({
    pool: new ThreadPool({ worker: here('./workers/celeriac-worker.mjs'), size: THREADS }),
  })
  const call: Add = (x, y) => add.applyAsync([x, y]).get()
  return { name: 'ThreadPool + app (applyAsync→get)', call, close: () => app.close() }
}

async function inlineApp(): Promise<Contender> {
  const app = createApp({ name: 'inline' })
  const add = app.task('add', (x: number, y: number) => x + y)
  const call: Add = (x, y) => add.applyAsync([x, y]).get()
  return { name: 'InlinePool + app (no threads)', call, close: () => app.close() }
}

function terminate(workers: Worker[]): Promise<unknown> {
  return Promise.all(workers.map((worker) => worker.terminate()))
}

interface Figures {
  name: string
  perSecond: number
  micros: number
}

const MAKERS = [raw, comlink, piscina, tinypool, workerPool, threadPool, threadPoolApp, inlineApp]

async function main(): Promise<void> {
  const contenders: Contender[] = []
  for (const make of MAKERS) contenders.push(await make())
  for (const contender of contenders) {
    await allAtOnce(contender, Math.min(ALL_AT_ONCE, 5_000))
    await oneAtATime(contender, RUN)
  }
  const bursts = contenders.map(() => [] as number[])
  const runs = contenders.map(() => [] as number[])
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, contender] of contenders.entries()) {
      collectGarbage()
      bursts[i].push(await allAtOnce(contender, ALL_AT_ONCE))
    }
  }
  for (let done = 0; done < ONE_AT_A_TIME; done += RUN) {
    for (const [i, contender] of contenders.entries()) {
      collectGarbage()
      runs[i].push(await oneAtATime(contender, RUN))
    }
  }
  await Promise.all(contenders.map((contender) => contender.close()))
  print(
    contenders.map((contender, i) => ({
      name: contender.name,
      perSecond: median(bursts[i]),
      micros: median(runs[i]),
    })),
  )
}

function print(rows: Figures[]): void {
  const floor = rows.find((row) => row.name.startsWith('raw'))!
  const peer = rows.find((row) => row.name.startsWith('piscina'))!
  console.log(
    `\n${THREADS} threads, add(x, 1): ${ALL_AT_ONCE} tasks at once (median of ${ROUNDS}); ${ONE_AT_A_TIME} one at a time (median of runs of ${RUN})\n`,
  )
  console.log(
    `${'contender'.padEnd(36)}${'tasks/s'.padStart(10)}${'×piscina'.padStart(10)}${'×floor'.padStart(8)}${'µs/task'.padStart(10)}${'×piscina'.padStart(10)}`,
  )
  for (const row of rows) {
    console.log(
      row.name.padEnd(36) +
        Math.round(row.perSecond).toLocaleString('en').padStart(10) +
        (row.perSecond / peer.perSecond).toFixed(2).padStart(10) +
        (row.perSecond / floor.perSecond).toFixed(2).padStart(8) +
        row.micros.toFixed(1).padStart(10) +
        (row.micros / peer.micros).toFixed(2).padStart(10),
    )
  }
}

await main()
