import { createApp } from '../../src/index.ts'

/** The tasks module of the pool benchmark: imported by the main thread and the worker. */
export const app = createApp({ name: 'node-pool-bench' })
export const add = app.task('add', (x: number, y: number) => x + y)
