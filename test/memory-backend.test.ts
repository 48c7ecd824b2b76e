import { afterEach, describe, expect, it, vi } from 'vitest'
import { BackendClosedError, MemoryBackend } from '../src/index.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { backendContract } from './contracts/backend-contract.ts'

backendContract('MemoryBackend', () => new MemoryBackend())

function done(id: string, result: unknown = 1): ResultRecord {
  return { task_id: id, status: 'SUCCESS', result, traceback: null, children: [], date_done: null }
}

describe('MemoryBackend', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('keeps the stored object by reference and notifies synchronously', async () => {
    const backend = new MemoryBackend()
    const stored = done('a', { big: new Array(10).fill(0) })
    const heard: ResultRecord[] = []
    backend.watch('a', (record) => heard.push(record))
    const pending = backend.store(stored)
    expect(heard).toEqual([stored])
    await pending
    expect(await backend.get('a')).toBe(stored)
  })

  it('reads records as null once resultExpires has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(1_000_000)
    const backend = new MemoryBackend({ resultExpires: 1000 })
    await backend.store(done('a'))
    vi.setSystemTime(1_000_999)
    expect(await backend.get('a')).not.toBeNull()
    vi.setSystemTime(1_001_000)
    expect(await backend.get('a')).toBeNull()
  })

  it('lets an expired SUCCESS be stored again', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    vi.setSystemTime(0)
    const backend = new MemoryBackend({ resultExpires: 10 })
    await backend.store(done('a', 'old'))
    vi.setSystemTime(10)
    await backend.store(done('a', 'new'))
    expect((await backend.get('a'))?.result).toBe('new')
  })

  it('sweeps expired records as new ones come in, so memory stays flat', async () => {
    vi.useFakeTimers({ toFake: ['Date'] })
    const backend = new MemoryBackend({ resultExpires: 100 })
    for (let i = 0; i < 10_000; i++) {
      vi.setSystemTime(i)
      await backend.store(done(`t${i}`))
    }
    expect(backend.size).toBeLessThanOrEqual(100 + 64)
    const forever = new MemoryBackend({ resultExpires: null })
    for (let i = 0; i < 1000; i++) await forever.store(done(`t${i}`))
    vi.setSystemTime(10 ** 12)
    expect(await forever.get('t0')).not.toBeNull()
    expect(forever.size).toBe(1000)
  })

  it('refuses a bad resultExpires and bad chord parts with a TypeError that names them', async () => {
    expect(() => new MemoryBackend({ resultExpires: -1 })).toThrow(/"resultExpires"/)
    const backend = new MemoryBackend()
    const part = { id: 'm', index: 3, status: 'SUCCESS', result: 1 }
    await expect(backend.addChordPart('g', 2, part)).rejects.toThrow(/"part\.index"/)
    await expect(backend.addChordPart('g', 0, part)).rejects.toThrow(/"size"/)
  })

  it('rejects with BackendClosedError and refuses new watchers after close', async () => {
    const backend = new MemoryBackend()
    await backend.close()
    await expect(backend.get('a')).rejects.toBeInstanceOf(BackendClosedError)
    expect(() => backend.watch('a', () => {})).toThrow(BackendClosedError)
  })
})
