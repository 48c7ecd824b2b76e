import { execFile } from 'node:child_process'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname

describe('npm run bench', () => {
  it('still runs every comparison (at tiny sizes) and prints each table', async () => {
    const { stdout } = await run('node', ['bench/run.mjs', '--smoke'], {
      cwd: root,
      maxBuffer: 16 * 2 ** 20,
    })
    for (const contender of [
      'piscina 5',
      'ThreadPool + app',
      'link callback start after',
      'ArrayBuffer in and back',
      'FileBackend, all store() calls at once',
      'heap ×',
      'workerpool 10',
      'WebWorkerPool + app, IndexedDbBackend',
      'IndexedDbBackend, each store() awaited',
    ]) {
      expect(stdout).toContain(contender)
    }
  }, 300_000)
})
