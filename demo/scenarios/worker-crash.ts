import type { DemoTasks } from '../tasks.ts'

// crash_worker throws from a timer, outside the
// task: its Web Worker dies. The pool fails the
// task it was running with WorkerLostError, runs
// the errback, and starts a new worker.
export function run({
  crashWorker,
  errorCallback,
}: DemoTasks) {
  return crashWorker.applyAsync([], {
    linkError: errorCallback.s(),
  })
}
