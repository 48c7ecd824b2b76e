import type { DemoTasks } from '../tasks.ts'

// Both callbacks on one task: only the one that
// fits the outcome runs. The readout below shows
// r.state, r.result and r.children.
export function run({
  add,
  resultCallback,
  errorCallback,
}: DemoTasks) {
  const r = add.applyAsync([10, 20], {
    link: resultCallback.s(),
    linkError: errorCallback.s(),
  })
  return r
}
