/**
 * The one contract every `Backend` passes: memory, file, IndexedDB (fake and real
 * browser). Platform-free on purpose: platform specifics come in through `options`.
 */
import { afterEach, describe, expect, it } from 'vitest'
import type { Backend } from '../../src/backend.ts'
import type { ChordPart, ErrorRecord, ResultRecord, TaskState } from '../../src/protocol.ts'

/** What a backend's test file tells the contract. */
export interface BackendContractOptions {
  /**
   * Open a second backend over the same store, as another process or tab would.
   * When given, watching and chord counting are also checked across the two.
   */
  sibling?: (backend: Backend) => Promise<Backend> | Backend
  /** Per-case timeout in ms. @default 10_000 */
  timeout?: number
}

let counter = 0
function freshId(prefix: string): string {
  counter += 1
  return `${prefix}-${Date.now().toString(36)}-${counter}`
}

function record(
  taskId: string,
  status: TaskState,
  result: unknown,
  extra: Partial<ResultRecord> = {},
) {
  const ready = status === 'SUCCESS' || status === 'FAILURE' || status === 'REVOKED'
  return {
    task_id: taskId,
    status,
    result,
    traceback: null,
    children: [],
    date_done: ready ? new Date().toISOString() : null,
    ...extra,
  } satisfies ResultRecord
}

/** Resolves with the first record stored for `id` that `accept`s, then stops listening. */
function nextRecord(
  backend: Backend,
  id: string,
  accept: (record: ResultRecord) => boolean = () => true,
): Promise<ResultRecord> {
  return new Promise((resolve) => {
    const stop = backend.watch(id, (stored) => {
      if (!accept(stored)) return
      stop()
      resolve(stored)
    })
  })
}

const VALUES: Record<string, unknown> = {
  'plain JSON': { a: [1, 'two', null, true], b: { c: 1.5 } },
  Date: new Date('2026-11-27T05:29:37.498Z'),
  Map: new Map<unknown, unknown>([
    ['k', 1],
    [2, { nested: new Set([3]) }],
  ]),
  Set: new Set(['a', 1, 2n]),
  bigint: 2n ** 70n,
  'special numbers': [Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0],
  undefined: { missing: undefined },
  RegExp: /x+y/gi,
  ArrayBuffer: new Uint8Array([1, 2, 255]).buffer,
  'typed arrays': [new Uint8Array([0, 255]), new Float64Array([1.25]), new BigInt64Array([-5n])],
  DataView: new DataView(new Uint8Array([4, 5]).buffer),
  nested: { at: new Date(0), lists: [[new Map([['deep', [1n]]])]], __type__: 'not a tag' },
}

/** What each group of cases needs: fresh backends, closed after each case. */
interface Suite {
  open(): Promise<Backend>
  /** A second backend over the same store as `backend` (or `backend` itself). */
  sibling(backend: Backend): Promise<Backend>
  timeout: number
}

/**
 * Register the backend contract as a vitest `describe` block.
 * @param make a fresh, empty backend for each case (closed after it)
 * @example backendContract('MemoryBackend', () => new MemoryBackend())
 */
export function backendContract(
  name: string,
  make: () => Promise<Backend> | Backend,
  options: BackendContractOptions = {},
): void {
  const opened: Backend[] = []
  const suite: Suite = {
    async open() {
      const backend = await make()
      opened.push(backend)
      return backend
    },
    async sibling(backend) {
      const other = options.sibling ? await options.sibling(backend) : backend
      if (other !== backend) opened.push(other)
      return other
    },
    timeout: options.timeout ?? 10_000,
  }
  describe(`Backend contract: ${name}`, () => {
    afterEach(async () => {
      await Promise.all(opened.splice(0).map((backend) => backend.close()))
    })
    valueCases(suite)
    overwriteCases(suite)
    watchCases(suite)
    chordCases(suite)
    if (options.sibling) sharedStoreCases(suite)
    closeCases(suite)
  })
}

/** Reading back what was stored: every value type, errors, children. */
function valueCases(suite: Suite): void {
  const { timeout } = suite
  it('reads an unknown id as null', { timeout }, async () => {
    const backend = await suite.open()
    expect(await backend.get(freshId('unknown'))).toBeNull()
  })

  for (const [label, value] of Object.entries(VALUES)) {
    it(`round-trips ${label}`, { timeout }, async () => {
      const backend = await suite.open()
      const stored = record(freshId('value'), 'SUCCESS', value, { args: [value], name: 'echo' })
      await backend.store(stored)
      expect(await backend.get(stored.task_id)).toStrictEqual(stored)
    })
  }

  it('round-trips an error record in FAILURE, with its traceback', { timeout }, async () => {
    const backend = await suite.open()
    const error: ErrorRecord = {
      name: 'ValueError',
      message: 'bad value',
      stack: 'ValueError: bad value\n    at body (tasks.ts:3:9)',
      code: 'E_VALUE',
      cause: {
        name: 'TypeError',
        message: 'inner',
        cause: { name: 'NotRegistered', message: 'root', code: 'ERR_NOT_REGISTERED' },
      },
      fields: { when: new Date(7), limit: 10n, list: [1, 2] },
    }
    const failed = record(freshId('fail'), 'FAILURE', error, {
      traceback: 'ValueError: bad value\n    at body (tasks.ts:3:9)',
      parent_id: 'parent-1',
      group_id: null,
      retries: 3,
    })
    await backend.store(failed)
    expect(await backend.get(failed.task_id)).toStrictEqual(failed)
  })

  it('round-trips children tuples', { timeout }, async () => {
    const backend = await suite.open()
    const children: ResultRecord['children'] = [
      [['callback-1', null], null],
      [['group-1', null], [[['member-1', null], null]]],
    ]
    const stored = record(freshId('parent'), 'SUCCESS', 1, { children })
    await backend.store(stored)
    expect((await backend.get(stored.task_id))?.children).toStrictEqual(children)
  })
}

/** Which writes replace a stored record. */
function overwriteCases(suite: Suite): void {
  const { timeout } = suite
  it('never overwrites a stored SUCCESS', { timeout }, async () => {
    const backend = await suite.open()
    const id = freshId('done')
    await backend.store(record(id, 'SUCCESS', 'first'))
    await backend.store(record(id, 'FAILURE', { name: 'Error', message: 'late' }))
    await backend.store(record(id, 'STARTED', null))
    const stored = await backend.get(id)
    expect(stored?.status).toBe('SUCCESS')
    expect(stored?.result).toBe('first')
  })

  it('lets other states overwrite in order', { timeout }, async () => {
    const backend = await suite.open()
    const id = freshId('steps')
    const steps: [TaskState, unknown][] = [
      ['PENDING', null],
      ['STARTED', { pid: 1 }],
      ['RETRY', { name: 'Error', message: 'again' }],
      ['SUCCESS', 42],
    ]
    for (const [status, result] of steps) {
      await backend.store(record(id, status, result))
      const stored = await backend.get(id)
      expect([stored?.status, stored?.result]).toStrictEqual([status, result])
    }
  })
}

/** Watching ids, unsubscribing, throwing watchers, forgetting. */
function watchCases(suite: Suite): void {
  const { timeout } = suite
  it('tells watchers of each record stored, until they unsubscribe', { timeout }, async () => {
    const backend = await suite.open()
    const id = freshId('watched')
    const seen: ResultRecord[] = []
    const stop = backend.watch(id, (stored) => seen.push(stored))
    const started = record(id, 'STARTED', null)
    const first = nextRecord(backend, id)
    await backend.store(started)
    expect(await first).toStrictEqual(started)
    stop()
    const done = record(id, 'SUCCESS', 'ok')
    const second = nextRecord(backend, id)
    await backend.store(done)
    expect(await second).toStrictEqual(done)
    expect(seen).toStrictEqual([started])
  })

  it('keeps storing when a watcher throws', { timeout }, async () => {
    const backend = await suite.open()
    const id = freshId('throwing')
    backend.watch(id, () => {
      throw new Error('listener bug')
    })
    const heard = nextRecord(backend, id)
    const done = record(id, 'SUCCESS', 1)
    await backend.store(done)
    expect(await heard).toStrictEqual(done)
    expect(await backend.get(id)).toStrictEqual(done)
  })

  it('forgets a record without disturbing watchers of other ids', { timeout }, async () => {
    const backend = await suite.open()
    const [gone, kept] = [freshId('gone'), freshId('kept')]
    await backend.store(record(gone, 'SUCCESS', 1))
    const heard = nextRecord(backend, kept)
    await backend.forget(gone)
    expect(await backend.get(gone)).toBeNull()
    await backend.store(record(kept, 'SUCCESS', 2))
    expect((await heard).result).toBe(2)
    await backend.store(record(gone, 'SUCCESS', 3))
    expect((await backend.get(gone))?.result).toBe(3)
  })
}

/** Counting chord parts. */
function chordCases(suite: Suite): void {
  const { timeout } = suite
  it('completes a chord once, parts in index order, across concurrent calls', {
    timeout,
  }, async () => {
    const backend = await suite.open()
    const other = await suite.sibling(backend)
    const groupId = freshId('chord')
    const size = 8
    const parts: ChordPart[] = Array.from({ length: size }, (_, index) => ({
      id: `${groupId}-m${index}`,
      index,
      status: index === 3 ? 'FAILURE' : 'SUCCESS',
      result: index === 3 ? { name: 'Error', message: 'm3' } : new Map([[index, `v${index}`]]),
    }))
    const shuffled = [5, 0, 7, 3, 1, 6, 2, 4].map((index) => parts[index])
    const outcomes = await Promise.all(
      shuffled.map((part, i) => (i % 2 ? other : backend).addChordPart(groupId, size, part)),
    )
    const completions = outcomes.filter((outcome) => outcome !== null)
    expect(completions).toHaveLength(1)
    expect(completions[0]).toStrictEqual(parts)
    expect(await backend.addChordPart(groupId, size, parts[0])).toBeNull()
  })

  it('counts a repeated chord index once', { timeout }, async () => {
    const backend = await suite.open()
    const groupId = freshId('chord-dup')
    const part = (index: number, result: unknown): ChordPart => ({
      id: `m${index}`,
      index,
      status: 'SUCCESS',
      result,
    })
    const outcomes = await Promise.all([
      backend.addChordPart(groupId, 3, part(0, 'a')),
      backend.addChordPart(groupId, 3, part(1, 'b')),
      backend.addChordPart(groupId, 3, part(1, 'b again')),
    ])
    expect(outcomes).toStrictEqual([null, null, null])
    const last = await backend.addChordPart(groupId, 3, part(2, 'c'))
    expect(last?.map((p) => p.result)).toStrictEqual(['a', 'b', 'c'])
  })
}

/** Two instances over one store, as two processes or tabs. */
function sharedStoreCases(suite: Suite): void {
  const { timeout } = suite
  it('tells a watcher on another instance of the same store', { timeout }, async () => {
    const backend = await suite.open()
    const other = await suite.sibling(backend)
    const id = freshId('shared')
    const heard = nextRecord(other, id, (stored) => stored.status === 'SUCCESS')
    const done = record(id, 'SUCCESS', new Map([['x', 1n]]))
    await backend.store(done)
    expect(await heard).toStrictEqual(done)
    expect(await other.get(id)).toStrictEqual(done)
  })
}

/** After close. */
function closeCases(suite: Suite): void {
  const { timeout } = suite
  it('rejects calls after close', { timeout }, async () => {
    const backend = await suite.open()
    await backend.close()
    await backend.close()
    await expect(backend.store(record(freshId('late'), 'SUCCESS', 1))).rejects.toThrow(/closed/)
    await expect(backend.get('x')).rejects.toThrow(/closed/)
    await expect(backend.forget('x')).rejects.toThrow(/closed/)
  })
}
