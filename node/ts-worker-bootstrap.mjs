// Starts a TypeScript worker file: tsx's loader does not enter worker threads on
// Node 20 on its own, so the thread registers it, then imports the real entry.
import { workerData } from 'node:worker_threads'

let register
try {
  ;({ register } = await import('tsx/esm/api'))
} catch (error) {
  throw new Error(
    `ThreadPool: starting the TypeScript worker ${workerData.entry} needs tsx (npm i -D tsx); or pass the compiled .js file as worker.`,
    { cause: error },
  )
}
register()
await import(workerData.entry)
