import { findUncloneable } from './clone-check.ts'
import type { SendOptions } from './protocol.ts'

/** `timeout` of `get()`: absent, or a finite number ≥ 0. */
export function checkTimeout(timeout: unknown, where: string): void {
  if (timeout === undefined) return
  checkDuration(timeout, `${where}({ timeout })`)
}

/** args of `applyAsync` / a canvas: an array. */
export function checkArgs(args: unknown, where: string): asserts args is unknown[] {
  if (!Array.isArray(args)) {
    throw new TypeError(
      `${where}: args must be an array, such as [2, 2]; got ${describeValue(args)}. To pass one array as the only argument, wrap it: [[1, 2, 3]].`,
    )
  }
}

/** Values that must cross threads and storage: refuse what structured clone cannot carry. */
export function checkCloneable(value: unknown, path: string, where: string): void {
  const refused = findUncloneable(value, path)
  if (!refused) return
  throw new TypeError(
    `${where}: ${refused.path} is ${refused.what}, which cannot be sent to a worker or stored. Pass plain data (objects, arrays, numbers, strings, Map, Set, Date, typed arrays) instead.`,
  )
}

const DURATIONS = ['countdown', 'timeLimit', 'softTimeLimit'] as const
const TIMES = ['eta', 'expires'] as const

/** Send options: durations are finite ms ≥ 0; times are `Date`s or numbers. */
export function checkSendOptions(options: SendOptions, where: string): void {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError(
      `${where}: options must be an object, such as { countdown: 1000 }; got ${describeValue(options)}.`,
    )
  }
  for (const key of DURATIONS) {
    if (options[key] !== undefined) checkDuration(options[key], `${where}({ ${key} })`)
  }
  for (const key of TIMES) {
    const value = options[key]
    if (
      value !== undefined &&
      !(value instanceof Date && !Number.isNaN(value.getTime())) &&
      !isFiniteNumber(value)
    ) {
      throw new TypeError(
        `${where}({ ${key} }) must be a Date or a number of ms; got ${describeValue(value)}.`,
      )
    }
  }
  if (
    options.taskId !== undefined &&
    (typeof options.taskId !== 'string' || options.taskId === '')
  ) {
    throw new TypeError(
      `${where}({ taskId }) must be a non-empty string; got ${describeValue(options.taskId)}.`,
    )
  }
  checkRetryLimit(options.maxRetries, where)
}

function checkRetryLimit(value: unknown, where: string): void {
  if (value === undefined || value === null) return
  if (!Number.isInteger(value) || (value as number) < 0) {
    throw new TypeError(
      `${where}({ maxRetries }) must be a whole number ≥ 0, or null for no limit; got ${describeValue(value)}.`,
    )
  }
}

function checkDuration(value: unknown, what: string): void {
  if (!isFiniteNumber(value) || value < 0) {
    throw new TypeError(
      `${what} must be a number of milliseconds ≥ 0; got ${describeValue(value)}.`,
    )
  }
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}

/** A short description of a value for error messages. */
export function describeValue(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  if (typeof value === 'function') return 'a function'
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint')
    return String(value)
  return `${typeof value === 'object' ? 'an object' : `a ${typeof value}`}`
}
