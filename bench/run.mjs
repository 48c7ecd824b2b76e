// `npm run bench [-- --quick]`: every comparison, each in one process (its
// contenders measured side by side in the same run, so the ratios hold on a noisy
// machine), printed as it goes and written to bench/RESULTS.md with the machine.
// `--smoke` runs each one at tiny sizes and writes nothing (the test suite's check
// that the benchmarks still run).
import { execFileSync, spawnSync } from 'node:child_process'
import { writeFileSync } from 'node:fs'
import { availableParallelism, cpus, totalmem } from 'node:os'

const quick = process.argv.includes('--quick')
const smoke = process.argv.includes('--smoke')
const tsx = ['--import', 'tsx']

/** Each comparison: a title, and how to run it at full, quick and smoke sizes. */
const COMPARISONS = [
  {
    title: 'Node: worker pools, 2 threads, trivial add',
    command: (size) => [
      'node',
      [...tsx, 'bench/node-pool.bench.ts', ...(size === 'full' ? [] : ['--quick'])],
    ],
  },
  {
    title: 'Node: link latency, a chain of 1,000 steps, a 64 MB buffer moved against copied',
    command: (size) => [
      'node',
      [...tsx, 'bench/node-extras.bench.ts', ...(size === 'full' ? [] : [`--${size}`])],
    ],
  },
  {
    title: 'Node: FileBackend results/s against one JSON file per result',
    command: (size) => [
      'node',
      [
        ...tsx,
        'bench/file-backend.bench.ts',
        { full: '50000', quick: '20000', smoke: '500' }[size],
      ],
    ],
  },
  {
    title: 'Node: memory after 10,000 and 100,000 tasks whose results are forgotten',
    command: (size) => [
      'node',
      ['--expose-gc', ...tsx, 'bench/memory.bench.ts', ...(size === 'smoke' ? ['--smoke'] : [])],
    ],
  },
  {
    title: 'Browser (headless Chromium): worker pools, 2 Web Workers, trivial add',
    command: (size) => [
      'node',
      [...tsx, 'bench/browser/run-pool.ts', ...(size === 'full' ? [] : ['--quick'])],
    ],
  },
  {
    title: 'Browser (headless Chromium): IndexedDbBackend batched against a transaction per result',
    command: (size) => [
      'node',
      [
        ...tsx,
        'bench/browser/run-indexeddb.ts',
        ...{ full: ['5000', '5'], quick: ['2000', '3'], smoke: ['200', '1'] }[size],
      ],
    ],
  },
]

const size = smoke ? 'smoke' : quick ? 'quick' : 'full'
// The benchmarks measure celeriac as users run it: the compiled package. (The smoke
// run uses the build `npm ci` made, as other tests read it at the same time.)
if (!smoke) execFileSync('node', ['scripts/build.mjs'], { stdio: 'inherit' })
const sections = []
let failed = 0
for (const comparison of COMPARISONS) {
  const [command, args] = comparison.command(size)
  console.log(`\n## ${comparison.title}\n$ ${command} ${args.join(' ')}`)
  const started = Date.now()
  const run = spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] })
  process.stdout.write(run.stdout)
  if (run.status !== 0) failed++
  sections.push({
    ...comparison,
    args,
    output: run.stdout.trimEnd(),
    status: run.status,
    seconds: (Date.now() - started) / 1000,
  })
}

if (!smoke) {
  writeFileSync(new URL('./RESULTS.md', import.meta.url), report(sections))
  console.log('\nWritten to bench/RESULTS.md')
}
process.exitCode = failed ? 1 : 0

function report(results) {
  const lines = [
    '# Benchmark results',
    '',
    `Written by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC.`,
    '',
    machine(),
    '',
    'Absolute figures move with the machine and its load; the ratios, measured in one run, are what to compare.',
  ]
  for (const result of results) {
    lines.push(
      '',
      `## ${result.title}`,
      '',
      `\`node ${result.args.join(' ')}\`${result.status ? ` — exited ${result.status}` : ''}`,
      '',
      '```text',
      result.output,
      '```',
    )
  }
  return `${lines.join('\n')}\n`
}

function machine() {
  const chromium = (() => {
    try {
      return execFileSync(process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', ['--version'], {
        encoding: 'utf8',
      }).trim()
    } catch {
      return 'not found'
    }
  })()
  return [
    `- CPU: ${availableParallelism()} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB`,
    `- Node ${process.version}`,
    `- ${chromium}`,
  ].join('\n')
}
