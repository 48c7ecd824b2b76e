import type { TaskEvent } from 'celeriac'

/** An error as the page keeps it: enough to show, and it survives IndexedDB in every browser. */
export interface PlainError {
  name: string
  message: string
}

/** A task event as a run keeps it (and history stores it): plain, cloneable data. */
export interface LoggedEvent
  extends Pick<
    TaskEvent,
    | 'type'
    | 'id'
    | 'name'
    | 'timestamp'
    | 'args'
    | 'retries'
    | 'parentId'
    | 'rootId'
    | 'result'
    | 'traceback'
    | 'reason'
    | 'state'
  > {
  groupId: string | null
  via: string | null
  worker: number | null
  exception?: PlainError
}

/** The event, with errors (also those inside args, as an errback's `exc`) made plain. */
export function toLogged(event: TaskEvent): LoggedEvent {
  const logged: LoggedEvent = {
    type: event.type,
    id: event.id,
    name: event.name,
    timestamp: event.timestamp,
    args: event.args.map((arg) => plain(arg, 3)),
    retries: event.retries,
    parentId: event.parentId,
    rootId: event.rootId,
    groupId: event.groupId ?? null,
    via: event.via ?? null,
    worker: event.worker ?? null,
  }
  if ('result' in event) logged.result = plain(event.result, 3)
  if (event.exception) logged.exception = plainError(event.exception)
  if (event.traceback !== undefined) logged.traceback = event.traceback
  if (event.reason !== undefined) logged.reason = event.reason
  if (event.state !== undefined) logged.state = event.state
  return logged
}

export function plainError(error: unknown): PlainError {
  const fields = (error ?? {}) as { name?: unknown; message?: unknown; code?: unknown }
  return { name: String(fields.name ?? 'Error'), message: String(fields.message ?? '') }
}

function plain(value: unknown, depth: number): unknown {
  if (value instanceof Error) return plainError(value)
  if (depth === 0 || value === null || typeof value !== 'object') return value
  if (Array.isArray(value)) return value.map((item) => plain(item, depth - 1))
  if (Object.getPrototypeOf(value) !== Object.prototype) return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, plain(item, depth - 1)]),
  )
}
