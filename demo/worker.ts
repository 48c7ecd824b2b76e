import { expose } from 'comlink'

// Placeholder until the core lands: then this file becomes `serve(app)` from 'celeriac/web'.
const tasks = {
  add: (x: number, y: number) => x + y,
}

export type DemoTasks = typeof tasks

expose(tasks)
