import type { LoggedEvent } from './logged-event.ts'
import type { Run } from './run.ts'

/** Events whose parent is not known yet, kept this long (by parent id) at most. */
const MAX_ORPHANS = 500

/**
 * Decides which run an event belongs to: the run of its task, else the run of its
 * parent, else (for a task sent with no parent) the run whose scenario is sending.
 * An event may come before its parent's first event — an errback of a chord body
 * is sent before the body is stored — so it waits until the parent shows up.
 */
export class RunRouter {
  readonly #byTask = new Map<string, Run>()
  readonly #orphans = new Map<string, LoggedEvent[]>()
  readonly #onChange: (run: Run) => void
  #capturing: Run | null = null

  constructor(onChange: (run: Run) => void) {
    this.#onChange = onChange
  }

  /** Call `send`; tasks it sends with no parent belong to `run`. */
  capture<T>(run: Run, send: () => T): T {
    this.#capturing = run
    try {
      return send()
    } finally {
      this.#capturing = null
    }
  }

  route(event: LoggedEvent): void {
    const run =
      this.#byTask.get(event.id) ??
      (event.parentId === null ? this.#capturing : this.#byTask.get(event.parentId))
    if (run) this.#deliver(run, event)
    else if (event.parentId !== null) this.#hold(event.parentId, event)
  }

  /** Forget every task (the app was replaced). */
  clear(): void {
    this.#byTask.clear()
    this.#orphans.clear()
  }

  #deliver(run: Run, event: LoggedEvent): void {
    const first = !run.nodes.has(event.id)
    run.apply(event)
    this.#byTask.set(event.id, run)
    if (first) {
      const waiting = this.#orphans.get(event.id) ?? []
      this.#orphans.delete(event.id)
      for (const orphan of waiting) this.#deliver(run, orphan)
    }
    this.#onChange(run)
  }

  #hold(parentId: string, event: LoggedEvent): void {
    const list = this.#orphans.get(parentId) ?? []
    list.push(event)
    this.#orphans.set(parentId, list)
    if (this.#orphans.size > MAX_ORPHANS) {
      const oldest = this.#orphans.keys().next().value
      if (oldest !== undefined) this.#orphans.delete(oldest)
    }
  }
}
