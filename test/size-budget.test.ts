import { describe, expect, it } from 'vitest'
import { LIMIT, measureAreas, measureBundle, verdict } from '../scripts/size-budget.mjs'

describe('size budget (scripts/size-budget.mjs)', () => {
  it(`celeriac + celeriac/web bundle, minify and gzip to at most ${LIMIT / 1000} kB`, async () => {
    const figures = await measureBundle()
    const over = figures.gzipped > LIMIT
    expect(over, verdict(figures, over ? await measureAreas() : [])).toBe(false)
  }, 60_000)

  it('pull in nothing but comlink and idb (no node:* module, no other package)', async () => {
    const { imports } = await measureBundle()
    expect(imports).toEqual(['comlink', 'idb'])
  }, 60_000)
})
