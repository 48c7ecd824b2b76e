import { group } from 'celeriac'
import type { DemoTasks } from '../tasks.ts'

// Four independent tasks at once: each worker
// takes one, so they run side by side.
export function run({ add }: DemoTasks) {
  return group(
    add.s(1, 1),
    add.s(2, 2),
    add.s(3, 3),
    add.s(4, 4),
  ).applyAsync()
}
