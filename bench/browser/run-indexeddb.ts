/**
 * Serves bench/browser/indexeddb-bench.html with Vite and runs it in headless
 * Chromium (Debian's, see e2e/chromium.ts); prints records/s per case.
 *   npx tsx bench/browser/run-indexeddb.ts [N=5000] [runs=3]
 */
import { chromium } from 'playwright-core'
import { createServer } from 'vite'
import { chromiumLaunchOptions } from '../../e2e/chromium.ts'

const n = Number(process.argv[2] ?? 5_000)
const runs = Number(process.argv[3] ?? 3)

interface Report {
  n: number
  runs: number
  userAgent: string
  results: { name: string; rates: number[]; median: number }[]
  error?: string
}

const server = await createServer({
  configFile: false,
  root: new URL('../..', import.meta.url).pathname,
  logLevel: 'warn',
  server: { host: '127.0.0.1', port: 0 },
  optimizeDeps: { include: ['idb'] },
})
await server.listen()
const browser = await chromium.launch(chromiumLaunchOptions())
try {
  const page = await browser.newPage()
  const base = server.resolvedUrls!.local[0]
  await page.goto(`${base}bench/browser/indexeddb-bench.html?n=${n}&runs=${runs}`)
  await page.waitForFunction(() => (window as { benchResults?: unknown }).benchResults, null, {
    timeout: 600_000,
  })
  const report = (await page.evaluate(
    () => (window as { benchResults?: unknown }).benchResults,
  )) as Report
  if (report.error) throw new Error(report.error)
  console.log(`${report.userAgent}\n${report.n} records per run, ${report.runs} runs\n`)
  console.log('| case | records/s (median) | runs |\n| --- | ---: | --- |')
  for (const { name, median, rates } of report.results) {
    console.log(
      `| ${name.replace('N', String(report.n))} | ${median.toLocaleString('en')} | ${rates.join(', ')} |`,
    )
  }
} finally {
  await browser.close()
  await server.close()
}
