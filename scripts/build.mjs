// `npm run build`: compile src/, web/ and node/ with tsc, then copy the files tsc
// does not (the worker-thread bootstrap is plain .mjs so that it loads without tsx).
import { execFileSync } from 'node:child_process'
import { copyFileSync, readdirSync } from 'node:fs'

execFileSync('npx', ['tsc', '-p', 'tsconfig.build.json'], { stdio: 'inherit' })
for (const file of readdirSync('node').filter((name) => name.endsWith('.mjs'))) {
  copyFileSync(`node/${file}`, `dist/node/${file}`)
}
