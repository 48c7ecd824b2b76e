// The size budget of what a browser app ships, bundled and minified by Vite as an
// app would (comlink and idb left out: dependencies the app shares with others),
// then gzipped. Three bundles are measured: the page of the README's browser
// wiring, its worker module, and everything public from `celeriac` and
// `celeriac/web` at once. Exits 1 when one is over its limit, saying what takes
// the room.
//   node scripts/size-budget.mjs [--modules]
import { builtinModules } from 'node:module'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { build } from 'vite'

/** The README's page: tasks defined, a WebWorkerPool and an IndexedDbBackend configured, canvas used. */
export const PAGE = `import { AsyncResult, chain, chord, createApp, group } from '/src/index.ts'
import { IndexedDbBackend, WebWorkerPool } from '/web/index.ts'
const workerUrl = '/worker.js' // the worker is its own bundle, measured below
export const app = createApp()
export const add = app.task('add', (a, b) => a + b)
app.configure({
  pool: new WebWorkerPool({ worker: () => new Worker(workerUrl, { type: 'module' }) }),
  backend: new IndexedDbBackend({ name: 'celeriac' }),
})
export { AsyncResult, chain, chord, group }
`

/** The README's worker module: the same tasks, served. */
export const WORKER = `import { createApp } from '/src/index.ts'
import { serve } from '/web/index.ts'
const app = createApp()
app.task('add', (a, b) => a + b)
serve(app)
`

/** Everything public, as a user's bundler sees the two entry points. */
export const PUBLIC_SURFACE = `export * from '/src/index.ts'\nexport * from '/web/index.ts'\n`

/**
 * Each bundle's limit in gzipped bytes. The goal for what a page ships is 15 kB
 * (workerpool alone is ~9 kB); limits above it are ceilings that stop growth while
 * the goal is pursued: lower them as the bundles shrink.
 */
export const BUDGETS = [
  { bundle: 'page', source: PAGE, limit: 17_700 },
  { bundle: 'worker', source: WORKER, limit: 12_700 },
  { bundle: 'everything public', source: PUBLIC_SURFACE, limit: 19_300 },
]
/** Where the page's limit should get to. */
export const GOAL = 15_000

const ENTRY = 'virtual:celeriac-size-entry'
const RESOLVED = `\0${ENTRY}`
const root = fileURLToPath(new URL('..', import.meta.url))

/**
 * Bundle `source` (an entry module's text),
 * minified, and measure it; `modules` lists what went in, biggest first, and
 * `imports` what stayed outside (only comlink and idb belong there).
 * @param {string} [source]
 * @returns {Promise<{ bytes: number, gzipped: number, modules: { id: string, bytes: number }[], imports: string[] }>}
 */
export async function measureBundle(source) {
  const output = await build({
    configFile: false,
    root,
    logLevel: 'silent',
    plugins: [entryPlugin(source)],
    build: {
      write: false,
      minify: true,
      target: 'es2022',
      modulePreload: false,
      // An app build (not library mode, which keeps whitespace in ES output), keeping the exports.
      rolldownOptions: {
        input: ENTRY,
        preserveEntrySignatures: 'strict',
        // node:* and Node's builtins stay outside too, so the import list shows any that crept in.
        external: ['comlink', 'idb', /^node:/, ...builtinModules],
      },
    },
  })
  const chunks = [output]
    .flat()
    .flatMap((result) => result.output)
    .filter((file) => file.type === 'chunk')
  const code = chunks.map((chunk) => chunk.code).join('\n')
  const modules = chunks
    .flatMap((chunk) => Object.entries(chunk.modules))
    .map(([id, info]) => ({ id: id.replace(root, ''), bytes: info.renderedLength }))
    .filter((module) => module.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes)
  const imports = [...new Set(chunks.flatMap((chunk) => chunk.imports))].sort()
  const gzipped = gzipSync(code, { level: 9 }).length
  return { bytes: Buffer.byteLength(code), gzipped, modules, imports }
}

/** A virtual entry module with the given text. */
function entryPlugin(source) {
  return {
    name: 'celeriac-size-entry',
    enforce: 'pre',
    resolveId: (id) => (id.endsWith(ENTRY) ? RESOLVED : undefined),
    load: (id) => (id === RESOLVED ? source : undefined),
  }
}

const kB = (bytes) => `${(bytes / 1000).toFixed(1)} kB`

/**
 * One line per bundle, for humans: its figure against its limit; with `modules`
 * (or when over), the biggest modules under it.
 * @param {{ bundle: string, limit: number }} budget
 * @param {{ bytes: number, gzipped: number, modules: { id: string, bytes: number }[] }} figures
 * @param {boolean} [modules]
 */
export function verdict({ bundle, limit }, { bytes, gzipped, modules: parts }, modules = false) {
  const over = gzipped > limit
  const status = over ? `OVER by ${kB(gzipped - limit)}` : 'OK'
  const head = `${bundle}: ${kB(gzipped)} gzipped (${kB(bytes)} minified); limit ${kB(limit)}: ${status}`
  if (!over && !modules) return head
  const biggest = parts.slice(0, modules ? 100 : 10)
  return [head, ...biggest.map(({ id, bytes }) => `  ${kB(bytes).padStart(7)}  ${id}`)].join('\n')
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const listModules = process.argv.includes('--modules')
  let over = false
  for (const budget of BUDGETS) {
    const figures = await measureBundle(budget.source)
    over ||= figures.gzipped > budget.limit
    console.log(verdict(budget, figures, listModules))
  }
  console.log(`The goal for the page is ${kB(GOAL)}.`)
  if (over) process.exit(1)
}
