/**
 * Knowing that a Web Worker is gone when the browser says nothing. A worker that
 * calls `self.close()`, or that the browser stops, fires no event on its `Worker`
 * object, and comlink would wait for its replies forever. So a served worker
 * says goodbye as it closes itself; and it holds a Web Lock for its whole life,
 * named in a hello message, which the pool then asks for: granted only once the
 * worker has ended, however it ended.
 */

/** Key of the hello a served worker posts (raw, outside comlink): its lock's name, or null. */
export const HELLO = 'celeriacHello'

/** Key of the goodbye a served worker posts as it calls `close()` on itself. */
export const GOODBYE = 'celeriacGoodbye'

/** What a served worker posts about its own life. */
export type LifeNotice = { [HELLO]: string | null } | { [GOODBYE]: true }

/** The parts of `navigator.locks` used here (absent outside secure contexts). */
interface Locks {
  request(name: string, callback: () => unknown): Promise<unknown>
}

function locks(): Locks | undefined {
  return (globalThis.navigator as { locks?: Locks } | undefined)?.locks
}

/**
 * Worker side: say goodbye before `scope.close()` closes the worker; take a lock
 * held until this worker ends, then say hello. Without Web Locks (an insecure
 * context) the hello names none: only the goodbye and events tell.
 */
export function holdLiveness(scope: { close(): void }, post: (notice: LifeNotice) => void): void {
  const close = scope.close
  // An own property shadowing the prototype's: `self.close()` and a bare `close()` both land here.
  scope.close = () => {
    post({ [GOODBYE]: true })
    close.call(scope)
  }
  const manager = locks()
  if (!manager) {
    post({ [HELLO]: null })
    return
  }
  const name = `celeriac-worker-${crypto.randomUUID()}`
  void manager.request(name, () => {
    post({ [HELLO]: name })
    return new Promise(() => {})
  })
}

/**
 * Pool side: call `died` on the worker's goodbye, once its lock is free (it
 * ended), or if no hello came within `startTimeout` ms (it never called `serve(app)`).
 */
export function watchLiveness(
  worker: Worker,
  died: (why: string) => void,
  startTimeout: number,
): void {
  // Past 2^31 - 1 ms, setTimeout would fire at once: such a wait is no limit at all.
  const timer =
    startTimeout > 2_147_483_647
      ? undefined
      : setTimeout(() => died(`did not call serve(app) within ${startTimeout} ms`), startTimeout)
  worker.addEventListener('message', (event) => {
    const data = event.data as Partial<Record<string, unknown>> | null
    if (data?.[GOODBYE]) died('closed itself (self.close())')
    const name = data?.[HELLO]
    if (name === undefined) return
    clearTimeout(timer)
    if (typeof name === 'string') {
      void locks()?.request(name, () =>
        died('ended without an error event (the browser stopped it)'),
      )
    }
  })
}
