import { type ChildProcess, spawn } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'better-sqlite3'
import { afterAll, afterEach, describe, expect, it, vi } from 'vitest'
import { FileBackend } from '../node/file-backend.ts'
import { StoreError } from '../node/store-file.ts'
import { EncodeError } from '../src/errors.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { backendContract } from './contracts/backend-contract.ts'

const CHILD = fileURLToPath(new URL('./fixtures/file-store-child.ts', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const dirs: string[] = []
const children: ChildProcess[] = []

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'celeriac-file-backend-'))
  dirs.push(dir)
  return dir
}

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL')
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true })
})

backendContract('FileBackend', () => new FileBackend({ path: tempDir() }), {
  sibling: (backend) => new FileBackend({ path: (backend as FileBackend).path }),
})

function record(
  id: string,
  status: string,
  result: unknown,
  dateDone: string | null = null,
): ResultRecord {
  return { task_id: id, status, result, traceback: null, children: [], date_done: dateDone }
}

/** A child `node` process running the fixture, with its stdout as lines. */
function runChild(...args: string[]) {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  children.push(child)
  let stderr = ''
  child.stderr?.on('data', (chunk) => {
    stderr += chunk
  })
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const lines: string[] = []
  let waiter: (() => void) | null = null
  let buffered = ''
  child.stdout?.on('data', (chunk) => {
    buffered += chunk
    const parts = buffered.split('\n')
    buffered = parts.pop() ?? ''
    lines.push(...parts)
    waiter?.()
  })
  /** Resolve with the first line that matches; reject if the child exits first. */
  function line(match: (text: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const found = lines.find(match)
        if (found !== undefined) resolve(found)
        return found !== undefined
      }
      if (check()) return
      waiter = () => void check()
      exited.then(() => check() || reject(new Error(`child exited without that line: ${stderr}`)))
    })
  }
  return { child, exited, line, stderr: () => stderr }
}

describe('FileBackend across processes', () => {
  it('tells a watcher of a record another process stores', { timeout: 20_000 }, async () => {
    const dir = tempDir()
    // A poll too slow for the test's timeout: the notification must come from fs.watch.
    const backend = new FileBackend({ path: dir, pollInterval: 60_000 })
    const heard = new Promise<ResultRecord>((resolve) => backend.watch('cross-1', resolve))
    const child = runChild('store', dir, 'cross-1', 'from the child')
    const stored = await heard
    expect(stored.status).toBe('SUCCESS')
    expect(stored.result).toBe('from the child')
    expect(await child.exited).toBe(0)
    await backend.close()
  })

  it('never misses a commit: 200 round trips through fs events alone', {
    timeout: 30_000,
  }, async () => {
    const dir = tempDir()
    const writer = new FileBackend({ path: dir })
    const reader = new FileBackend({ path: dir, pollInterval: 60_000 })
    for (let i = 0; i < 200; i++) {
      const heard = new Promise<ResultRecord>((resolve) => {
        const stop = reader.watch(`trip-${i}`, (stored) => {
          stop()
          resolve(stored)
        })
      })
      await writer.store(record(`trip-${i}`, 'SUCCESS', i))
      expect((await heard).result).toBe(i)
    }
    await Promise.all([writer.close(), reader.close()])
  })

  it('completes a chord exactly once when two processes add parts', {
    timeout: 30_000,
  }, async () => {
    const dir = tempDir()
    const backend = new FileBackend({ path: dir })
    await backend.listCounts() // create the store before two processes race to
    const child = runChild('chord', dir, 'g-cross', '10', '1', '3', '5', '7', '9')
    const mine = await Promise.all(
      [0, 2, 4, 6, 8].map((index) =>
        backend.addChordPart('g-cross', 10, {
          id: `m${index}`,
          index,
          status: 'SUCCESS',
          result: index,
        }),
      ),
    )
    const theirs = JSON.parse(await child.line((text) => text.startsWith('['))) as unknown[]
    const completions = [...mine, ...theirs].filter((outcome) => outcome !== null) as {
      result: number
    }[][]
    expect(completions).toHaveLength(1)
    expect(completions[0].map((part) => part.result)).toStrictEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9])
    await backend.close()
  })

  it('leaves every record whole after a writer is SIGKILLed mid-loop', {
    timeout: 60_000,
  }, async () => {
    const dir = tempDir()
    const writer = runChild('loop', dir, '50')
    await writer.line((text) => text === 'round 5')
    writer.child.kill('SIGKILL')
    await writer.exited
    const db = new Database(join(dir, 'celeriac.db'))
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok')
    db.close()
    const backend = new FileBackend({ path: dir })
    const rounds = new Set<number>()
    for (let i = 0; i < 50; i++) {
      const stored = await backend.get(`k${i}`)
      const value = stored?.result as { round: number; i: number; payload: string; length: number }
      expect(value.i).toBe(i)
      expect(value.payload).toHaveLength(value.length)
      expect(value.payload.startsWith(`${value.round}:${i}:`)).toBe(true)
      rounds.add(value.round)
    }
    // One tick's writes are one transaction: all 50 ids come from the same round.
    expect(rounds.size).toBe(1)
    expect([...rounds][0]).toBeGreaterThanOrEqual(5)
    await backend.close()
  })
})

describe('FileBackend store files', () => {
  it('opens nothing before first use', async () => {
    const dir = join(tempDir(), 'lazy')
    const backend = new FileBackend({ path: dir })
    expect(existsSync(dir)).toBe(false)
    await backend.close()
    expect(existsSync(dir)).toBe(false)
  })

  const foreignFiles: Record<string, (file: string) => void> = {
    'garbage bytes': (file) => writeFileSync(file, 'this is not a database\n'.repeat(100)),
    'an SQLite header then garbage': (file) =>
      writeFileSync(file, Buffer.concat([Buffer.from('SQLite format 3\0'), Buffer.alloc(4096, 7)])),
    'another program’s SQLite database': (file) => {
      const db = new Database(file)
      db.exec('CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES (1)')
      db.close()
    },
  }
  for (const [name, write] of Object.entries(foreignFiles)) {
    it(`refuses ${name}, naming the file, and leaves it untouched`, async () => {
      const dir = tempDir()
      const file = join(dir, 'celeriac.db')
      write(file)
      const before = readFileSync(file)
      const backend = new FileBackend({ path: dir })
      const failure = backend.get('x')
      await expect(failure).rejects.toBeInstanceOf(StoreError)
      await expect(failure).rejects.toThrow(file)
      await expect(backend.store(record('x', 'SUCCESS', 1))).rejects.toThrow(file)
      await backend.close()
      expect(readFileSync(file).equals(before)).toBe(true)
    })
  }

  it('with create: false, refuses a missing store without creating it', async () => {
    const dir = join(tempDir(), 'missing')
    const backend = new FileBackend({ path: dir, create: false })
    await expect(backend.get('x')).rejects.toThrow(/missing.*no celeriac store/)
    expect(existsSync(dir)).toBe(false)
  })

  it('commits pending writes on close', async () => {
    const dir = tempDir()
    const backend = new FileBackend({ path: dir })
    const stored = backend.store(record('closing', 'SUCCESS', 7))
    await backend.close()
    await stored
    const reopened = new FileBackend({ path: dir })
    expect((await reopened.get('closing'))?.result).toBe(7)
    await reopened.close()
  })

  it('rejects only the write that cannot be encoded', async () => {
    const backend = new FileBackend({ path: tempDir() })
    const results = await Promise.allSettled([
      backend.store(record('good', 'SUCCESS', 1)),
      backend.store(record('bad', 'SUCCESS', { f: () => 1 })),
    ])
    expect(results[0].status).toBe('fulfilled')
    expect((results[1] as PromiseRejectedResult).reason).toBeInstanceOf(EncodeError)
    expect((await backend.get('good'))?.result).toBe(1)
    expect(await backend.get('bad')).toBeNull()
    await backend.close()
  })
})

describe('FileBackend task ids', () => {
  const bad: Record<string, [unknown, RegExp]> = {
    empty: ['', /must not be empty/],
    'over 255 bytes': ['x'.repeat(256), /256 bytes in UTF-8; the limit is 255/],
    'over 255 bytes of UTF-8 in fewer characters': ['é'.repeat(128), /256 bytes/],
    'with NUL': ['a\0b', /NUL/],
    'not a string': [42, /must be a string; got 42\. /],
  }
  for (const [name, [id, message]] of Object.entries(bad)) {
    it(`refuses an id ${name} with a TypeError that says so`, async () => {
      const backend = new FileBackend({ path: tempDir() })
      await expect(backend.store(record(id as string, 'SUCCESS', 1))).rejects.toThrow(TypeError)
      await expect(backend.get(id as string)).rejects.toThrow(message)
      await expect(backend.forget(id as string)).rejects.toThrow(message)
      expect(() => backend.watch(id as string, () => {})).toThrow(message)
      await backend.close()
    })
  }

  it('accepts an id of exactly 255 bytes', async () => {
    const backend = new FileBackend({ path: tempDir() })
    const id = `${'é'.repeat(127)}x`
    await backend.store(record(id, 'SUCCESS', 1))
    expect((await backend.get(id))?.task_id).toBe(id)
    await backend.close()
  })
})

describe('FileBackend expiry and inspection', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('reads expired records as null and purges them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const backend = new FileBackend({ path: tempDir(), resultExpires: 1000 })
    await backend.store(record('old', 'SUCCESS', 1))
    vi.setSystemTime(1_000_500)
    await backend.store(record('young', 'SUCCESS', 2))
    vi.setSystemTime(1_000_999)
    expect(await backend.get('old')).not.toBeNull()
    vi.setSystemTime(1_001_000)
    expect(await backend.get('old')).toBeNull()
    expect(await backend.listCounts()).toStrictEqual({ SUCCESS: 1 })
    expect(await backend.purgeExpired()).toBe(1)
    expect(await backend.purgeExpired()).toBe(0)
    await backend.store(record('old', 'SUCCESS', 3))
    expect((await backend.get('old'))?.result).toBe(3)
    await backend.close()
  })

  it('lists counts per state and the latest failures, newest first', async () => {
    const backend = new FileBackend({ path: tempDir() })
    const failure = (id: string, at: string) =>
      record(id, 'FAILURE', { name: 'ValueError', message: id }, at)
    await Promise.all([
      backend.store(record('s1', 'SUCCESS', 1)),
      backend.store(record('p1', 'STARTED', null)),
      backend.store(failure('f1', '2026-01-01T00:00:01.000Z')),
      backend.store(failure('f2', '2026-01-01T00:00:03.000Z')),
      backend.store(failure('f3', '2026-01-01T00:00:02.000Z')),
    ])
    expect(await backend.listCounts()).toStrictEqual({ SUCCESS: 1, STARTED: 1, FAILURE: 3 })
    const latest = await backend.latestFailures(2)
    expect(latest.map((r) => r.task_id)).toStrictEqual(['f2', 'f3'])
    expect(latest[0].result).toStrictEqual({ name: 'ValueError', message: 'f2' })
    await backend.close()
  })

  it('stores a thousand records from one tick and reads them all back', async () => {
    const dir = tempDir()
    mkdirSync(dir, { recursive: true })
    const backend = new FileBackend({ path: dir })
    const ids = Array.from({ length: 1000 }, (_, i) => `bulk-${i}`)
    await Promise.all(ids.map((id, i) => backend.store(record(id, 'SUCCESS', i))))
    expect(await backend.listCounts()).toStrictEqual({ SUCCESS: 1000 })
    expect((await backend.get('bulk-999'))?.result).toBe(999)
    await backend.close()
  })
})

describe('FileBackend record checks', () => {
  it('refuses a record whose columns cannot be stored, without failing the batch', async () => {
    const backend = new FileBackend({ path: tempDir() })
    const results = await Promise.allSettled([
      backend.store(record('fine', 'SUCCESS', 1)),
      backend.store({ ...record('no-status', 'SUCCESS', 1), status: undefined as never }),
      backend.store({ ...record('date-object', 'SUCCESS', 1), date_done: new Date() as never }),
    ])
    expect(results.map((result) => result.status)).toStrictEqual([
      'fulfilled',
      'rejected',
      'rejected',
    ])
    expect(String((results[1] as PromiseRejectedResult).reason)).toMatch(/"status"/)
    expect(String((results[2] as PromiseRejectedResult).reason)).toMatch(/"date_done"/)
    expect((await backend.get('fine'))?.result).toBe(1)
    await backend.close()
  })
})
