import { createApp, type TaskRequest } from 'celeriac'

/** The demo's tasks: imported by the main script and by every worker thread. */
export const app = createApp({ name: 'node-demo' })

class ValueError extends Error {
  override name = 'ValueError'
}

const tracked = { trackStarted: true }

export const add = app.task('add', (x: number, y: number) => x + y, tracked)
export const mul = app.task('mul', (x: number, y: number) => x * y, tracked)
export const tsum = app.task('tsum', (xs: number[]) => xs.reduce((a, b) => a + b, 0), tracked)
export const resultCallback = app.task(
  'result_callback',
  (result: unknown) => `Task completed with result: ${result}`,
  tracked,
)
export const failingTask = app.task(
  'failing_task',
  () => {
    throw new ValueError('Something went wrong!')
  },
  tracked,
)
export const errorCallback = app.task(
  'error_callback',
  (request: TaskRequest, exc: Error, _traceback: string | null) =>
    `Task ${request.id} failed! Exception: ${exc.name}: ${exc.message}`,
  tracked,
)

/** Long work with progress: counts primes below `limit` in ten slices. */
export const countPrimes = app.task(
  'count_primes',
  (ctx, limit: number) => {
    let count = 0
    const slice = Math.ceil(limit / 10)
    for (let start = 2; start < limit; start += slice) {
      for (let n = start; n < Math.min(start + slice, limit); n++) if (isPrime(n)) count++
      ctx.updateState({
        state: 'PROGRESS',
        meta: { done: Math.min(start + slice, limit), total: limit },
      })
    }
    return count
  },
  { bind: true, ...tracked },
)

function isPrime(n: number): boolean {
  if (n < 2) return false
  for (let d = 2; d * d <= n; d++) if (n % d === 0) return false
  return true
}
