import { wrap } from 'comlink'
import { deleteDB, openDB } from 'idb'
import { afterEach, expect, test } from 'vitest'
import type { EchoApi } from './fixtures/echo-worker.ts'

const cleanups: Array<() => unknown> = []
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup()
})

test('IndexedDB in Chromium stores a value and reads it back', async () => {
  const name = `smoke-${crypto.randomUUID()}`
  const db = await openDB(name, 1, { upgrade: (db) => db.createObjectStore('kv') })
  cleanups.push(() => {
    db.close() // an open connection would block the delete
    return deleteDB(name)
  })
  const value = { at: Date.now(), bytes: new Uint8Array([1, 2, 3]) }

  await db.put('kv', value, 'key')

  expect(indexedDB).toBeInstanceOf(IDBFactory)
  expect(await db.get('kv', 'key')).toEqual(value)
})

test('a module Web Worker answers through comlink', async () => {
  const worker = new Worker(new URL('./fixtures/echo-worker.ts', import.meta.url), {
    type: 'module',
  })
  cleanups.push(() => worker.terminate())
  const remote = wrap<EchoApi>(worker)
  const value = { id: crypto.randomUUID(), when: new Date(0) }

  const reply = await remote.echo(value)

  expect(reply).toEqual({ value, hasDocument: false })
  expect(typeof document).toBe('object') // so `hasDocument: false` above means "not this page"
})
