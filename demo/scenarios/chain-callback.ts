import { chain } from 'celeriac'
import type { DemoTasks } from '../tasks.ts'

// add(5, 10), then result_callback(15): each
// step gets the previous step's result.
export function run({
  add,
  resultCallback,
}: DemoTasks) {
  return chain(
    add.s(5, 10),
    resultCallback.s(),
  ).applyAsync()
}
