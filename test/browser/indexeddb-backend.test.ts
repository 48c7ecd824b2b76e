import { afterEach, describe, expect, it } from 'vitest'
import { cdp } from 'vitest/browser'
import type { ResultRecord } from '../../src/protocol.ts'
import { IndexedDbBackend, IndexedDbBlockedError, IndexedDbVersionError } from '../../web/index.ts'
import { backendContract } from '../contracts/backend-contract.ts'

const fresh = () => `celeriac-test-${crypto.randomUUID()}`

backendContract('IndexedDbBackend (Chromium)', () => new IndexedDbBackend({ name: fresh() }), {
  sibling: (backend) => new IndexedDbBackend({ name: (backend as IndexedDbBackend).name }),
})

function done(id: string, result: unknown = 1): ResultRecord {
  const date = new Date().toISOString()
  return { task_id: id, status: 'SUCCESS', result, traceback: null, children: [], date_done: date }
}

function nextRecord(backend: IndexedDbBackend, id: string): Promise<ResultRecord> {
  return new Promise((resolve) => {
    const stop = backend.watch(id, (record) => {
      stop()
      resolve(record)
    })
  })
}

function settle<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result)
    request.onerror = () => reject(request.error)
  })
}

/** A raw connection that, like a careless library in another tab, never closes for upgrades. */
function holdOpen(name: string): Promise<IDBDatabase> {
  return settle(indexedDB.open(name))
}

const cleanups: Array<() => unknown> = []

/** The mode of each transaction opened from now to the end of the test. */
function countTransactions(): IDBTransactionMode[] {
  const transactions: IDBTransactionMode[] = []
  const original = IDBDatabase.prototype.transaction
  IDBDatabase.prototype.transaction = function (this: IDBDatabase, ...args) {
    transactions.push(args[1] ?? 'readonly')
    return original.apply(this, args)
  } as typeof original
  cleanups.push(() => {
    IDBDatabase.prototype.transaction = original
  })
  return transactions
}
const opened: IndexedDbBackend[] = []
function open(name = fresh()): IndexedDbBackend {
  const backend = new IndexedDbBackend({ name })
  opened.push(backend)
  return backend
}

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup()
  await Promise.all(opened.splice(0).map((backend) => backend.close()))
})

describe('IndexedDbBackend in Chromium', () => {
  it('keeps records across closing and reopening (as across a reload)', async () => {
    const first = open()
    const stored = done('kept', new Map([['at', new Date(5)]]))
    await first.store(stored)
    await first.close()
    const second = open(first.name)
    expect(await second.get('kept')).toStrictEqual(stored)
  })

  it('a second instance over the same database reads the record and hears it', async () => {
    const writer = open()
    const reader = open(writer.name)
    const heard = nextRecord(reader, 'shared')
    const stored = done('shared', { n: 1n })
    await writer.store(stored)
    expect(await heard).toStrictEqual(stored)
    expect(await reader.get('shared')).toStrictEqual(stored)
  })

  it('hears a record stored by another tab (a popup window of this origin)', async () => {
    const backend = open()
    const id = `from-tab-${crypto.randomUUID()}`
    const heard = nextRecord(backend, id)
    const reply = new Promise<{ type: string; error?: string }>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.data?.id !== id) return
        window.removeEventListener('message', onMessage)
        resolve(event.data)
      }
      window.addEventListener('message', onMessage)
    })
    const url = `/test/browser/fixtures/idb-tab.html?db=${backend.name}&id=${id}`
    const tab = window.open(url, '_blank')
    expect(tab, 'window.open was refused').not.toBeNull()
    cleanups.push(() => tab?.close())
    expect(await reply).toEqual({ type: 'idb-tab-stored', id })
    const record = await heard
    expect(record.result).toStrictEqual({ from: 'second tab', at: new Date(0), big: 2n ** 64n })
    expect(await backend.get(id)).toStrictEqual(record)
  })

  it('commits 500 stores made in one tick in one transaction', async () => {
    const backend = open()
    await backend.get('warm-up') // opened: the open's own upgrade transaction is not counted
    const transactions = countTransactions()
    const records = Array.from({ length: 500 }, (_, i) => done(`t${i}`, i))
    await Promise.all(records.map((record) => backend.store(record)))
    expect(transactions).toEqual(['readwrite'])
    expect((await backend.get('t499'))?.result).toBe(499)
  })

  it('reads 500 gets made in one tick in one transaction, each its own record', async () => {
    const backend = open()
    await Promise.all([backend.store(done('a', 'A')), backend.store(done('b', 'B'))])
    const transactions = countTransactions()
    const ids = Array.from({ length: 500 }, (_, i) => ['a', 'b', `unknown-${i}`][i % 3])
    const records = await Promise.all(ids.map((id) => backend.get(id)))
    expect(transactions).toEqual(['readonly'])
    expect(records.map((record) => record?.result ?? null)).toEqual(
      ids.map((id) => ({ a: 'A', b: 'B' })[id] ?? null),
    )
    expect(records[0]).not.toBe(records[3]) // one id read twice: two objects, not one shared
  })

  it('rejects a store whose upgrade another tab blocks, with a clear error; data kept', async () => {
    const name = fresh()
    const first = open(name)
    const kept = done('kept')
    await first.store(kept)
    await first.close()
    const holder = await holdOpen(name)
    cleanups.push(() => holder.close())
    // Play a newer celeriac whose schema version is one up.
    const realOpen = indexedDB.open
    indexedDB.open = (db: string, version?: number) =>
      realOpen.call(indexedDB, db, db === name && version ? version + 1 : version)
    cleanups.push(() => {
      indexedDB.open = realOpen
    })
    const error = await open(name)
      .store(done('new'))
      .catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IndexedDbBlockedError)
    expect(error).toMatchObject({ name: 'IndexedDbBlockedError', code: 'ERR_INDEXEDDB_BLOCKED' })
    expect((error as Error).message).toMatch(/version 1 to 2.*Close or reload the other tabs/s)
    expect((error as Error).cause).toBeInstanceOf(IDBVersionChangeEvent)
    expect(((error as Error).cause as Event).type).toBe('blocked')
    indexedDB.open = realOpen
    holder.close() // the abandoned upgrade now runs, and aborts itself
    expect(await open(name).get('kept')).toStrictEqual(kept)
    const databases = await indexedDB.databases()
    expect(databases.find((db) => db.name === name)?.version).toBe(1)
  })

  it('closes for another tab`s upgrade; then names the VersionError (DOMException cause)', async () => {
    const backend = open()
    await backend.store(done('kept'))
    const newer = await settle(indexedDB.open(backend.name, 2)) // not blocked: the backend closes
    cleanups.push(() => newer.close())
    const error = await backend.store(done('late')).catch((thrown: unknown) => thrown)
    expect(error).toBeInstanceOf(IndexedDbVersionError)
    expect((error as Error).message).toMatch(/upgraded by a newer celeriac.*Reload this tab/)
    expect((error as Error).cause).toBeInstanceOf(DOMException)
    expect(((error as Error).cause as DOMException).name).toBe('VersionError')
    expect(await settle(newer.transaction('results').objectStore('results').count())).toBe(1)
  })

  it('a batch over quota rejects exactly its own writes, QuotaExceededError as cause', async () => {
    // A fresh origin (see fixtures/idb-quota.ts): same server, host name `localhost`.
    const origin = `${location.protocol}//localhost:${location.port}`
    const session = cdp()
    await session.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 2 ** 20 })
    cleanups.push(() => session.send('Storage.overrideQuotaForOrigin', { origin }))
    const report = new Promise<any>((resolve) => {
      const onMessage = (event: MessageEvent) => {
        if (event.origin !== origin || event.data?.type !== 'idb-quota') return
        window.removeEventListener('message', onMessage)
        resolve(event.data)
      }
      window.addEventListener('message', onMessage)
    })
    const tab = window.open(`${origin}/test/browser/fixtures/idb-quota.html?db=${fresh()}`)
    expect(tab, 'window.open was refused').not.toBeNull()
    cleanups.push(() => tab?.close())
    const { report: seen, failed } = await report
    expect(failed).toBeUndefined()
    expect(seen.outcomes.slice(0, 2).map((outcome: { status: string }) => outcome.status)).toEqual([
      'rejected',
      'rejected',
    ])
    // A write in a later batch is not part of the failed one; whether Chromium already
    // has room for it again depends on its quota cache, so it may still be refused, but
    // only for the quota.
    const next = seen.outcomes[2]
    if (next.status === 'rejected') expect(next).toMatchObject({ name: 'IndexedDbQuotaError' })
    expect(seen.sameError).toBe(true)
    expect(seen.readBeside).toEqual({ status: 'fulfilled', id: 'before' })
    expect(seen.outcomes[1]).toMatchObject({
      name: 'IndexedDbQuotaError',
      code: 'ERR_INDEXEDDB_QUOTA',
      cause: { isDOMException: true, name: 'QuotaExceededError' },
    })
    expect(seen.outcomes[1].message).toMatch(
      /quota of this origin is full.*Nothing stored earlier/s,
    )
    expect(seen.stored).toEqual({
      before: true,
      small: false,
      big: false,
      next: next.status === 'fulfilled',
    })
  })
})
