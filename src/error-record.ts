import type { ErrorRecord } from './protocol.ts'

const STANDARD_KEYS = ['name', 'message', 'stack', 'code', 'cause']

/** True for the plain record shape produced by {@link toErrorRecord}. */
export function isErrorRecord(value: unknown): value is ErrorRecord {
  const record = value as ErrorRecord | null | undefined
  return (
    typeof record === 'object' &&
    typeof record?.name === 'string' &&
    typeof record.message === 'string'
  )
}

/** Turn anything thrown into a plain, cloneable record (cause included, recursively). */
export function toErrorRecord(thrown: unknown, depth = 0): ErrorRecord {
  if (!(thrown instanceof Error)) {
    const message = typeof thrown === 'string' ? thrown : `Non-error thrown: ${toJson(thrown)}`
    return { name: 'Error', message, fields: { thrown: safeValue(thrown) } }
  }
  const record: ErrorRecord = { name: thrown.name, message: thrown.message }
  const { stack, cause } = thrown
  const code = (thrown as { code?: unknown }).code
  if (typeof stack === 'string') record.stack = stack
  if (code !== undefined) record.code = String(code)
  if (cause !== undefined && depth < 16) {
    record.cause = cause instanceof Error ? toErrorRecord(cause, depth + 1) : safeValue(cause)
  }
  for (const key of Object.keys(thrown)) {
    if (STANDARD_KEYS.includes(key)) continue
    record.fields ??= {}
    record.fields[key] = safeValue((thrown as unknown as Record<string, unknown>)[key])
  }
  return record
}

/** Rebuild an `Error` with the record's name, message, stack, code, cause and fields. */
export function fromErrorRecord(record: ErrorRecord): Error {
  const cause = isErrorRecord(record.cause) ? fromErrorRecord(record.cause) : record.cause
  const error = new Error(record.message, cause === undefined ? undefined : { cause })
  Object.defineProperty(error, 'name', { value: record.name, writable: true, configurable: true })
  if (record.stack !== undefined) error.stack = record.stack
  if (record.code !== undefined) (error as { code?: string }).code = record.code
  Object.assign(error, record.fields)
  return error
}

/** `'Name: message'` followed by the stack frames. */
export function formatTraceback(record: ErrorRecord): string {
  const header = `${record.name}: ${record.message}`
  const frames = (record.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line))
  return [header, ...frames].join('\n')
}

/** `value` as JSON, or its string form when JSON cannot carry it (a cycle, a bigint). */
export function toJson(value: unknown): string {
  try {
    return JSON.stringify(value)
  } catch {
    return String(value)
  }
}

/** Keep a value only if structured clone could carry it; otherwise its string form. */
function safeValue(value: unknown): unknown {
  try {
    return structuredClone(value)
  } catch {
    return String(value)
  }
}
