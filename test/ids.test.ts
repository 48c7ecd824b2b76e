import { describe, expect, it } from 'vitest'
import { newTaskId } from '../src/ids.ts'

describe('task ids', () => {
  it('are version 4 UUIDs, all different', () => {
    const ids = Array.from({ length: 10_000 }, newTaskId)
    for (const id of ids.slice(0, 300)) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
    }
    expect(new Set(ids).size).toBe(ids.length)
  })
})
