import type { DemoTasks } from '../tasks.ts'

// result_callback runs with add's result, 30,
// once add succeeds.
export function run({
  add,
  resultCallback,
}: DemoTasks) {
  return add.applyAsync([10, 20], {
    link: resultCallback.s(),
  })
}
