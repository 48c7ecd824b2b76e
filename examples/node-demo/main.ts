/**
 * `npm run demo:node`: the scenarios of celeriac, in worker threads, with results
 * in a file store you can inspect afterwards with the `celeriac` CLI.
 */
import { type AsyncResult, GroupResult } from 'celeriac'
import { FileBackend, ThreadPool } from 'celeriac/node'
import { TreePrinter } from './render.ts'
import { scenarios } from './scenarios.ts'
import { app } from './tasks.ts'

const store = process.env.CELERIAC_STORE ?? '.celeriac'
app.configure({
  pool: new ThreadPool({ worker: new URL('./worker.ts', import.meta.url), size: 2 }),
  backend: new FileBackend({ path: store }),
})

const printer = new TreePrinter()
app.on('*', (event) => printer.handle(event))

const roots: { title: string; id: string }[] = []
for (const scenario of scenarios) {
  console.log(`\n${scenario.title}`)
  printer.reset()
  const handle = scenario.run()
  roots.push({ title: scenario.title, id: handle.id })
  await settled(handle)
}
await app.close()

console.log(`\nResults are in ${store}/. Look them up with the CLI:`)
for (const { title, id } of roots)
  console.log(`  npm run celeriac -- result ${id} --store ${store}   # ${title}`)
console.log(`  npm run celeriac -- inspect --store ${store}`)

/** Wait for a task, the steps before it, and everything they sent: callbacks, errbacks. */
async function settled(result: AsyncResult | GroupResult, seen = new Set<string>()): Promise<void> {
  if (seen.has(result.id)) return
  seen.add(result.id)
  await result.get({ propagate: false })
  if (result.parent) await settled(result.parent, seen)
  const members = result instanceof GroupResult ? result.results : [result]
  for (const member of members) {
    await member.refresh()
    for (const child of member.children) await settled(child, seen)
  }
}
