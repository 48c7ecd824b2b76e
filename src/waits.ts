import type { Backend } from './backend.ts'
import { CeleriacError, TimeoutError } from './errors.ts'
import type { ResultRecord } from './protocol.ts'
import { PROPAGATE_STATES, READY_STATES } from './states.ts'

/** The app was closed while a result was awaited. */
export class AppClosedError extends CeleriacError {
  override name = 'AppClosedError'
  override readonly code = 'ERR_APP_CLOSED'
}

interface Pending {
  reject: (error: Error) => void
}

/**
 * Waits on the backend's push notifications (no polling) until a task is ready,
 * and settles every wait still pending when the app closes.
 */
export class ResultWaits {
  readonly #backend: Backend
  readonly #pending = new Set<Pending>()

  constructor(backend: Backend) {
    this.#backend = backend
  }

  /** The record once `id` is ready, or once one of `failOn` reaches FAILURE/REVOKED. */
  wait(id: string, timeout: number | undefined, failOn: string[]): Promise<ResultRecord> {
    return new Promise((resolve, reject) => {
      const stops: (() => void)[] = []
      let timer: ReturnType<typeof setTimeout> | undefined
      const pending: Pending = { reject: (error) => settle(() => reject(error)) }
      const settle = (finish: () => void) => {
        if (!this.#pending.delete(pending)) return
        for (const stop of stops) stop()
        clearTimeout(timer)
        finish()
      }
      const onOwn = (record: ResultRecord | null) => {
        if (record && READY_STATES.has(record.status)) settle(() => resolve(record))
      }
      const onAncestor = (record: ResultRecord) => {
        if (PROPAGATE_STATES.has(record.status))
          this.#backend.get(id).then((own) => settle(() => resolve(own ?? record)), pending.reject)
      }
      this.#pending.add(pending)
      stops.push(this.#backend.watch(id, onOwn))
      for (const ancestor of failOn) stops.push(this.#backend.watch(ancestor, onAncestor))
      if (timeout !== undefined)
        timer = setTimeout(
          () => pending.reject(new TimeoutError('The operation timed out.')),
          timeout,
        )
      this.#backend.get(id).then(onOwn, pending.reject)
    })
  }

  /** Reject every pending wait: nothing will answer it any more. */
  closeAll(): void {
    for (const pending of [...this.#pending]) {
      pending.reject(new AppClosedError('The app was closed before the result was ready.'))
    }
  }
}
