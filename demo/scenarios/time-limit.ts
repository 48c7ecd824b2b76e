import type { DemoTasks } from '../tasks.ts'

// slow_report sleeps 5 s, but its timeLimit is
// 1500 ms: at the limit it is stopped (its Web
// Worker is terminated and replaced) and fails
// with TimeLimitExceeded. Only the errback runs.
export function run({
  slowReport,
  resultCallback,
  errorCallback,
}: DemoTasks) {
  return slowReport.applyAsync([5_000], {
    link: resultCallback.s(),
    linkError: errorCallback.s(),
  })
}
