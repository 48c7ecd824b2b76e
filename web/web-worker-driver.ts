import type { Endpoint } from 'comlink'
import type { WorkerDriver } from '../src/worker-pool/worker-driver.ts'
import { watchLiveness } from './worker-liveness.ts'

/** How `WebWorkerPool` starts, watches and stops Web Workers. */
export function webWorkerDriver(
  makeWorker: () => Worker,
  startTimeout: number,
): WorkerDriver<Worker> {
  return {
    describe: 'the worker made by options.worker()',
    create: () => checked(makeWorker()),
    endpoint: (worker) => worker as Endpoint,
    watch: (worker, died) => {
      worker.addEventListener('error', (event) => {
        // Handled here: a lost worker is reported through its jobs, not as the page's error.
        event.preventDefault()
        const { why, cause } = explainError(event)
        died(why, cause)
      })
      worker.addEventListener('messageerror', () =>
        died('sent a message that could not be read (messageerror)'),
      )
      watchLiveness(worker, died, startTimeout)
    },
    terminate: (worker) => worker.terminate(),
  }
}

function checked(worker: unknown): Worker {
  const candidate = worker as Partial<Worker> | null
  if (
    typeof candidate?.postMessage === 'function' &&
    typeof candidate.addEventListener === 'function' &&
    typeof candidate.terminate === 'function'
  ) {
    return worker as Worker
  }
  throw new TypeError(
    `options.worker() must return a Worker, such as new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }); got ${worker === null ? 'null' : typeof worker}.`,
  )
}

/**
 * What an `error` event on a `Worker` tells: a script error (at load or later)
 * comes as an `ErrorEvent` with a message; a failed fetch (404, wrong MIME type,
 * network) as a bare `Event` with no detail at all.
 */
function explainError(event: Event): { why: string; cause?: Error } {
  const { message, filename, lineno, colno } = event as Partial<ErrorEvent>
  if (!message) {
    return {
      why: 'failed to load or crashed (the browser gave no detail: look for a 404, a wrong MIME type or a network error in the console)',
    }
  }
  const cause = rebuild(message)
  const where = filename ? ` at ${filename}:${lineno ?? 0}:${colno ?? 0}` : ''
  if (where) cause.stack = `${cause.name}: ${cause.message}\n    at ${where.slice(4)}`
  return { why: `threw ${cause.name}: ${cause.message}${where}`, cause }
}

/** The thrown error as far as the event's text allows: "Uncaught TypeError: x" → TypeError "x". */
function rebuild(message: string): Error {
  const match = /^(?:Uncaught )?([A-Za-z_$][\w$]*): ([\s\S]*)$/.exec(message)
  const error = new Error(match ? match[2] : message.replace(/^Uncaught /, ''))
  if (match) {
    Object.defineProperty(error, 'name', { value: match[1], writable: true, configurable: true })
  }
  return error
}
