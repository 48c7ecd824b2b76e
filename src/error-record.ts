import type { ErrorRecord } from './protocol.ts'

const STANDARD_KEYS = new Set(['name', 'message', 'stack', 'code', 'cause'])

/** True for the plain record shape produced by {@link toErrorRecord}. */
export function isErrorRecord(value: unknown): value is ErrorRecord {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as ErrorRecord).name === 'string' &&
    typeof (value as ErrorRecord).message === 'string'
  )
}

/** Turn anything thrown into a plain, cloneable record (cause included, recursively). */
export function toErrorRecord(thrown: unknown, depth = 0): ErrorRecord {
  if (!(thrown instanceof Error)) {
    return {
      name: 'Error',
      message: describeNonError(thrown),
      fields: { thrown: safeValue(thrown) },
    }
  }
  const record: ErrorRecord = { name: thrown.name, message: thrown.message }
  if (typeof thrown.stack === 'string') record.stack = thrown.stack
  const code = (thrown as { code?: unknown }).code
  if (code !== undefined) record.code = String(code)
  if (thrown.cause !== undefined && depth < 16) record.cause = causeRecord(thrown.cause, depth)
  const fields = ownFields(thrown)
  if (fields) record.fields = fields
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

function causeRecord(cause: unknown, depth: number): ErrorRecord | unknown {
  return cause instanceof Error ? toErrorRecord(cause, depth + 1) : safeValue(cause)
}

function ownFields(error: Error): Record<string, unknown> | undefined {
  let fields: Record<string, unknown> | undefined
  for (const key of Object.keys(error)) {
    if (STANDARD_KEYS.has(key)) continue
    fields ??= {}
    fields[key] = safeValue((error as unknown as Record<string, unknown>)[key])
  }
  return fields
}

function describeNonError(thrown: unknown): string {
  if (typeof thrown === 'string') return thrown
  try {
    return `Non-error thrown: ${JSON.stringify(thrown)}`
  } catch {
    return `Non-error thrown: ${String(thrown)}`
  }
}

/** Keep a value only if structured clone could carry it; otherwise its string form. */
function safeValue(value: unknown): unknown {
  if (
    value === null ||
    ['string', 'number', 'boolean', 'undefined', 'bigint'].includes(typeof value)
  ) {
    return value
  }
  try {
    return structuredClone(value)
  } catch {
    return String(value)
  }
}
