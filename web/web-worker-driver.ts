import type { Endpoint } from 'comlink'
import { must } from '../src/validate.ts'
import type { WorkerDriver } from '../src/worker-pool/worker-driver.ts'
import { watchLiveness } from './worker-liveness.ts'

/** How a Web Worker is started, in the form bundlers recognise: the example of error messages. */
export const NEW_WORKER = "new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })"

/** How `WebWorkerPool` starts, watches and stops Web Workers. */
export function webWorkerDriver(
  makeWorker: () => Worker,
  startTimeout: number,
): WorkerDriver<Worker> {
  return {
    describe: 'the worker made by options.worker()',
    create: () => {
      const worker = makeWorker() as Partial<Worker> | null
      // `terminate` tells a Worker from other message targets (ports, windows).
      if (typeof worker?.terminate !== 'function') {
        throw new TypeError(
          must('options.worker()', `return a Worker, such as ${NEW_WORKER}`, worker),
        )
      }
      return worker as Worker
    },
    endpoint: (worker) => worker as Endpoint,
    watch: (worker, died) => {
      worker.addEventListener('error', (event) => {
        // Handled here: a lost worker is reported through its jobs, not as the page's error.
        event.preventDefault()
        explainError(event, died)
      })
      worker.addEventListener('messageerror', () =>
        died('sent a message that could not be read (messageerror)'),
      )
      watchLiveness(worker, died, startTimeout)
    },
  }
}

/**
 * Tell `died` what an `error` event on a `Worker` says: a script error (at load
 * or later) comes as an `ErrorEvent` with a message, "Uncaught TypeError: x",
 * rebuilt here as the TypeError "x"; a failed fetch (404, wrong MIME type,
 * network) as a bare `Event` with no detail at all.
 */
function explainError(event: Event, died: (why: string, cause?: Error) => void): void {
  const { message, filename, lineno, colno } = event as Partial<ErrorEvent>
  if (!message) {
    died(
      'failed to load or crashed (no detail given: look in the console for a 404, a wrong MIME type or a network error)',
    )
    return
  }
  const [, name = 'Error', text] = /^(?:Uncaught )?(?:([A-Za-z_$][\w$]*): )?([\s\S]*)$/.exec(
    message,
  )!
  const where = filename ? ` at ${filename}:${lineno}:${colno}` : ''
  // The error as far as the event's text allows, its stack pointing into the worker file.
  const cause = Object.assign(new Error(text), { name, stack: `${name}: ${text}\n   ${where}` })
  died(`threw ${name}: ${text}${where}`, cause)
}
