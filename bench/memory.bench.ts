/**
 * Memory stays flat: heap and RSS after 100,000 tasks whose results are forgotten
 * (or expire) against after 10,000. Run with `node --expose-gc --import tsx bench/memory.bench.ts`.
 */
import { createApp, MemoryBackend, type Pool } from '../src/index.ts'

export interface MemoryFigures {
  tasks: number
  heapMb: number
  rssMb: number
}

/** Run `tasks` add tasks with a link each, forgetting every result once read. */
export async function memoryAfter(tasks: number, pool?: () => Pool): Promise<MemoryFigures> {
  const app = createApp({
    backend: new MemoryBackend({ resultExpires: 1_000 }),
    ...(pool ? { pool: pool() } : {}),
  })
  const add = app.task('add', (x: number, y: number) => x + y)
  const noop = app.task('noop', (_x: number) => null, { ignoreResult: true })
  const batch = 1_000
  for (let done = 0; done < tasks; done += batch) {
    const results = Array.from({ length: batch }, (_, i) =>
      add.applyAsync([done, i], { link: noop.s() }),
    )
    for (const result of results) {
      await result.get()
      await result.forget()
    }
  }
  const figures = await measure(tasks)
  await app.close()
  return figures
}

async function measure(tasks: number): Promise<MemoryFigures> {
  const gc = (globalThis as { gc?: () => void }).gc
  for (let i = 0; i < 3; i++) {
    gc?.()
    await new Promise((resolve) => setTimeout(resolve, 10))
  }
  const usage = process.memoryUsage()
  return { tasks, heapMb: usage.heapUsed / 2 ** 20, rssMb: usage.rss / 2 ** 20 }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [fewer, more] = process.argv.includes('--smoke') ? [500, 5_000] : [10_000, 100_000]
  const small = await memoryAfter(fewer)
  const large = await memoryAfter(more)
  const rows = [small, large].map(({ tasks, heapMb, rssMb }) => ({
    tasks,
    'heap MB': heapMb.toFixed(1),
    'RSS MB': rssMb.toFixed(1),
  }))
  console.table(rows)
  const growth = large.heapMb / small.heapMb
  console.log(
    `heap ×${growth.toFixed(2)} and RSS ×${(large.rssMb / small.rssMb).toFixed(2)} for ×10 tasks (flat is ×1)`,
  )
}
