import type { Backend } from './backend.ts'
import { CeleriacError, TimeoutError } from './errors.ts'
import type { ResultRecord } from './protocol.ts'
import { PROPAGATE_STATES, READY_STATES } from './states.ts'

/** The app was closed while a result was awaited. */
export class AppClosedError extends CeleriacError {
  override name = 'AppClosedError'
  override readonly code = 'ERR_APP_CLOSED'
}

/** One pending `get()`: settles once, then stops listening. */
class Wait {
  stops: (() => void)[] = []
  timer: ReturnType<typeof setTimeout> | undefined
  readonly #pending: Set<Wait>
  readonly #resolve: (record: ResultRecord) => void
  readonly #reject: (error: Error) => void

  constructor(
    pending: Set<Wait>,
    resolve: (record: ResultRecord) => void,
    reject: (error: Error) => void,
  ) {
    this.#pending = pending
    this.#resolve = resolve
    this.#reject = reject
    pending.add(this)
  }

  done(record: ResultRecord): void {
    if (this.#finish()) this.#resolve(record)
  }

  fail(error: Error): void {
    if (this.#finish()) this.#reject(error)
  }

  #finish(): boolean {
    if (!this.#pending.delete(this)) return false
    for (const stop of this.stops) stop()
    clearTimeout(this.timer)
    return true
  }
}

/**
 * Waits on the backend's push notifications (no polling) until a task is ready,
 * and settles every wait still pending when the app closes.
 */
export class ResultWaits {
  readonly #backend: Backend
  readonly #pending = new Set<Wait>()

  constructor(backend: Backend) {
    this.#backend = backend
  }

  /** The record once `id` is ready, or once one of `failOn` reaches FAILURE/REVOKED. */
  wait(id: string, timeout: number | undefined, failOn: string[]): Promise<ResultRecord> {
    return new Promise((resolve, reject) => {
      const wait = new Wait(this.#pending, resolve, reject)
      const fail = (error: Error) => wait.fail(error)
      const onOwn = (record: ResultRecord | null) => {
        if (record && READY_STATES.has(record.status)) wait.done(record)
      }
      wait.stops.push(this.#backend.watch(id, onOwn))
      if (failOn.length > 0) this.#watchAncestors(wait, id, failOn)
      if (timeout !== undefined) {
        wait.timer = setTimeout(() => fail(new TimeoutError('The operation timed out.')), timeout)
      }
      this.#backend.get(id).then(onOwn, fail)
    })
  }

  /** Reject every pending wait: nothing will answer it any more. */
  closeAll(): void {
    for (const wait of [...this.#pending]) {
      wait.fail(new AppClosedError('The app was closed before the result was ready.'))
    }
  }

  #watchAncestors(wait: Wait, id: string, failOn: string[]): void {
    const onAncestor = (record: ResultRecord) => {
      if (!PROPAGATE_STATES.has(record.status)) return
      this.#backend.get(id).then(
        (own) => wait.done(own ?? record),
        (error: Error) => wait.fail(error),
      )
    }
    for (const ancestor of failOn) wait.stops.push(this.#backend.watch(ancestor, onAncestor))
  }
}
