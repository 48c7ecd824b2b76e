import { createApp } from '../../../src/index.ts'

/**
 * The tasks module of the browser pool benchmark, imported by the page and by
 * celeriac-worker.ts. A function, so the page can make one app per backend.
 */
export function benchApp(name: string) {
  const app = createApp({ name })
  const add = app.task('add', (x: number, y: number) => x + y)
  return { app, add }
}
