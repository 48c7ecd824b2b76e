/**
 * Serves bench/browser/pool-bench.html with Vite and runs it in headless
 * Chromium (Debian's, see e2e/chromium.ts); prints tasks/s and µs/task per
 * pool with ratios to workerpool and to raw postMessage (the floor).
 *   npx tsx bench/browser/run-pool.ts [--quick] [--isolated]
 * --isolated serves the page cross-origin isolated (COOP/COEP), where
 * SharedArrayBuffer exists and WebWorkerPool shares a start cursor with its workers.
 */
import { chromium } from 'playwright-core'
import { createServer } from 'vite'
import { chromiumLaunchOptions } from '../../e2e/chromium.ts'
import type { PoolFigures } from './pool.bench.ts'

const quick = process.argv.includes('--quick')
const isolated = process.argv.includes('--isolated')
const query = quick ? '?all=5000&each=1000&rounds=1' : ''

interface Report {
  userAgent: string
  allAtOnce: number
  oneAtATime: number
  rounds: number
  workers: number
  isolated: boolean
  rows: PoolFigures[]
  error?: string
}

const server = await createServer({
  configFile: false,
  root: new URL('../..', import.meta.url).pathname,
  logLevel: 'warn',
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 0,
    headers: isolated
      ? {
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        }
      : {},
  },
  optimizeDeps: { include: ['comlink', 'idb', 'workerpool'] },
})
await server.listen()
const browser = await chromium.launch(chromiumLaunchOptions())
try {
  const page = await browser.newPage()
  page.on('pageerror', (error) => console.error('page error:', error))
  await page.goto(`${server.resolvedUrls!.local[0]}bench/browser/pool-bench.html${query}`)
  await page.waitForFunction(() => (window as { benchResults?: unknown }).benchResults, null, {
    timeout: 900_000,
  })
  const report = (await page.evaluate(
    () => (window as { benchResults?: unknown }).benchResults,
  )) as Report
  if (report.error) throw new Error(report.error)
  print(report)
} finally {
  await browser.close()
  await server.close()
}

function print(report: Report): void {
  const { rows, workers, allAtOnce, oneAtATime, rounds } = report
  const floor = rows.find((row) => row.name.startsWith('raw'))!
  const peer = rows.find((row) => row.name.startsWith('workerpool'))!
  console.log(`${report.userAgent}${report.isolated ? ', cross-origin isolated' : ''}`)
  console.log(
    `${workers} Web Workers, add(x, 1); ${allAtOnce} tasks at once, ${oneAtATime} one at a time; median of ${rounds}\n`,
  )
  console.log(
    '| contender | tasks/s | × workerpool | × floor | µs/task | × workerpool | × floor |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
  )
  for (const row of rows) {
    const cells = [
      row.name,
      Math.round(row.perSecond).toLocaleString('en'),
      (row.perSecond / peer.perSecond).toFixed(2),
      (row.perSecond / floor.perSecond).toFixed(2),
      row.micros.toFixed(1),
      (row.micros / peer.micros).toFixed(2),
      (row.micros / floor.micros).toFixed(2),
    ]
    console.log(`| ${cells.join(' | ')} |`)
  }
  console.log('\nEach round (tasks/s; µs/task):')
  for (const row of rows) {
    const perSecond = row.perSecondRuns.map((n) => Math.round(n)).join(', ')
    const micros = row.microsRuns.map((n) => n.toFixed(1)).join(', ')
    console.log(`  ${row.name}: ${perSecond}; ${micros}`)
  }
}
