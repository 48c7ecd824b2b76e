// fake-indexeddb in this file only: the real thing runs in test/browser/.
import 'fake-indexeddb/auto'
import { afterEach, describe, expect, it, vi } from 'vitest'
import type { Backend } from '../src/backend.ts'
import { BackendClosedError } from '../src/index.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { IndexedDbBackend, type IndexedDbBackendOptions } from '../web/index.ts'
import { backendContract } from './contracts/backend-contract.ts'

const fresh = () => `celeriac-test-${crypto.randomUUID()}`
const originalTransaction = IDBDatabase.prototype.transaction

backendContract(
  'IndexedDbBackend (fake-indexeddb)',
  () => new IndexedDbBackend({ name: fresh() }),
  {
    sibling: (backend) => new IndexedDbBackend({ name: (backend as IndexedDbBackend).name }),
  },
)

function done(id: string, result: unknown = 1, status = 'SUCCESS'): ResultRecord {
  return { task_id: id, status, result, traceback: null, children: [], date_done: null }
}

describe('IndexedDbBackend (fake-indexeddb)', () => {
  const opened: Backend[] = []
  const open = (options: IndexedDbBackendOptions = {}) => {
    const backend = new IndexedDbBackend({ name: fresh(), ...options })
    opened.push(backend)
    return backend
  }

  afterEach(async () => {
    vi.useRealTimers()
    await Promise.all(opened.splice(0).map((backend) => backend.close()))
  })

  it('opens nothing before first use', async () => {
    const backend = open()
    const names = async () => (await indexedDB.databases()).map((db) => db.name)
    expect(await names()).not.toContain(backend.name)
    await backend.get('x')
    expect(await names()).toContain(backend.name)
  })

  it('keeps a SUCCESS stored earlier in the same batch', async () => {
    const backend = open()
    await Promise.all([
      backend.store(done('a', 'first')),
      backend.store(done('a', 'late', 'FAILURE')),
      backend.store(done('a', null, 'STARTED')),
    ])
    expect((await backend.get('a'))?.result).toBe('first')
  })

  it('applies a forget and a store of one tick in call order', async () => {
    const backend = open()
    await backend.store(done('a', 'old', 'STARTED'))
    await Promise.all([backend.forget('a'), backend.store(done('a', 'new'))])
    expect((await backend.get('a'))?.result).toBe('new')
    await Promise.all([backend.store(done('b', 'x', 'STARTED')), backend.forget('b')])
    expect(await backend.get('b')).toBeNull()
  })

  it('answers the gets of a tick in call order with the writes of that tick', async () => {
    const backend = open()
    await backend.store(done('a', 'old', 'STARTED'))
    const [before, , after] = await Promise.all([
      backend.get('a'),
      backend.store(done('a', 'new')),
      backend.get('a'),
    ])
    expect(before?.result).toBe('old')
    expect(after?.result).toBe('new')
  })

  it('refuses a get whose id is not a string, without failing the writes of its tick', async () => {
    const backend = open()
    const [stored, got] = await Promise.allSettled([
      backend.store(done('a')),
      backend.get(undefined as unknown as string),
    ])
    expect(stored.status).toBe('fulfilled')
    expect(got).toMatchObject({ status: 'rejected', reason: { name: 'TypeError' } })
    expect((got as PromiseRejectedResult).reason.message).toMatch(/"id"/)
  })

  it('reads in a readonly transaction, even first thing', async () => {
    const backend = open()
    const modes: string[] = []
    const transaction = vi.spyOn(IDBDatabase.prototype, 'transaction')
    transaction.mockImplementation(function (this: IDBDatabase, ...args) {
      modes.push(args[1] ?? 'readonly')
      return Reflect.apply(originalTransaction, this, args) as IDBTransaction
    })
    try {
      expect(await backend.get('nothing')).toBeNull()
      await backend.store(done('a'))
    } finally {
      transaction.mockRestore()
    }
    expect(modes).toEqual(['versionchange', 'readonly', 'readwrite']) // the schema upgrade, the get, the store
  })

  it('fails only the get of a row that cannot be read back, not the writes of its tick', async () => {
    const backend = open()
    await backend.store(done('a'))
    await new Promise<void>((resolve, reject) => {
      const request = indexedDB.open(backend.name)
      request.onerror = () => reject(request.error)
      request.onsuccess = () => {
        const tx = request.result.transaction('results', 'readwrite')
        tx.objectStore('results').put({ expires: Number.MAX_SAFE_INTEGER, record: null }, 'broken')
        tx.oncomplete = () => resolve(request.result.close())
      }
    })
    const [stored, got] = await Promise.allSettled([
      backend.store(done('b')),
      backend.get('broken'),
    ])
    expect(stored.status).toBe('fulfilled')
    expect(got.status).toBe('rejected')
    expect(await backend.get('b')).toMatchObject({ task_id: 'b', status: 'SUCCESS' })
  })

  it('fails only the write that cannot be cloned, with EncodeError', async () => {
    const backend = open()
    const heard: string[] = []
    backend.watch('good', (record) => heard.push(record.task_id))
    const [good, bad] = await Promise.allSettled([
      backend.store(done('good')),
      backend.store(done('bad', { fn: () => 1 })),
    ])
    expect(good.status).toBe('fulfilled')
    expect(bad).toMatchObject({ status: 'rejected', reason: { name: 'EncodeError' } })
    expect((bad as PromiseRejectedResult).reason.cause.name).toBe('DataCloneError')
    expect(heard).toEqual(['good'])
    expect(await backend.get('bad')).toBeNull()
  })

  it('reads expired records as null and purges them', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const backend = open({ resultExpires: 1000 })
    await backend.store(done('a'))
    await backend.store(done('b'))
    vi.setSystemTime(1_000_999)
    expect(await backend.get('a')).not.toBeNull()
    await backend.store(done('c'))
    vi.setSystemTime(1_001_000)
    expect(await backend.get('a')).toBeNull()
    await backend.store(done('a', 'again'))
    expect((await backend.get('a'))?.result).toBe('again')
    expect(await backend.purgeExpired()).toBe(1) // b: a was replaced, c is live
    expect((await backend.get('c'))?.result).toBe(1)
  })

  it('restarts a chord whose counter expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(0)
    const backend = open({ resultExpires: 10 })
    const part = (index: number) => ({ id: `m${index}`, index, status: 'SUCCESS', result: index })
    expect(await backend.addChordPart('g', 2, part(0))).toBeNull()
    vi.setSystemTime(10)
    expect(await backend.addChordPart('g', 2, part(1))).toBeNull()
    expect(await backend.addChordPart('g', 2, part(0))).toEqual([part(0), part(1)])
  })

  it('commits pending writes on close, and a new instance reads them', async () => {
    const backend = open()
    const pending = backend.store(done('a', new Map([['k', 1n]])))
    await backend.close()
    await pending
    await expect(backend.store(done('b'))).rejects.toBeInstanceOf(BackendClosedError)
    expect(() => backend.watch('a', () => {})).toThrow(/closed/)
    const reopened = open({ name: backend.name })
    expect((await reopened.get('a'))?.result).toEqual(new Map([['k', 1n]]))
  })

  it('refuses bad options with a TypeError that names them', async () => {
    expect(() => new IndexedDbBackend({ name: '' })).toThrow(/"name"/)
    expect(() => new IndexedDbBackend({ resultExpires: -5 })).toThrow(/"resultExpires"/)
    const durability = 'fast' as IndexedDbBackendOptions['durability']
    expect(() => new IndexedDbBackend({ durability })).toThrow(/"durability"/)
    await expect(open().store({ task_id: '' } as ResultRecord)).rejects.toThrow(/task_id/)
  })
})
