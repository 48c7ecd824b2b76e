import { fileURLToPath } from 'node:url'
import type { Alias } from 'vite'

const source = (path: string) => fileURLToPath(new URL(path, import.meta.url))

/**
 * `celeriac`, `celeriac/web` and `celeriac/node` resolved to their TypeScript
 * sources, so the demo and the tests run without a build (package.json's
 * `exports` point at `dist/`). Exact matches only: `celeriac-foo` is another package.
 */
export const selfImports: Alias[] = [
  { find: /^celeriac$/, replacement: source('./src/index.ts') },
  { find: /^celeriac\/web$/, replacement: source('./web/index.ts') },
  { find: /^celeriac\/node$/, replacement: source('./node/index.ts') },
]
