import { describeValue } from '../src/validate.ts'

const MAX_BYTES = 255
// Up to this many UTF-16 units, a string cannot exceed MAX_BYTES in UTF-8 (3 bytes per unit at most).
const SAFE_LENGTH = Math.floor(MAX_BYTES / 3)

/**
 * Refuse ids the file store cannot key on: not a string, empty, over 255 bytes of
 * UTF-8, or containing NUL. The TypeError says what is wrong and what to do.
 * @param what names the id in the message, e.g. `task id` or `group id`
 */
export function checkTaskId(id: unknown, what = 'task id'): asserts id is string {
  if (typeof id === 'string' && id.length > 0 && id.length <= SAFE_LENGTH && !id.includes('\0')) {
    return
  }
  const problem = idProblem(id)
  if (problem) {
    throw new TypeError(
      `FileBackend: ${what} ${problem}. Use the id celeriac gave (a UUID) or a short text key.`,
    )
  }
}

function idProblem(id: unknown): string | null {
  if (typeof id !== 'string') return `must be a string; got ${describeValue(id)}`
  if (id.length === 0) return 'must not be empty'
  if (id.includes('\0')) return `${show(id)} contains a NUL character`
  const bytes = Buffer.byteLength(id, 'utf8')
  if (bytes > MAX_BYTES) return `${show(id)} is ${bytes} bytes in UTF-8; the limit is ${MAX_BYTES}`
  return null
}

function show(id: string): string {
  const shown = JSON.stringify(id.length > 40 ? id.slice(0, 40) : id)
  return id.length > 40 ? `${shown.slice(0, -1)}…"` : shown
}
