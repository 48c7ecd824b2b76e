import { describe, expect, it } from 'vitest'
import { createApp, MemoryBackend } from '../src/index.ts'

describe('App', () => {
  it('apps without configure() share nothing', async () => {
    const a = createApp()
    const b = createApp()
    const addA = a.task('add', (x: number, y: number) => x + y)
    b.task('add', (x: number, y: number) => x + y)
    const r = addA.delay(1, 2)
    expect(await r.get()).toBe(3)
    expect((await b.result(r.id).refresh()).state).toBe('PENDING')
    await Promise.all([a.close(), b.close()])
  })

  it('apps handed the same backend read each other’s results', async () => {
    const backend = new MemoryBackend()
    const producer = createApp({ backend })
    const reader = createApp({ backend })
    const add = producer.task('add', (x: number, y: number) => x + y)
    const r = add.delay(2, 2)
    expect(await reader.result(r.id).get()).toBe(4)
    await producer.close()
  })

  it('configure() after the first send is refused', async () => {
    const app = createApp()
    const add = app.task('add', (x: number, y: number) => x + y)
    await add.delay(1, 1).get()
    expect(() => app.configure({ backend: new MemoryBackend() })).toThrow(
      /before the first task is sent/,
    )
    await app.close()
  })

  it('close() settles every pending get()', async () => {
    const app = createApp()
    const never = app.task('never', () => new Promise(() => {}))
    const later = app.task('later', () => 1)
    const running = never.delay().get()
    const waiting = later.applyAsync([], { countdown: 60_000 }).get()
    const unknown = app.result('nobody').get()
    await app.close()
    await expect(running).rejects.toMatchObject({ name: 'WorkerLostError' })
    await expect(waiting).rejects.toMatchObject({ code: 'ERR_APP_CLOSED' })
    await expect(unknown).rejects.toMatchObject({ code: 'ERR_APP_CLOSED' })
  })

  it('nothing starts before it is needed: creating an app and tasks touches no backend', async () => {
    let opened = false
    const backend = new MemoryBackend()
    const original = backend.get.bind(backend)
    backend.get = (id) => {
      opened = true
      return original(id)
    }
    const app = createApp({ backend })
    app.task('add', (x: number, y: number) => x + y)
    expect(opened).toBe(false)
    await app.result('x').refresh()
    expect(opened).toBe(true)
    await app.close()
  })
})

describe('App after close()', () => {
  it('refuses to send or read with a clear error', async () => {
    const app = createApp()
    const add = app.task('add', (x: number, y: number) => x + y)
    await add.delay(1, 1).get()
    await app.close()
    expect(() => add.delay(1, 1)).toThrow(/The app 'celeriac' is closed: create a new one/)
    await expect(app.result('x').get()).rejects.toMatchObject({ code: 'ERR_APP_CLOSED' })
  })
})
