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

/**
 * The first part of `value` that structured clone would refuse or silently damage,
 * as `{ path, what }`, or null when all of it can cross. Refused: functions,
 * symbols, symbol keys, and objects whose prototype is not a clone built-in.
 */
export function findUncloneable(
  value: unknown,
  path: string,
): { path: string; what: string } | null {
  return visit(value, path, new Set())
}

function visit(
  value: unknown,
  path: string,
  seen: Set<object>,
): { path: string; what: string } | null {
  switch (typeof value) {
    case 'function':
      return { path, what: 'a function' }
    case 'symbol':
      return { path, what: 'a symbol' }
    case 'object':
      if (value === null || seen.has(value)) return null
      seen.add(value)
      return visitObject(value, path, seen)
    default:
      return null
  }
}

function visitObject(
  value: object,
  path: string,
  seen: Set<object>,
): { path: string; what: string } | null {
  if (!isCloneableKind(value)) return { path, what: `an instance of ${describeClass(value)}` }
  if (ArrayBuffer.isView(value) || value instanceof ArrayBuffer) return null
  if (value instanceof Map) return visitMap(value, path, seen)
  if (value instanceof Set) return visitEntries([...value], (i) => `${path}.<set ${i}>`, seen)
  if (Object.getOwnPropertySymbols(value).length > 0)
    return { path, what: 'an object with symbol keys' }
  if (Array.isArray(value)) return visitEntries(value, (i) => `${path}[${i}]`, seen)
  for (const key of Object.keys(value)) {
    const found = visit((value as Record<string, unknown>)[key], `${path}.${key}`, seen)
    if (found) return found
  }
  return null
}

function visitMap(map: Map<unknown, unknown>, path: string, seen: Set<object>) {
  let index = 0
  for (const [key, entry] of map) {
    const found =
      visit(key, `${path}.<map key ${index}>`, seen) ??
      visit(entry, `${path}.get(${String(key)})`, seen)
    if (found) return found
    index++
  }
  return null
}

function visitEntries(items: unknown[], pathOf: (index: number) => string, seen: Set<object>) {
  for (let i = 0; i < items.length; i++) {
    const found = visit(items[i], pathOf(i), seen)
    if (found) return found
  }
  return null
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
