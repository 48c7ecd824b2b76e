/** A short, readable form of a task argument or result (one line). */
export function formatValue(value: unknown, max = 40): string {
  return truncate(short(value, 2), max)
}

/** A task's args as a call: `(10, 20)`; an errback's as `(request, ValueError, traceback)`. */
export function formatArgs(args: unknown[], max = 28): string {
  return truncate(`(${args.map((arg) => short(arg, 1)).join(', ')})`, max)
}

/** `412 ms`, `1.6 s`. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return ''
  if (ms < 1000) return `${Math.round(ms)} ms`
  return `${(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s`
}

/** Pretty JSON for the inspector; values JSON cannot show are named instead. */
export function formatJson(value: unknown): string {
  if (value === undefined) return 'undefined'
  try {
    return JSON.stringify(value, jsonReplacer, 2) ?? String(value)
  } catch {
    return String(value)
  }
}

/** The first 8 characters of an id, as logs show it. */
export function shortId(id: string | null | undefined): string {
  return id ? id.slice(0, 8) : '—'
}

function short(value: unknown, depth: number): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (value === null || typeof value !== 'object') return String(value)
  if (isRequest(value)) return 'request'
  if (isErrorLike(value)) return value.name
  if (Array.isArray(value)) {
    if (depth === 0) return `[…${value.length}]`
    return `[${value.map((item) => short(item, depth - 1)).join(', ')}]`
  }
  return depth === 0 ? '{…}' : JSON.stringify(value, jsonReplacer)
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}

function isRequest(value: object): boolean {
  return 'task' in value && 'id' in value && 'args' in value
}

function isErrorLike(value: object): value is { name: string; message: string } {
  const keys = Object.keys(value)
  return keys.length === 2 && 'name' in value && 'message' in value
}

function jsonReplacer(_key: string, value: unknown): unknown {
  if (value instanceof Map) return { Map: [...value] }
  if (value instanceof Set) return { Set: [...value] }
  if (typeof value === 'bigint') return `${value}n`
  return value
}
