import type { ChordPart } from './protocol.ts'
import { mustBe } from './validate.ts'

/* What every backend checks and shares, apart from any one store. */

/** How often a durable backend sweeps expired results, at most: every ten minutes of writing. */
export const PURGE_EVERY_MS = 10 * 60_000

/** One day, as Celery's `result_expires`. */
const DEFAULT_RESULT_EXPIRES = 86_400_000
/** Validate a `resultExpires` option: ms, or null / 0 / Infinity for never. */
export function resultExpires(value: number | null | undefined, owner: string): number {
  if (value === undefined) return DEFAULT_RESULT_EXPIRES
  if (value === null || value === 0) return Number.POSITIVE_INFINITY
  if (typeof value !== 'number' || Number.isNaN(value) || value < 0) {
    throw mustBe(
      `${owner}: option "resultExpires"`,
      'a number of ms ≥ 0 (or null for never)',
      value,
    )
  }
  return value
}

/** Validate a chord part at the boundary: a positive size and an index inside it. */
export function checkChordPart(size: number, part: ChordPart): void {
  if (!Number.isInteger(size) || size < 1) {
    throw mustBe('addChordPart: "size"', 'a positive integer', size)
  }
  if (!Number.isInteger(part?.index) || part.index < 0 || part.index >= size) {
    throw mustBe('addChordPart: "part.index"', `an integer in [0, ${size - 1}]`, part?.index)
  }
}
