import { readFileSync } from 'node:fs'
import { afterEach, describe, expect, it, vi } from 'vitest'

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8')
const quickStart = readFileSync(new URL('../examples/quick-start.ts', import.meta.url), 'utf8')

const FENCE = '```'

/** The first fenced block of `lang` after `heading`. */
function blockAfter(heading: string, lang: string): string {
  const section = readme.slice(readme.indexOf(heading))
  const match = section.match(new RegExp(`${FENCE}${lang}\\n([\\s\\S]*?)${FENCE}`))
  if (!match) throw new Error(`README has no \`\`\`${lang} block after "${heading}"`)
  return match[1]!
}

describe('README quick start', () => {
  afterEach(() => vi.restoreAllMocks())

  it('shows the code of examples/quick-start.ts, exactly', () => {
    expect(blockAfter('## Quick start', 'ts')).toBe(quickStart)
  })

  it('prints what the README says it prints', async () => {
    const lines: string[] = []
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => {
      lines.push(args.map(String).join(' '))
    })
    await import('../examples/quick-start.ts')
    expect(`${lines.join('\n')}\n`).toBe(blockAfter('It prints:', 'text'))
  })
})
