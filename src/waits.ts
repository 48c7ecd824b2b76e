import type { Backend } from './backend.ts'
import { CeleriacError, TimeoutError } from './errors.ts'
import type { ResultRecord } from './protocol.ts'
import { PROPAGATE_STATES, READY_STATES } from './states.ts'

/** The app was closed while a result was awaited. */
export class AppClosedError extends CeleriacError {
  override name = 'AppClosedError'
  override readonly code = 'ERR_APP_CLOSED'
}

/**
 * Waits on the backend's push notifications (no polling) until a task is ready,
 * and settles every wait still pending when the app closes.
 */
export class ResultWaits {
  readonly #backend: Backend
  /** How to settle each pending wait: with an error, or with the record. */
  readonly #pending = new Set<Settle>()

  constructor(backend: Backend) {
    this.#backend = backend
  }

  /** The record once `id` is ready, or once one of `failOn` reaches FAILURE/REVOKED. */
  wait(id: string, timeout: number | undefined, failOn: string[]): Promise<ResultRecord> {
    const backend = this.#backend
    const pending = this.#pending
    return new Promise((resolve, reject) => {
      const stops: (() => void)[] = []
      let timer: ReturnType<typeof setTimeout> | undefined
      const settle: Settle = (error, record) => {
        if (!pending.delete(settle)) return
        for (const stop of stops) stop()
        clearTimeout(timer)
        if (error) reject(error)
        else resolve(record!)
      }
      const onOwn = (record: ResultRecord | null) => {
        if (record && READY_STATES.has(record.status)) settle(null, record)
      }
      pending.add(settle)
      stops.push(backend.watch(id, onOwn))
      if (failOn.length > 0) {
        const onAncestor = (record: ResultRecord) => {
          if (!PROPAGATE_STATES.has(record.status)) return
          backend.get(id).then((own) => settle(null, own ?? record), settle)
        }
        for (const ancestor of failOn) stops.push(backend.watch(ancestor, onAncestor))
        // An ancestor that failed before the watch began is found by reading it now.
        for (const ancestor of failOn)
          backend.get(ancestor).then((record) => record && onAncestor(record), settle)
      }
      if (timeout !== undefined) {
        timer = setTimeout(() => settle(new TimeoutError('The operation timed out.')), timeout)
      }
      backend.get(id).then(onOwn, settle)
    })
  }

  /** Reject every pending wait: nothing will answer it any more. */
  closeAll(): void {
    for (const settle of [...this.#pending]) {
      settle(new AppClosedError('The app was closed before the result was ready.'))
    }
  }
}

/** Settle a wait once: with an error, or else with the record. */
type Settle = (error: Error | null, record?: ResultRecord) => void
