import { isAbsolute, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { type ResourceLimits, Worker } from 'node:worker_threads'
import type { WorkerDriver } from '../src/worker-pool/worker-driver.ts'
import { nodeEndpoint } from './node-endpoint.ts'

/** A worker file (URL or path), or a function that starts the `Worker` itself. */
export type WorkerSource = URL | string | (() => Worker)

const BOOTSTRAP = new URL('./ts-worker-bootstrap.mjs', import.meta.url)
const TYPESCRIPT = /\.[mc]?tsx?$/

/** How `ThreadPool` starts, watches and stops worker threads. */
export function threadDriver(
  source: WorkerSource,
  resourceLimits?: ResourceLimits,
): WorkerDriver<Worker> {
  const url = typeof source === 'function' ? undefined : toUrl(source)
  return {
    describe: url?.href ?? 'the worker made by options.worker()',
    create: url ? () => start(url, resourceLimits) : (source as () => Worker),
    endpoint: (worker) => nodeEndpoint(worker),
    watch: (worker, died) => {
      worker.on('error', (error) => died(`threw ${explain(error)}`, error))
      worker.on('messageerror', (error) =>
        died(`sent a message that could not be read (${explain(error)})`, error),
      )
      worker.on('exit', (code) => died(`exited with code ${code}`))
    },
    id: (worker) => worker.threadId,
    keepAlive: (worker, busy) => (busy ? worker.ref() : worker.unref()),
  }
}

/** A `.ts` file starts through the tsx bootstrap (Node 20 cannot strip types); `.js` as is. */
function start(url: URL, resourceLimits?: ResourceLimits): Worker {
  if (!TYPESCRIPT.test(url.pathname)) return new Worker(url, { resourceLimits })
  return new Worker(BOOTSTRAP, { workerData: { entry: url.href }, resourceLimits })
}

function toUrl(source: URL | string): URL {
  if (source instanceof URL) return source
  if (/^(file|data):/.test(source)) return new URL(source)
  return pathToFileURL(isAbsolute(source) ? source : resolve(source))
}

function explain(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const code = (error as { code?: unknown }).code
  return `${error.name}${code ? ` [${code}]` : ''}: ${error.message}`
}
