import { createApp } from 'celeriac'
import { IndexedDbBackend, WebWorkerPool } from 'celeriac/web'
import { APP_NAME, defineTasks } from './tasks.ts'

/** An app with the demo's tasks, and what it runs on. */
export interface Wired {
  tasks: ReturnType<typeof defineTasks>
  /** The pool's class name, as the header shows it. */
  pool: string
  /** The backend's class name. */
  backend: string
  /** Web Workers in the pool. */
  workers: number
}

/** Every tab opens the same database, so a result sent in one can be read in another. */
const DATABASE = 'celeriac-demo'

/** The one place that picks the pool and the backend. */
export function wire(workers: number): Wired {
  const app = createApp({ name: APP_NAME })
  const tasks = defineTasks(app)
  app.configure({
    pool: new WebWorkerPool({
      worker: () =>
        new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: APP_NAME }),
      size: workers,
    }),
    backend: new IndexedDbBackend({ name: DATABASE }),
  })
  return { tasks, pool: 'WebWorkerPool', backend: 'IndexedDbBackend', workers }
}
