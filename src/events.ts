import type { TaskState } from './protocol.ts'

/** Celery's task event names, plus `task-progress` for `ctx.updateState`. */
export type TaskEventType =
  | 'task-sent'
  | 'task-received'
  | 'task-started'
  | 'task-succeeded'
  | 'task-failed'
  | 'task-retried'
  | 'task-revoked'
  | 'task-progress'

/** What an event listener gets. Times are epoch ms. */
export interface TaskEvent {
  type: TaskEventType
  id: string
  name: string
  timestamp: number
  args: unknown[]
  retries: number
  parentId: string | null
  rootId: string
  groupId?: string | null
  /** How a sent task came to be: `link`, `linkError`, `chain`, `chord`, … */
  via?: string
  /** Ms the body ran (`task-succeeded`, `task-failed`, `task-retried`), as Celery's `runtime`. */
  runtime?: number
  /** The thread or Web Worker that started the task (`task-started`). */
  worker?: number | null
  result?: unknown
  exception?: Error
  traceback?: string | null
  /** Why a task was revoked: `revoked`, `expired` or `terminated`. */
  reason?: string
  /** The custom state and its meta (`task-progress`). */
  state?: TaskState
  meta?: unknown
}

export type TaskEventListener = (event: TaskEvent) => void

/** Listeners by event type, called in emission order; a throwing listener never disturbs a task. */
export class EventBus {
  readonly #listeners = new Map<string, Set<TaskEventListener>>()

  on(type: TaskEventType | '*', listener: TaskEventListener): () => void {
    const set = this.#listeners.get(type) ?? new Set()
    this.#listeners.set(type, set.add(listener))
    return () => set.delete(listener)
  }

  /** Whether anything listens to `type`, so emitters can skip building the event. */
  wants(type: TaskEventType): boolean {
    return (this.#listeners.get(type)?.size ?? 0) + (this.#listeners.get('*')?.size ?? 0) > 0
  }

  emit(event: TaskEvent): void {
    this.#call(this.#listeners.get(event.type), event)
    this.#call(this.#listeners.get('*'), event)
  }

  #call(listeners: Set<TaskEventListener> | undefined, event: TaskEvent): void {
    if (!listeners) return
    for (const listener of listeners) {
      try {
        listener(event)
      } catch (error) {
        queueMicrotask(() => {
          console.error('celeriac: an event listener threw (the task is unaffected):', error)
        })
      }
    }
  }
}
