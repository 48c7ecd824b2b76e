import { fromBase64, toBase64 } from './base64.ts'
import { fromErrorRecord, isErrorRecord, toErrorRecord } from './error-record.ts'
import { CeleriacError, EncodeError } from './errors.ts'

/**
 * Values ⇄ JSON, kombu style: what JSON cannot say is written as
 * `{"__type__": tag, "__value__": value}`. Tags: `datetime` (ISO 8601, as kombu),
 * `map`, `set`, `regexp`, `bigint`, `undefined`, `number` (NaN, ±Infinity, -0),
 * `ArrayBuffer`, `DataView` and each typed array by class name (base64 of the
 * bytes, little-endian as every platform we run on), `error` (an error record),
 * `boxed` (`new Number(1)` …) and `object`: a plain object that has a `__type__`
 * key of its own, escaped so that it reads back as itself.
 *
 * Values are trees: a cycle or a second reference to one object is refused with
 * `EncodeError`. Array holes read back as `undefined`.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json }

/** A tagged JSON text or value that does not decode. */
export class DecodeError extends CeleriacError {
  override name = 'DecodeError'
  override readonly code: string = 'ERR_DECODE'
}

const TYPE = '__type__'
const UNDEFINED: Json = Object.freeze({ [TYPE]: 'undefined', __value__: null })
const NUMBERS: Record<string, number> = { NaN, Infinity, '-Infinity': -Infinity, '-0': -0 }
const VIEWS: Record<string, new (buffer: ArrayBuffer) => ArrayBufferView> = Object.fromEntries(
  [
    'Int8Array',
    'Uint8Array',
    'Uint8ClampedArray',
    'Int16Array',
    'Uint16Array',
    'Int32Array',
    'Uint32Array',
    'Float16Array',
    'Float32Array',
    'Float64Array',
    'BigInt64Array',
    'BigUint64Array',
    'DataView',
  ]
    .filter((name) => typeof (globalThis as Record<string, unknown>)[name] === 'function')
    .map((name) => [name, (globalThis as Record<string, any>)[name]]),
)

/** Thrown inside the walk; turned into an `EncodeError` with the path at the top. */
class Refusal {
  constructor(readonly what: string) {}
}

interface Walk {
  /** Every object met so far; made at the first one. */
  seen: Set<object> | null
  /** Segments of the current path; only kept on the second, diagnostic walk. */
  path: string[] | null
}

/**
 * Encode `value` as JSON-safe data (unchanged parts may be shared with `value`).
 * @param name how the error message names the value, e.g. `result`
 * @throws EncodeError naming the path of what cannot be encoded
 * @example JSON.stringify(encodeValue(new Map([[1, 2n]])))
 */
export function encodeValue(value: unknown, name = 'value'): Json {
  if (typeof value === 'string' || typeof value === 'boolean' || value === null) return value
  if (typeof value === 'number' && Number.isFinite(value) && !Object.is(value, -0)) return value
  try {
    return encodeAny(value, { seen: null, path: null })
  } catch (error) {
    if (!(error instanceof Refusal)) throw error
    const path: string[] = []
    try {
      encodeAny(value, { seen: null, path })
    } catch {}
    throw new EncodeError(`Cannot encode ${name}${path.join('')}: ${error.what}`)
  }
}

/**
 * Decode what {@link encodeValue} produced (or `JSON.parse` of it). Never mutates `json`.
 * @throws DecodeError for an unknown or malformed tag
 */
export function decodeValue(json: unknown): unknown {
  return decodeAny(json)
}

function encodeAny(value: unknown, walk: Walk): Json {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return value
    case 'number':
      return Number.isFinite(value) && (value !== 0 || 1 / value > 0) ? value : tagNumber(value)
    case 'undefined':
      return UNDEFINED
    case 'bigint':
      return tag('bigint', value.toString())
    case 'object':
      return value === null ? null : encodeObject(value, walk)
    default:
      throw new Refusal(`a ${typeof value} cannot be stored`)
  }
}

function encodeObject(value: object, walk: Walk): Json {
  walk.seen ??= new Set()
  if (walk.seen.has(value)) {
    throw new Refusal('this object appears twice (a cycle or a shared reference); store a copy')
  }
  walk.seen.add(value)
  if (Array.isArray(value)) return encodeArray(value, walk)
  const proto = Object.getPrototypeOf(value)
  if (proto === Object.prototype || proto === null) return encodePlain(value as never, walk)
  return encodeBuiltin(value, walk)
}

function encodeArray(items: unknown[], walk: Walk): Json[] {
  let out: Json[] | undefined
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    walk.path?.push(`[${i}]`)
    const encoded = encodeAny(item, walk)
    walk.path?.pop()
    if (out) out.push(encoded)
    else if (encoded !== item) {
      out = items.slice(0, i) as Json[]
      out.push(encoded)
    }
  }
  return out ?? (items as Json[])
}

function encodePlain(value: Record<string, unknown>, walk: Walk): Json {
  let out: Record<string, Json> | undefined
  let escaped = false
  for (const key in value) {
    const item = value[key]
    walk.path?.push(/^[A-Za-z_$][\w$]*$/.test(key) ? `.${key}` : `[${JSON.stringify(key)}]`)
    const encoded = encodeAny(item, walk)
    walk.path?.pop()
    if (key === TYPE) escaped = true
    if (out) setKey(out, key, encoded)
    else if (encoded !== item) {
      out = copyBefore(value, key)
      setKey(out, key, encoded)
    }
  }
  const encoded = out ?? (value as Record<string, Json>)
  return escaped ? tag('object', encoded) : encoded
}

function encodeBuiltin(value: object, walk: Walk): Json {
  if (value instanceof Date) {
    return tag('datetime', Number.isNaN(value.getTime()) ? null : value.toISOString())
  }
  if (value instanceof Map) return tag('map', encodeMap(value, walk))
  if (value instanceof Set) return tag('set', encodeInside(Array.from(value), '.<set>', walk))
  if (value instanceof RegExp) return tag('regexp', [value.source, value.flags])
  if (value instanceof ArrayBuffer) return tag('ArrayBuffer', toBase64(new Uint8Array(value)))
  if (ArrayBuffer.isView(value)) {
    const name = (value as unknown as { [Symbol.toStringTag]?: string })[Symbol.toStringTag]
    const bytes = new Uint8Array(value.buffer, value.byteOffset, value.byteLength)
    return tag(name ?? 'DataView', toBase64(bytes))
  }
  if (value instanceof Error) return tag('error', encodeInside(toErrorRecord(value), '', walk))
  if (value instanceof Number || value instanceof String || value instanceof Boolean) {
    return tag('boxed', encodeAny(value.valueOf(), walk))
  }
  throw new Refusal(describeClass(value))
}

function encodeMap(map: Map<unknown, unknown>, walk: Walk): Json[] {
  const entries: Json[] = []
  let index = 0
  for (const [key, item] of map) {
    walk.path?.push(`.<map key ${index}>`)
    const encodedKey = encodeAny(key, walk)
    walk.path?.pop()
    walk.path?.push(`.get(${String(key)})`)
    entries.push([encodedKey, encodeAny(item, walk)])
    walk.path?.pop()
    index++
  }
  return entries
}

function encodeInside(value: unknown, segment: string, walk: Walk): Json {
  walk.path?.push(segment)
  const encoded = encodeAny(value, walk)
  walk.path?.pop()
  return encoded
}

function decodeAny(value: unknown): unknown {
  if (typeof value !== 'object' || value === null) return value
  if (Array.isArray(value)) return decodeArray(value)
  const type = (value as Record<string, unknown>)[TYPE]
  if (type !== undefined) return decodeTag(type, (value as Record<string, unknown>).__value__)
  return decodePlain(value as Record<string, unknown>)
}

function decodeArray(items: unknown[]): unknown[] {
  let out: unknown[] | undefined
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    const decoded = decodeAny(item)
    if (out) out.push(decoded)
    else if (decoded !== item) {
      out = items.slice(0, i)
      out.push(decoded)
    }
  }
  return out ?? items
}

function decodePlain(value: Record<string, unknown>): Record<string, unknown> {
  let out: Record<string, unknown> | undefined
  for (const key in value) {
    const item = value[key]
    const decoded = decodeAny(item)
    if (out) setKey(out, key, decoded)
    else if (decoded !== item) {
      out = copyBefore(value, key)
      setKey(out, key, decoded)
    }
  }
  return out ?? value
}

function decodeTag(type: unknown, value: unknown): unknown {
  try {
    const decoded = decodeTagValue(type, value)
    if (decoded !== INVALID) return decoded
  } catch (error) {
    if (error instanceof DecodeError) throw error
  }
  const shown = JSON.stringify(value)
  const sample = shown && shown.length > 60 ? `${shown.slice(0, 60)}…` : shown
  throw new DecodeError(`Malformed ${JSON.stringify(type)} tag: __value__ ${sample}`)
}

const INVALID = Symbol('invalid')

function decodeTagValue(type: unknown, value: any): unknown {
  switch (type) {
    case 'datetime':
      return value === null
        ? new Date(Number.NaN)
        : checked(new Date(value), typeof value === 'string')
    case 'map':
      return new Map(value.map((entry: unknown[]) => [decodeAny(entry[0]), decodeAny(entry[1])]))
    case 'set':
      return new Set(value.map(decodeAny))
    case 'regexp':
      return new RegExp(value[0], value[1])
    case 'bigint':
      return checked(BigInt(value), typeof value === 'string')
    case 'undefined':
      return undefined
    case 'number':
      return typeof value === 'string' && value in NUMBERS ? NUMBERS[value] : INVALID
    case 'object':
      return checked(decodePlain(value), typeof value === 'object' && value !== null)
    case 'error':
      return decodeError(decodeAny(value))
    case 'boxed':
      return decodeBoxed(decodeAny(value))
    case 'ArrayBuffer':
      return fromBase64(value).buffer
  }
  const View = typeof type === 'string' && Object.hasOwn(VIEWS, type) ? VIEWS[type] : undefined
  if (!View) throw new DecodeError(`Unknown tag ${JSON.stringify(type)} (not written by celeriac)`)
  return new View(fromBase64(value).buffer as ArrayBuffer)
}

function decodeError(record: unknown): Error | typeof INVALID {
  return isErrorRecord(record) ? fromErrorRecord(record) : INVALID
}

function decodeBoxed(inner: unknown): object | typeof INVALID {
  return ['number', 'string', 'boolean'].includes(typeof inner) ? Object(inner) : INVALID
}

function checked<T>(decoded: T, valid: boolean): T | typeof INVALID {
  return valid ? decoded : INVALID
}

function tag(type: string, value: Json): Json {
  return { [TYPE]: type, __value__: value }
}

function tagNumber(value: number): Json {
  return tag('number', Number.isNaN(value) ? 'NaN' : value === 0 ? '-0' : String(value))
}

/** A copy of `value`'s entries up to (not including) `stop`. */
function copyBefore<T>(value: Record<string, T>, stop: string): Record<string, any> {
  const out: Record<string, unknown> = {}
  for (const key in value) {
    if (key === stop) break
    setKey(out, key, value[key])
  }
  return out
}

/** Assign without ever invoking the `__proto__` setter (JSON may carry such a key). */
function setKey(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    })
  } else target[key] = value
}

function describeClass(value: object): string {
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    return 'a Blob cannot be stored synchronously; store `await blob.arrayBuffer()` instead'
  }
  const name = (value as { constructor?: { name?: string } }).constructor?.name
  return `an instance of ${name ? `class ${name}` : 'a class'} cannot be stored; store plain data`
}
