/**
 * The rest of celeriac's own figures on Node, 2 threads, MemoryBackend:
 * the time from a parent's end to its link callback's start (p50, p99), a chain
 * of 1,000 steps, and a 64 MB ArrayBuffer into a task and back, moved against copied.
 *   node --import tsx bench/node-extras.bench.ts [--quick]
 */
import { chain, createApp, transfer } from 'celeriac'
import { ThreadPool } from 'celeriac/node'

const quick = process.argv.includes('--quick')
const smoke = process.argv.includes('--smoke')
const LINKS = smoke ? 50 : quick ? 500 : 2_000
const STEPS = smoke ? 50 : 1_000
const BYTES = (smoke ? 1 : 64) * 2 ** 20
const ROUNDS = smoke ? 1 : 5

const app = createApp({ name: 'bench-extras' })
const add = app.task('add', (x: number, y: number) => x + y)
const noop = app.task('noop', (_x: unknown) => null)
const echoMoved = app.task('echo_moved', (buffer: ArrayBuffer) => transfer(buffer, [buffer]))
const echoCopied = app.task('echo_copied', (buffer: ArrayBuffer) => buffer)
app.configure({
  pool: new ThreadPool({
    worker: new URL('./workers/celeriac-worker.mjs', import.meta.url),
    size: 2,
  }),
})

/** ms from the callback being sent (the parent's outcome just arrived) to its body starting. */
async function linkLatency(): Promise<number[]> {
  const sentAt = new Map<string, number>()
  const latencies: number[] = []
  app.on('task-sent', (event) => event.via === 'link' && sentAt.set(event.id, performance.now()))
  app.on('task-started', (event) => {
    const sent = sentAt.get(event.id)
    if (sent !== undefined) latencies.push(performance.now() - sent)
  })
  for (let i = 0; i < LINKS; i++) {
    const parent = add.applyAsync([i, 1], { link: noop.s() })
    await parent.get()
    await parent.children[0]?.get()
  }
  return latencies.sort((a, b) => a - b)
}

async function chainOfSteps(): Promise<number> {
  const steps = Array.from({ length: STEPS - 1 }, () => add.s(1))
  const started = performance.now()
  const result = await chain(add.s(0, 0), ...steps)
    .applyAsync()
    .get()
  if (result !== STEPS - 1) throw new Error(`the chain returned ${result}, not ${STEPS - 1}`)
  return performance.now() - started
}

async function roundTrip(moved: boolean): Promise<number> {
  const times: number[] = []
  for (let round = 0; round < ROUNDS; round++) {
    const buffer = new ArrayBuffer(BYTES)
    const started = performance.now()
    const back = moved
      ? await echoMoved.applyAsync([buffer], { transfer: [buffer] }).get()
      : await echoCopied.applyAsync([buffer]).get()
    times.push(performance.now() - started)
    if ((back as ArrayBuffer).byteLength !== BYTES) throw new Error('the buffer came back short')
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)]!
}

const at = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!
await add.delay(1, 1).get()
const latencies = await linkLatency()
const chainMs = await chainOfSteps()
const movedMs = await roundTrip(true)
const copiedMs = await roundTrip(false)
await app.close()

console.log(`2 threads, MemoryBackend; ${LINKS} linked tasks one at a time`)
console.log(
  `link callback start after its parent's end   p50 ${at(latencies, 0.5).toFixed(3)} ms   p99 ${at(latencies, 0.99).toFixed(3)} ms`,
)
console.log(
  `chain of ${STEPS} steps                         ${chainMs.toFixed(0)} ms  (${(chainMs / STEPS).toFixed(3)} ms a step)`,
)
console.log(
  `${BYTES / 2 ** 20} MB ArrayBuffer in and back: moved ${movedMs.toFixed(1)} ms, copied ${copiedMs.toFixed(1)} ms  (copy ×${(copiedMs / movedMs).toFixed(1)})`,
)
