import { findUncloneable } from './clone-check.ts'
import type { SendOptions } from './protocol.ts'

/**
 * The TypeError of a value that breaks its rule, in one shape:
 * `<what> must be <expected>; got <value>.` and, when given, what to do instead.
 */
export function mustBe(what: string, expected: string, value: unknown, advice = ''): TypeError {
  return new TypeError(must(what, `be ${expected}`, value, advice))
}

/**
 * The message of every bad-input error: `<what> must <rule>; got <value>.`, then
 * `advice` (what to do instead) when given. {@link mustBe} is its usual TypeError.
 * @example new RangeError(must('new ThreadPool({ minThreads })', 'not exceed size (4)', 5))
 */
export function must(what: string, rule: string, value: unknown, advice = ''): string {
  return `${what} must ${rule}; got ${describeValue(value)}.${advice}`
}

/** A short description of a value for error messages: `5`, `"add"`, `an array`, … */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value)
  if (typeof value === 'function') {
    return (value as { s?: unknown }).s === undefined
      ? 'a plain function'
      : `the task '${value.name}' itself (call .s() on it)`
  }
  if (typeof value !== 'object' || value === null) return String(value)
  return Array.isArray(value) ? 'an array' : 'an object'
}

/** An option's rule: the test a set value must pass, and what that means. */
type Rule = readonly [valid: (value: unknown) => boolean, expected: string]

const DURATION: Rule = [
  (value) => isFiniteNumber(value) && value >= 0,
  'a number of milliseconds ≥ 0',
]
const TIME: Rule = [
  (value) => (value instanceof Date ? !Number.isNaN(value.getTime()) : isFiniteNumber(value)),
  'a Date or a number of ms',
]

/** Send options: durations are finite ms ≥ 0; times are `Date`s or numbers. */
const SEND_RULES: Record<string, Rule> = {
  countdown: DURATION,
  timeLimit: DURATION,
  softTimeLimit: DURATION,
  eta: TIME,
  expires: TIME,
  taskId: [(value) => typeof value === 'string' && value !== '', 'a non-empty string'],
  maxRetries: [
    (value) => value === null || (Number.isInteger(value) && (value as number) >= 0),
    'a whole number ≥ 0, or null for no limit',
  ],
}

/** Options of `get()`: `timeout` is absent, or a finite number ≥ 0. */
export function checkGetOptions(options: { timeout?: number }): void {
  checkRule(options, 'timeout', DURATION, 'get')
}

/** Send options, named in messages as `where({ key })`. */
export function checkSendOptions(options: SendOptions, where: string): void {
  if (typeof options !== 'object' || options === null) {
    throw mustBe(`${where}: options`, 'an object, such as { countdown: 1000 }', options)
  }
  for (const key in SEND_RULES) checkRule(options, key, SEND_RULES[key]!, where)
}

/** args of `applyAsync` / a canvas: an array. */
export function checkArgs(args: unknown, where: string): asserts args is unknown[] {
  if (!Array.isArray(args)) {
    throw mustBe(
      `${where}: args`,
      'an array, such as [2, 2]',
      args,
      ' To pass one array as the only argument, wrap it: [[1, 2, 3]].',
    )
  }
}

/** Values that must cross threads and storage: refuse what structured clone cannot carry. */
export function checkCloneable(value: unknown, path: string, where: string): void {
  const refused = findUncloneable(value, path)
  if (refused) {
    throw new TypeError(
      `${where}: ${refused.path} is ${refused.what}, which cannot be sent to a worker or stored: pass plain data (objects, arrays, Map, Set, Date, typed arrays).`,
    )
  }
}

function checkRule(options: object, key: string, [valid, expected]: Rule, where: string): void {
  const value = (options as Record<string, unknown>)[key]
  if (value !== undefined && !valid(value)) throw mustBe(`${where}({ ${key} })`, expected, value)
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value)
}
