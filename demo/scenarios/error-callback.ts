import type { DemoTasks } from '../tasks.ts'

// error_callback runs with (request, exc,
// traceback) once failing_task fails.
export function run({
  failingTask,
  errorCallback,
}: DemoTasks) {
  return failingTask.applyAsync([], {
    linkError: errorCallback.s(),
  })
}
