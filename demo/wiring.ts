import { createApp } from 'celeriac'
import { IndexedDbBackend } from 'celeriac/web'
import { defineTasks } from './tasks.ts'

/** An app with the demo's tasks, and what it runs on. */
export interface Wired {
  tasks: ReturnType<typeof defineTasks>
  /** The pool's class name, as the header shows it. */
  pool: string
  /** The backend's class name. */
  backend: string
  /** Web Workers in the pool; 0 when bodies run in the page (InlinePool). */
  workers: number
}

/** Every tab opens the same database, so a result sent in one can be read in another. */
const DATABASE = 'celeriac-demo'

/**
 * The one place that picks the pool and backend. Until `WebWorkerPool` ships in
 * `celeriac/web`, task bodies run in this page (the core's InlinePool).
 */
export function wire(_workers: number): Wired {
  const app = createApp({ name: 'celeriac-demo' })
  const tasks = defineTasks(app)
  app.configure({ backend: new IndexedDbBackend({ name: DATABASE }) })
  return { tasks, pool: 'InlinePool', backend: 'IndexedDbBackend', workers: 0 }
}
