/**
 * The one codec every backend uses for result records.
 *
 * 1. Shape ({@link toStoredRecord} / {@link fromStoredRecord}): Celery's record,
 *    `{status, result, traceback, children, date_done, [parent_id], [group_id],
 *    [name, args, retries], task_id}`. In exception states (RETRY, FAILURE,
 *    REVOKED) the result is Celery's `{exc_type, exc_message: [message],
 *    exc_module}` plus `exc_code`, `exc_cause` (same shape, recursively),
 *    `exc_fields` and `exc_stack`, which Celery ignores and celeriac reads back.
 *    Values stay JS values: IndexedDB stores this shape by structured clone.
 * 2. Text ({@link serializeRecord} / {@link parseRecord}): that shape as JSON, with
 *    kombu-style `{"__type__", "__value__"}` tags for what JSON cannot carry
 *    (see `tagged-json.ts`). What a file store or Redis keeps.
 */
import { isErrorRecord } from './error-record.ts'
import { CELERIAC_ERROR_NAMES } from './errors.ts'
import type { ErrorRecord, ResultRecord } from './protocol.ts'
import { EXCEPTION_STATES } from './states.ts'
import { DecodeError, decodeValue, encodeValue } from './tagged-json.ts'

export { DecodeError, decodeValue, encodeValue, type Json } from './tagged-json.ts'

/** An error as Celery stores it, plus celeriac's extra keys. */
export interface StoredError {
  exc_type: string
  /** The exception's args; celeriac writes `[message]`. */
  exc_message: unknown[]
  /** `'celeriac'` for celeriac's own errors, else `'builtins'` (or what Celery wrote). */
  exc_module: string
  exc_code?: string
  /** The cause: a {@link StoredError} for an error, else the value itself. */
  exc_cause?: unknown
  exc_fields?: Record<string, unknown>
  exc_stack?: string
}

/**
 * A {@link ResultRecord} in Celery's stored shape: the same fields, with `result`
 * a {@link StoredError} (not an ErrorRecord) in exception states.
 */
export interface StoredRecord extends ResultRecord {}

/** Celery's stored shape of `record` (a new object; values are shared, not copied). */
export function toStoredRecord(record: ResultRecord): StoredRecord {
  const { status, result } = record
  return withResult(
    record,
    EXCEPTION_STATES.has(status) && isErrorRecord(result) ? toStoredError(result) : result,
  )
}

/** The {@link ResultRecord} of a stored one, written by celeriac or by Celery. */
export function fromStoredRecord(stored: StoredRecord): ResultRecord {
  const { status, result } = stored
  return withResult(stored, EXCEPTION_STATES.has(status) ? fromStoredError(result) : result)
}

/** Celery's stored form of an error record. */
function toStoredError(error: ErrorRecord): StoredError {
  return withoutUndefined({
    exc_type: error.name,
    exc_message: [error.message],
    exc_module: CELERIAC_ERROR_NAMES.has(error.name) ? 'celeriac' : 'builtins',
    exc_code: error.code,
    exc_cause: isErrorRecord(error.cause) ? toStoredError(error.cause) : error.cause,
    exc_fields: error.fields,
    exc_stack: error.stack,
  })
}

/** The error record of a stored error; anything not shaped like one is returned as is. */
function fromStoredError(stored: unknown): unknown {
  if (!isStoredError(stored)) return stored
  return withoutUndefined<ErrorRecord>({
    name: stored.exc_type,
    message: excMessage(stored.exc_message),
    stack: stored.exc_stack,
    code: stored.exc_code,
    cause: fromStoredError(stored.exc_cause),
    fields: stored.exc_fields,
  })
}

/**
 * The record as JSON text (Celery's shape, values tagged).
 * @throws EncodeError naming the path (e.g. `result.items[2]`) of what cannot be stored
 */
export function serializeRecord(record: ResultRecord): string {
  const stored = toStoredRecord(record) as { result: unknown; args?: unknown }
  stored.result = encodeValue(stored.result, 'result')
  if (stored.args !== undefined) stored.args = encodeValue(stored.args, 'args')
  return JSON.stringify(stored)
}

/**
 * Read a record written by {@link serializeRecord} or by Celery's JSON backend.
 * @param source names the text in error messages, e.g. the file it came from
 * @throws DecodeError naming `source` and saying what is wrong
 */
export function parseRecord(text: string, source = 'result record'): ResultRecord {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    throw new DecodeError(
      `${source}: not a result record: invalid JSON (${(error as Error).message})`,
    )
  }
  const problem = shapeProblem(parsed)
  if (problem) throw new DecodeError(`${source}: not a result record: ${problem}`)
  const stored = parsed as StoredRecord
  try {
    if (text.includes('"__type__"')) {
      stored.result = decodeValue(stored.result)
      if (stored.args !== undefined) stored.args = decodeValue(stored.args) as unknown[]
    }
  } catch (error) {
    throw new DecodeError(`${source} (task ${stored.task_id}): ${(error as Error).message}`)
  }
  return fromStoredRecord(stored)
}

/** Celery's optional record keys, in the order Celery writes them. */
const OPTIONAL_KEYS = ['parent_id', 'group_id', 'name', 'args', 'retries'] as const

/** A copy of `record` in Celery's key order (`task_id` last), with `result` replaced. */
function withResult(record: ResultRecord, result: unknown): ResultRecord {
  const copy: Record<string, unknown> = {
    status: record.status,
    result,
    traceback: record.traceback ?? null,
    children: record.children ?? [],
    date_done: record.date_done ?? null,
  }
  for (const key of OPTIONAL_KEYS) if (record[key] !== undefined) copy[key] = record[key]
  copy.task_id = record.task_id
  return copy as unknown as ResultRecord
}

/** The object without its keys whose value is `undefined` (records store only what is set). */
function withoutUndefined<T extends object>(value: T): T {
  for (const key in value) if (value[key] === undefined) delete value[key]
  return value
}

function isStoredError(value: unknown): value is StoredError {
  return typeof (value as StoredError | null | undefined)?.exc_type === 'string'
}

/** Celery stores the exception's args; Python's `str(exc)` of one arg is that arg. */
function excMessage(message: unknown): string {
  if (!Array.isArray(message)) return message === undefined ? '' : String(message)
  return message.map((arg) => (typeof arg === 'string' ? arg : JSON.stringify(arg))).join(', ')
}

function shapeProblem(value: unknown): string | null {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return `expected a JSON object, got ${Array.isArray(value) ? 'an array' : typeof value}`
  }
  const record = value as Record<string, unknown>
  if (typeof record.task_id !== 'string') return '"task_id" is missing or not a string'
  if (typeof record.status !== 'string') return '"status" is missing or not a string'
  if (!('result' in record)) return '"result" is missing'
  if (record.traceback != null && typeof record.traceback !== 'string') {
    return '"traceback" is not a string or null'
  }
  if (record.children != null && !Array.isArray(record.children)) return '"children" is not a list'
  if (record.date_done != null && typeof record.date_done !== 'string') {
    return '"date_done" is not a string or null'
  }
  return null
}
