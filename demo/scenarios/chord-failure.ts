import { chord } from 'celeriac'
import type { DemoTasks } from '../tasks.ts'

// A header member fails, so the body never runs:
// it reads FAILURE with a ChordError, and its
// errback runs exactly once.
export function run({
  add,
  failingTask,
  tsum,
  errorCallback,
}: DemoTasks) {
  const c = chord(
    [add.s(1, 2), failingTask.s(), add.s(5, 6)],
    tsum.s(),
  )
  c.linkError(errorCallback.s())
  return c.applyAsync()
}
