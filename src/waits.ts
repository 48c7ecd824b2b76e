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
  /** How to fail each pending wait. */
  readonly #pending = new Set<(error: Error) => void>()

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
      /** Stop listening; false when the wait had settled already. */
      const finish = () => {
        if (!pending.delete(fail)) return false
        for (const stop of stops) stop()
        clearTimeout(timer)
        return true
      }
      const done = (record: ResultRecord) => {
        if (finish()) resolve(record)
      }
      const fail = (error: Error) => {
        if (finish()) reject(error)
      }
      const onOwn = (record: ResultRecord | null) => {
        if (record && READY_STATES.has(record.status)) done(record)
      }
      const onAncestor = (record: ResultRecord) => {
        if (PROPAGATE_STATES.has(record.status))
          backend.get(id).then((own) => done(own ?? record), fail)
      }
      pending.add(fail)
      stops.push(backend.watch(id, onOwn))
      for (const ancestor of failOn) stops.push(backend.watch(ancestor, onAncestor))
      if (timeout !== undefined) {
        timer = setTimeout(() => fail(new TimeoutError('The operation timed out.')), timeout)
      }
      backend.get(id).then(onOwn, fail)
    })
  }

  /** Reject every pending wait: nothing will answer it any more. */
  closeAll(): void {
    for (const fail of [...this.#pending]) {
      fail(new AppClosedError('The app was closed before the result was ready.'))
    }
  }
}
