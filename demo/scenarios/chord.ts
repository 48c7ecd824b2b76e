import { chord } from 'celeriac'
import type { DemoTasks } from '../tasks.ts'

// The body, tsum, runs once with every header
// result: tsum([3, 7, 11]) → 21, then its link.
export function run({
  add,
  tsum,
  resultCallback,
}: DemoTasks) {
  const c = chord(
    [add.s(1, 2), add.s(3, 4), add.s(5, 6)],
    tsum.s(),
  )
  c.link(resultCallback.s())
  return c.applyAsync()
}
