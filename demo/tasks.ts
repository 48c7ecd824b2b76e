import type { App, TaskContext, TaskRequest } from 'celeriac'

/** A user error with Python's name, as in SCENARIOS.md. */
export class ValueError extends Error {
  override name = 'ValueError'
}

/** What a flaky upstream throws. */
export class ConnectionError extends Error {
  override name = 'ConnectionError'
}

/** The app's name, in the page and in every Web Worker. */
export const APP_NAME = 'celeriac-demo'

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** Simulated work, so the timeline shows tasks running side by side. */
const work = () => sleep(250 + Math.random() * 350)

/**
 * The demo's tasks, registered on `app`. The page and every Web Worker call this
 * with their own app, so each task is defined once.
 */
export function defineTasks(app: App) {
  const shown = { trackStarted: true }

  const add = app.task(
    'add',
    async (x: number, y: number) => {
      await work()
      return x + y
    },
    shown,
  )
  const mul = app.task(
    'mul',
    async (x: number, y: number) => {
      await work()
      return x * y
    },
    shown,
  )
  const tsum = app.task(
    'tsum',
    async (numbers: number[]) => {
      await work()
      return numbers.reduce((a, b) => a + b, 0)
    },
    shown,
  )
  const resultCallback = app.task(
    'result_callback',
    (result: unknown) => {
      const line = `Task completed with result: ${result}`
      console.log(line)
      return line
    },
    shown,
  )
  const failingTask = app.task(
    'failing_task',
    async (..._args: unknown[]): Promise<never> => {
      await work()
      throw new ValueError('Something went wrong!')
    },
    shown,
  )
  const errorCallback = app.task(
    'error_callback',
    (request: TaskRequest, exc: Error, traceback: string | null) => {
      const line = `Task ${request.task} failed! Exception: ${exc.name}: ${exc.message}`
      console.log(line, traceback?.split('\n')[0] ?? '')
      return line
    },
    shown,
  )
  const flakyFetch = app.task(
    'flaky_fetch',
    async (ctx: TaskContext, url: string): Promise<never> => {
      await work()
      return ctx.retry({ countdown: 400, exc: new ConnectionError(`${url} timed out`) })
    },
    { ...shown, bind: true, maxRetries: 2 },
  )
  const slowReport = app.task(
    'slow_report',
    async (ms: number) => {
      await sleep(ms)
      return `done after ${ms} ms`
    },
    { ...shown, timeLimit: 1_500 },
  )
  const crashWorker = app.task(
    'crash_worker',
    () => {
      // Thrown from a timer, outside any task: nothing catches it, so the Web Worker dies.
      setTimeout(() => {
        throw new Error('The Web Worker died')
      })
      return new Promise<never>(() => {})
    },
    shown,
  )

  // Stress mode: no simulated work and no STARTED records, to measure the pipeline itself.
  const stressInc = app.task('stress_inc', (i: number) => i + 1)
  const stressSink = app.task('stress_sink', (n: number) => n)

  return {
    app,
    add,
    mul,
    tsum,
    resultCallback,
    failingTask,
    errorCallback,
    flakyFetch,
    slowReport,
    crashWorker,
    stressInc,
    stressSink,
  }
}

/** The registered tasks, as the scenarios receive them. */
export type DemoTasks = ReturnType<typeof defineTasks>
