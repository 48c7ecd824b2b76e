import { chain } from 'celeriac'
import type { DemoTasks } from '../tasks.ts'

// A failure stops the chain: result_callback
// never runs (it reads FAILURE), and the chain's
// errback runs once, for the step that failed.
export function run({
  add,
  failingTask,
  resultCallback,
  errorCallback,
}: DemoTasks) {
  const c = chain(
    add.s(5, 10),
    failingTask.s(),
    resultCallback.s(),
  )
  c.linkError(errorCallback.s())
  return c.applyAsync()
}
