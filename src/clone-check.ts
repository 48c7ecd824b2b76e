const CLONEABLE_PROTOTYPES: readonly unknown[] = [
  Object.prototype,
  null,
  Array.prototype,
  Date.prototype,
  Map.prototype,
  Set.prototype,
  RegExp.prototype,
  ArrayBuffer.prototype,
  DataView.prototype,
  Boolean.prototype,
  Number.prototype,
  String.prototype,
]

/** What was refused, and the path segments from the top value down to it (reversed). */
interface Refusal {
  what: string
  segments: string[]
}

/**
 * The first part of `value` that structured clone would refuse or silently damage,
 * as `{ path, what }`, or null when all of it can cross. Refused: functions,
 * symbols, symbol keys, and objects whose prototype is not a clone built-in.
 * Paths are only built for a refusal, so large plain values stay cheap to check.
 */
export function findUncloneable(
  value: unknown,
  path: string,
): { path: string; what: string } | null {
  const refusal = visit(value, undefined)
  if (!refusal) return null
  return { path: path + refusal.segments.reverse().join(''), what: refusal.what }
}

function visit(value: unknown, seen: Set<object> | undefined): Refusal | null {
  switch (typeof value) {
    case 'function':
      return { what: 'a function', segments: [] }
    case 'symbol':
      return { what: 'a symbol', segments: [] }
    case 'object': {
      if (value === null) return null
      const visited = seen ?? new Set()
      if (visited.has(value)) return null
      visited.add(value)
      return visitObject(value, visited)
    }
    default:
      return null
  }
}

function visitObject(value: object, seen: Set<object>): Refusal | null {
  if (!isCloneableKind(value))
    return { what: `an instance of ${describeClass(value)}`, segments: [] }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null
  if (value instanceof Map) return visitMap(value, seen)
  if (value instanceof Set) return visitItems([...value], seen, (i) => `.<set ${i}>`)
  if (Object.getOwnPropertySymbols(value).length > 0) {
    return { what: 'an object with symbol keys', segments: [] }
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
    const kind = typeof item
    if (kind !== 'object' && kind !== 'function' && kind !== 'symbol') continue
    const refusal = visit(item, seen)
    if (refusal) return within(refusal, segmentOf(i))
  }
  return null
}

function within(refusal: Refusal, segment: string): Refusal {
  refusal.segments.push(segment)
  return refusal
}

function isCloneableKind(value: object): boolean {
  const proto = Object.getPrototypeOf(value)
  if (CLONEABLE_PROTOTYPES.includes(proto)) return true
  if (ArrayBuffer.isView(value) || value instanceof Error) return true
  return typeof Blob !== 'undefined' && value instanceof Blob
}

function describeClass(value: object): string {
  const name = (value as { constructor?: { name?: string } }).constructor?.name
  return name ? `class ${name}` : 'a class'
}
