import { execFile } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { FileBackend } from '../node/file-backend.ts'
import type { ResultRecord } from '../src/protocol.ts'

const BIN = fileURLToPath(new URL('../bin/celeriac.mjs', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const root = mkdtempSync(join(tmpdir(), 'celeriac-cli-'))
const store = join(root, 'store')
/** A second store for the commands that change it, so the order of cases does not matter. */
const changing = join(root, 'changing')
const TIMEOUT = 30_000

interface Run {
  code: number | null
  stdout: string
  stderr: string
}

function celeriac(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { cwd: ROOT, env: { ...process.env, CELERIAC_STORE: '', ...env } },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : null) : 0
        resolve({ code, stdout, stderr })
      },
    )
  })
}

function record(
  id: string,
  status: string,
  result: unknown,
  extra: Partial<ResultRecord> = {},
): ResultRecord {
  return {
    task_id: id,
    status,
    result,
    traceback: null,
    children: [],
    date_done: '2026-11-27T10:00:00.000Z',
    ...extra,
  }
}

beforeAll(async () => {
  const backend = new FileBackend({ path: store })
  await Promise.all([
    backend.store(record('ok-1', 'SUCCESS', new Map([['total', 42n]]), { name: 'tasks.add' })),
    backend.store(
      record(
        'bad-1',
        'FAILURE',
        { name: 'ValueError', message: 'boom', cause: { name: 'TypeError', message: 'root' } },
        {
          traceback: 'ValueError: boom\n    at body (tasks.ts:3:9)',
          date_done: '2026-11-27T11:00:00.000Z',
        },
      ),
    ),
    backend.store(record('revoked-1', 'REVOKED', { name: 'TaskRevokedError', message: 'revoked' })),
    backend.store(record('started-1', 'STARTED', null, { date_done: null })),
  ])
  await backend.close()
  const other = new FileBackend({ path: changing })
  await other.store(record('gone-1', 'SUCCESS', 1))
  await other.close()
  vi.useFakeTimers({ toFake: ['Date'] })
  vi.setSystemTime(1_000_000)
  const old = new FileBackend({ path: changing, resultExpires: 1000 })
  await old.store(record('expired-1', 'SUCCESS', 1))
  await old.close()
  vi.useRealTimers()
})

afterAll(() => {
  rmSync(root, { recursive: true, force: true })
})

describe('celeriac result', () => {
  it('shows a success and exits 0', { timeout: TIMEOUT }, async () => {
    const run = await celeriac(['result', 'ok-1', '--store', store])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/state\s+SUCCESS/)
    expect(run.stdout).toMatch(/name\s+tasks\.add/)
    expect(run.stdout).toContain("Map(1) { 'total' => 42n }")
  })

  it('shows a failure with its cause and traceback and exits 1', { timeout: TIMEOUT }, async () => {
    const run = await celeriac(['result', 'bad-1'], { CELERIAC_STORE: store })
    expect(run.code).toBe(1)
    expect(run.stdout).toMatch(/error\s+ValueError: boom/)
    expect(run.stdout).toMatch(/caused by\s+TypeError: root/)
    expect(run.stdout).toContain('traceback:\n  ValueError: boom\n      at body (tasks.ts:3:9)')
    expect((await celeriac(['result', 'revoked-1', '--store', store])).code).toBe(1)
  })

  it('prints the codec JSON with --json', { timeout: TIMEOUT }, async () => {
    const run = await celeriac(['result', 'ok-1', '--json', '--store', store])
    expect(run.code).toBe(0)
    const json = JSON.parse(run.stdout)
    expect(json.status).toBe('SUCCESS')
    expect(json.result).toStrictEqual({
      __type__: 'map',
      __value__: [['total', { __type__: 'bigint', __value__: '42' }]],
    })
  })

  it('exits 3 for an unknown id and 0 for a task still running', { timeout: TIMEOUT }, async () => {
    const unknown = await celeriac(['result', 'nobody', '--store', store])
    expect(unknown.code).toBe(3)
    expect(unknown.stdout).toMatch(/state\s+PENDING/)
    expect((await celeriac(['result', 'started-1', '--store', store])).code).toBe(0)
  })
})

describe('celeriac inspect, forget and purge', () => {
  it('counts states and lists the latest failures', { timeout: TIMEOUT }, async () => {
    const text = await celeriac(['inspect', '--store', store])
    expect(text.code).toBe(0)
    expect(text.stdout).toMatch(/SUCCESS\s+1\n/)
    expect(text.stdout).toMatch(
      /latest failures:\n {2}2026-11-27T11:00:00.000Z {2}bad-1 {2}ValueError: boom/,
    )
    const json = JSON.parse((await celeriac(['inspect', '--json', '--store', store])).stdout)
    expect(json.counts).toStrictEqual({ SUCCESS: 1, FAILURE: 1, REVOKED: 1, STARTED: 1 })
    expect(json.latestFailures[0].result.exc_type).toBe('ValueError')
  })

  it('forgets a result', { timeout: TIMEOUT }, async () => {
    expect((await celeriac(['result', 'gone-1', '--store', changing])).code).toBe(0)
    const run = await celeriac(['forget', 'gone-1', '--store', changing])
    expect([run.code, run.stdout]).toStrictEqual([0, 'forgot gone-1\n'])
    expect((await celeriac(['result', 'gone-1', '--store', changing])).code).toBe(3)
  })

  it('purges expired results', { timeout: TIMEOUT }, async () => {
    const run = await celeriac(['purge', '--expired', '--store', changing])
    expect([run.code, run.stdout]).toStrictEqual([0, 'purged 1 expired result\n'])
  })
})

describe('celeriac errors', () => {
  const usage: Record<string, string[]> = {
    'no --expired': ['purge'],
    'an unknown command': ['frobnicate'],
    'an unknown option': ['inspect', '--verbose'],
    'a missing id': ['result'],
    'a bad --limit': ['inspect', '--limit', 'many'],
    'an empty id': ['result', ''],
  }
  for (const [name, args] of Object.entries(usage)) {
    it(`exits 2 for ${name}`, { timeout: TIMEOUT }, async () => {
      const run = await celeriac([...args, '--store', store])
      expect(run.code).toBe(2)
      expect(run.stderr).toMatch(/^celeriac: /)
    })
  }

  it('prints help and exits 0', { timeout: TIMEOUT }, async () => {
    const run = await celeriac(['--help'])
    expect(run.code).toBe(0)
    expect(run.stdout).toMatch(/^Usage: celeriac <command>/)
  })

  it('exits 4 naming the file for a missing or foreign store', { timeout: TIMEOUT }, async () => {
    const missing = await celeriac(['inspect', '--store', join(root, 'nowhere')])
    expect(missing.code).toBe(4)
    expect(missing.stderr).toContain(join(root, 'nowhere', 'celeriac.db'))
    const foreign = join(root, 'foreign')
    mkdirSync(foreign)
    writeFileSync(join(foreign, 'celeriac.db'), 'not sqlite')
    const run = await celeriac(['result', 'x', '--store', foreign])
    expect(run.code).toBe(4)
    expect(run.stderr).toMatch(/foreign.celeriac\.db: not a celeriac store/)
  })
})
