const BATCH = 4096
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'))
let pool: Uint8Array<ArrayBuffer> | undefined
let offset = BATCH

/**
 * A random (version 4) UUID, as Celery's task ids. Random bytes are drawn 4 kB at
 * a time: `crypto.randomUUID()` per id costs microseconds in browsers, on every task.
 */
export function newTaskId(): string {
  if (offset + 16 > BATCH) {
    pool ??= new Uint8Array(BATCH)
    crypto.getRandomValues(pool)
    offset = 0
  }
  const b = pool!
  const o = offset
  offset += 16
  return (
    HEX[b[o]!]! +
    HEX[b[o + 1]!]! +
    HEX[b[o + 2]!]! +
    HEX[b[o + 3]!]! +
    '-' +
    HEX[b[o + 4]!]! +
    HEX[b[o + 5]!]! +
    '-' +
    HEX[(b[o + 6]! & 0x0f) | 0x40]! +
    HEX[b[o + 7]!]! +
    '-' +
    HEX[(b[o + 8]! & 0x3f) | 0x80]! +
    HEX[b[o + 9]!]! +
    '-' +
    HEX[b[o + 10]!]! +
    HEX[b[o + 11]!]! +
    HEX[b[o + 12]!]! +
    HEX[b[o + 13]!]! +
    HEX[b[o + 14]!]! +
    HEX[b[o + 15]!]!
  )
}
