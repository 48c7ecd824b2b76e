import { closeSync, constants, openSync, writeSync } from 'node:fs'
import { join } from 'node:path'

/** The file a writer touches after each commit; watchers `fs.watch` for it. */
export const SIGNAL_FILE = 'celeriac.signal'
const BYTE = new Uint8Array([0x2a])

/**
 * Tells other processes that a commit has landed. SQLite's own WAL writes are not
 * enough: they come before the commit is visible to readers, so a watcher woken by
 * them can read too early and miss the record. One byte rewritten in place, after
 * the commit, costs one syscall per batch and keeps the file at one byte.
 */
export class ChangeSignal {
  readonly #file: string
  #fd: number | null = null
  #broken = false

  constructor(dir: string) {
    this.#file = join(dir, SIGNAL_FILE)
  }

  /** Signal a commit. Failures are ignored: watchers fall back to polling. */
  touch(): void {
    if (this.#broken) return
    try {
      this.#fd ??= openSync(this.#file, constants.O_RDWR | constants.O_CREAT, 0o644)
      writeSync(this.#fd, BYTE, 0, 1, 0)
    } catch {
      this.#broken = true
    }
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd)
    this.#fd = null
  }
}
