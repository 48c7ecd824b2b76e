import type { DemoTasks } from '../tasks.ts'
import { Observable } from './observable.ts'

/** Tasks sent per turn at most, before the page gets to draw. */
const SLICE = 250
/**
 * Sent but not finished, at most. Beyond it sending waits: memory stays flat, and
 * the work done between two frames stays small (measured: 1,000 keeps frames
 * under ~120 ms with task bodies run in the page, at ~95% of the unbounded rate).
 */
const MAX_IN_FLIGHT = 1_000
/** The live tasks/s figure is measured over the last second, sampled this often. */
const RATE_WINDOW_MS = 1_000
const SAMPLE_EVERY_MS = 200

const nextTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0))

/**
 * Sends `count` tasks (each with a `link` callback when `links`), counting the
 * finished ones from events. Only counts are kept: nothing per task is rendered.
 */
export class StressRun extends Observable {
  readonly count: number
  readonly links: boolean
  /** Task executions expected: each send, plus its callback. */
  readonly total: number
  sent = 0
  succeeded = 0
  failed = 0
  readonly startedAt = performance.now()
  finishedAt: number | null = null
  cancelled = false
  #samples: [time: number, finished: number][] = []
  #sampler: ReturnType<typeof setInterval> | undefined
  #unlisten: () => void = () => {}

  constructor(count: number, links: boolean) {
    super()
    this.count = count
    this.links = links
    this.total = count * (links ? 2 : 1)
  }

  get finished(): number {
    return this.succeeded + this.failed
  }

  get running(): boolean {
    return this.finishedAt === null
  }

  /** Tasks finished per second over the last second (over the whole run once it ended). */
  get rate(): number {
    if (this.finishedAt !== null) {
      return (this.finished / Math.max(1, this.finishedAt - this.startedAt)) * 1000
    }
    const first = this.#samples[0]
    const last = this.#samples.at(-1)
    if (!first || !last || last[0] === first[0]) return 0
    return ((last[1] - first[1]) / (last[0] - first[0])) * 1000
  }

  /** Run to the end (or until cancelled). */
  async start(tasks: DemoTasks): Promise<void> {
    this.#unlisten = this.#listen(tasks)
    this.#sample()
    this.#sampler = setInterval(() => this.#sample(), SAMPLE_EVERY_MS)
    const link = this.links ? { link: tasks.stressSink.s() } : {}
    while (this.sent < this.count && !this.cancelled) {
      if (this.sent * (this.links ? 2 : 1) - this.finished > MAX_IN_FLIGHT) {
        await nextTurn()
        continue
      }
      const end = Math.min(this.count, this.sent + SLICE)
      for (let i = this.sent; i < end; i++) tasks.stressInc.applyAsync([i], link)
      this.sent = end
      this.changed()
      await nextTurn()
    }
    if (this.cancelled) this.#end()
  }

  cancel(): void {
    this.cancelled = true
    this.#end()
  }

  #listen(tasks: DemoTasks): () => void {
    const count = (failed: boolean) => (event: { name: string }) => {
      if (!event.name.startsWith('stress_')) return
      if (failed) this.failed++
      else this.succeeded++
      if (this.finished >= this.total) this.#end()
      this.changed()
    }
    const offSucceeded = tasks.app.on('task-succeeded', count(false))
    const offFailed = tasks.app.on('task-failed', count(true))
    return () => {
      offSucceeded()
      offFailed()
    }
  }

  #sample(): void {
    const now = performance.now()
    this.#samples.push([now, this.finished])
    while (now - this.#samples[0]![0] > RATE_WINDOW_MS) this.#samples.shift()
    this.changed()
  }

  #end(): void {
    if (this.finishedAt !== null) return
    this.finishedAt = performance.now()
    clearInterval(this.#sampler)
    this.#unlisten()
    this.changed()
  }
}
