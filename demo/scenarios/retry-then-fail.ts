import type { DemoTasks } from '../tasks.ts'

// flaky_fetch calls ctx.retry() (maxRetries 2,
// countdown 400 ms): RETRY twice, then FAILURE.
// The errback runs once, after the last try,
// never on a retry.
export function run({
  flakyFetch,
  errorCallback,
}: DemoTasks) {
  const url = 'https://example.test/report'
  return flakyFetch.applyAsync([url], {
    linkError: errorCallback.s(),
  })
}
