import { describe, expect, it } from 'vitest'
import { BUDGETS, measureBundle, PUBLIC_SURFACE, verdict } from '../scripts/size-budget.mjs'

describe('size budget (scripts/size-budget.mjs)', () => {
  for (const budget of BUDGETS) {
    it(`${budget.bundle}: bundles, minifies and gzips to at most ${budget.limit / 1000} kB`, async () => {
      const figures = await measureBundle(budget.source)
      expect(figures.gzipped > budget.limit, verdict(budget, figures)).toBe(false)
    }, 60_000)
  }

  it('pulls in nothing but comlink and idb (no node:* module, no other package)', async () => {
    const { imports } = await measureBundle(PUBLIC_SURFACE)
    expect(imports).toEqual(['comlink', 'idb'])
  }, 60_000)
})
