import type { Handle } from '../scenario-catalog.ts'
import type { DemoTasks } from '../tasks.ts'
import { type Wired, wire } from '../wiring.ts'
import { clearRuns, listRuns, type SavedRun, saveRun } from './history-store.ts'
import { toLogged } from './logged-event.ts'
import { Observable } from './observable.ts'
import { Run } from './run.ts'
import { RunRouter } from './run-router.ts'

/** Let late events of a finished run arrive before it is stored. */
const SAVE_DELAY_MS = 150

/** What a user asks to run: a scenario, or a composition. */
export interface RunRequest {
  title: string
  scenarioId: string | null
  send: (tasks: DemoTasks) => Handle
}

/**
 * The page's state: the app (rebuilt when the worker count changes), the run on
 * screen, the selected task, and the stored history.
 */
export class Session extends Observable {
  wired: Wired
  /** The requested number of Web Workers. */
  workers: number
  /** The run on screen. */
  current: Run | null = null
  /** The task the inspector shows. */
  selected: string | null = null
  history: SavedRun[] = []
  /** Set while the app is being replaced. */
  switching = false
  readonly #router = new RunRouter((run) => this.#changed(run))
  readonly #saveTimers = new Map<string, ReturnType<typeof setTimeout>>()
  #unlisten: () => void = () => {}

  constructor(workers: number) {
    super()
    this.workers = workers
    this.wired = this.#connect(wire(workers))
  }

  get tasks(): DemoTasks {
    return this.wired.tasks
  }

  /** Send a scenario; its tasks show up on screen as their events arrive. */
  start(request: RunRequest): Run {
    const run = new Run({
      id: crypto.randomUUID(),
      title: request.title,
      scenarioId: request.scenarioId,
      startedAt: Date.now(),
    })
    this.current = run
    this.selected = null
    run.handle = this.#router.capture(run, () => request.send(this.tasks))
    this.changed()
    return run
  }

  select(id: string | null): void {
    this.selected = id
    this.changed()
  }

  /** Redraw a stored run. */
  open(saved: SavedRun): void {
    this.current = Run.fromLog(saved.info, saved.log)
    this.selected = null
    this.changed()
  }

  async loadHistory(): Promise<void> {
    this.history = await listRuns()
    this.changed()
  }

  async clearHistory(): Promise<void> {
    await clearRuns()
    await this.loadHistory()
  }

  /** Replace the app and its pool with one of `workers` Web Workers. */
  async setWorkers(workers: number): Promise<void> {
    if (workers === this.workers || this.switching) return
    this.switching = true
    this.changed()
    const old = this.wired
    this.#unlisten()
    await old.tasks.app.close()
    this.#router.clear()
    this.workers = workers
    this.wired = this.#connect(wire(workers))
    this.switching = false
    this.changed()
  }

  #connect(wired: Wired): Wired {
    this.#unlisten = wired.tasks.app.on('*', (event) => {
      if (!event.name.startsWith('stress_')) this.#router.route(toLogged(event))
    })
    return wired
  }

  #changed(run: Run): void {
    if (run === this.current) this.changed()
    if (run.done) this.#scheduleSave(run)
  }

  #scheduleSave(run: Run): void {
    clearTimeout(this.#saveTimers.get(run.info.id))
    const timer = setTimeout(() => {
      this.#saveTimers.delete(run.info.id)
      if (!run.done) return
      saveRun(run)
        .then(() => this.loadHistory())
        .catch((error) => console.error('celeriac demo: could not store the run', error))
    }, SAVE_DELAY_MS)
    this.#saveTimers.set(run.info.id, timer)
  }
}
