const CLONEABLE_PROTOTYPES: readonly unknown[] = [
  Object.prototype,
  null,
  Array.prototype,
  Date.prototype,
  Map.prototype,
  Set.prototype,
  RegExp.prototype,
  ArrayBuffer.prototype,
  Boolean.prototype,
  Number.prototype,
  String.prototype,
]

/** What was refused, and the path from the top value down to it. */
interface Refusal {
  path: string
  what: string
}

/**
 * The first part of `value` that structured clone would refuse or silently damage,
 * as `{ path, what }`, or null when all of it can cross. Refused: functions,
 * symbols, symbol keys, and objects whose prototype is not a clone built-in.
 * Paths are only built for a refusal, so large plain values stay cheap to check.
 */
export function findUncloneable(value: unknown, path: string): Refusal | null {
  const refusal = visit(value, undefined)
  return refusal && within(refusal, path)
}

/** `seen` is made at the first object: most results are numbers or strings. */
function visit(value: unknown, seen: Set<object> | undefined): Refusal | null {
  if (typeof value === 'function') return { path: '', what: 'a function' }
  if (typeof value === 'symbol') return { path: '', what: 'a symbol' }
  if (typeof value !== 'object' || value === null) return null
  seen ??= new Set()
  if (seen.has(value)) return null
  seen.add(value)
  return visitObject(value, seen)
}

function visitObject(value: object, seen: Set<object>): Refusal | null {
  if (!isCloneableKind(value)) return { path: '', what: `an instance of ${describeClass(value)}` }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null
  if (value instanceof Map) return visitMap(value, seen)
  if (value instanceof Set) return visitItems([...value], seen, (i) => `.<set ${i}>`)
  if (Object.getOwnPropertySymbols(value).length > 0) {
    return { path: '', what: 'an object with symbol keys' }
  }
  if (Array.isArray(value)) return visitItems(value, seen, (i) => `[${i}]`)
  for (const key in value) {
    const refusal = visit((value as Record<string, unknown>)[key], seen)
    if (refusal) return within(refusal, `.${key}`)
  }
  return null
}

function visitMap(map: Map<unknown, unknown>, seen: Set<object>): Refusal | null {
  let index = 0
  for (const [key, entry] of map) {
    const keyRefusal = visit(key, seen)
    if (keyRefusal) return within(keyRefusal, `.<map key ${index}>`)
    const refusal = visit(entry, seen)
    if (refusal) return within(refusal, `.get(${String(key)})`)
    index++
  }
  return null
}

function visitItems(items: unknown[], seen: Set<object>, segmentOf: (index: number) => string) {
  for (let i = 0; i < items.length; i++) {
    const item = items[i]
    // Most items of big arrays are numbers or strings: skip the call for them.
    if (typeof item !== 'object' && typeof item !== 'function' && typeof item !== 'symbol') continue
    const refusal = visit(item, seen)
    if (refusal) return within(refusal, segmentOf(i))
  }
  return null
}

/** The refusal, placed under `segment` on its way back up. */
function within(refusal: Refusal, segment: string): Refusal {
  refusal.path = segment + refusal.path
  return refusal
}

function isCloneableKind(value: object): boolean {
  return (
    CLONEABLE_PROTOTYPES.includes(Object.getPrototypeOf(value)) ||
    ArrayBuffer.isView(value) ||
    value instanceof Error ||
    (typeof Blob !== 'undefined' && value instanceof Blob)
  )
}

function describeClass(value: object): string {
  const name = (value as { constructor?: { name?: string } }).constructor?.name
  return name ? `class ${name}` : 'a class'
}
