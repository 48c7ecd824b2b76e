/** A piece of source text and how to colour it. */
export interface Token {
  text: string
  kind: 'comment' | 'string' | 'number' | 'keyword' | 'call' | 'plain'
}

const KEYWORDS = new Set([
  'import',
  'from',
  'export',
  'function',
  'const',
  'let',
  'return',
  'await',
  'async',
  'type',
  'new',
  'if',
  'else',
  'throw',
  'true',
  'false',
  'null',
  'class',
  'extends',
  'override',
])

// Order matters: comments and strings first, so their contents are not split further.
const TOKEN =
  /(\/\/[^\n]*|\/\*[\s\S]*?\*\/)|('(?:\\.|[^'\\])*'|`(?:\\.|[^`\\])*`|"(?:\\.|[^"\\])*")|(\b\d[\d_.]*\b)|([A-Za-z_$][\w$]*)(?=\s*\()|([A-Za-z_$][\w$]*)/g

/** Split TypeScript source into coloured tokens: enough for the demo's short files. */
export function highlight(source: string): Token[] {
  const tokens: Token[] = []
  let last = 0
  for (const match of source.matchAll(TOKEN)) {
    const index = match.index ?? 0
    if (index > last) tokens.push({ text: source.slice(last, index), kind: 'plain' })
    tokens.push({ text: match[0], kind: kindOf(match) })
    last = index + match[0].length
  }
  if (last < source.length) tokens.push({ text: source.slice(last), kind: 'plain' })
  return tokens
}

function kindOf(match: RegExpMatchArray): Token['kind'] {
  if (match[1]) return 'comment'
  if (match[2]) return 'string'
  if (match[3]) return 'number'
  const word = match[4] ?? match[5] ?? ''
  if (KEYWORDS.has(word)) return 'keyword'
  return match[4] ? 'call' : 'plain'
}
