#!/usr/bin/env node
// The `celeriac` command. A built package runs dist/node/cli.js; a source checkout
// loads node/cli.ts through tsx (a dev dependency), as Node 20 cannot run .ts itself.
import { existsSync } from 'node:fs'

const compiled = new URL('../dist/node/cli.js', import.meta.url)
let cli
if (existsSync(compiled)) {
  cli = await import(compiled.href)
} else {
  const { register } = await import('tsx/esm/api')
  register()
  cli = await import(new URL('../node/cli.ts', import.meta.url).href)
}
process.exitCode = await cli.main(process.argv.slice(2))
