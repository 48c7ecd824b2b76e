import { execFile } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const run = promisify(execFile)
const root = new URL('..', import.meta.url).pathname

describe('npm run demo:node', () => {
  let store: string
  let output: string

  beforeAll(async () => {
    store = await mkdtemp(join(tmpdir(), 'celeriac-demo-'))
    const env = { ...process.env, CELERIAC_STORE: store }
    const result = await run('node', ['--import', 'tsx', 'examples/node-demo/main.ts'], {
      cwd: root,
      env,
    })
    output = result.stdout
  }, 60_000)

  afterAll(() => rm(store, { recursive: true, force: true }))

  it('runs each scenario in worker threads to its final states', () => {
    expect(output).toMatch(/● add\(10, 20\)\s+\w{8}\s+STARTED\s+on thread \d+/)
    expect(output).toMatch(
      /└─ link → result_callback\(30\)\s+\w{8}\s+SUCCESS\s+"Task completed with result: 30"/,
    )
    expect(output).toMatch(
      /└─ link_error → error_callback\(request\(\w{8}\), ValueError\("Something went wrong!"\), traceback\)\s+\w{8}\s+SUCCESS/,
    )
    expect(output).toMatch(/└─ chain → result_callback\(15\)\s+\w{8}\s+SUCCESS/)
    expect(output).toMatch(
      /└─ chain → mul\(2\)\s+\w{8}\s+FAILURE\s+ValueError: Something went wrong!/,
    )
    expect(output).toMatch(/count_primes\(2000000\)\s+\w{8}\s+PROGRESS \[##########\] 100%/)
    expect(output).toMatch(/└─ chord → tsum\(\[2,4,148933\]\)\s+\w{8}\s+SUCCESS\s+148939/)
  })

  it('leaves results the CLI can read back by the ids it prints', async () => {
    const line = output.split('\n').find((each) => each.includes('# link: add(10, 20)'))!
    const id = line.match(/result (\S+)/)![1]!
    const cli = await run('node', ['bin/celeriac.mjs', 'result', id, '--store', store, '--json'], {
      cwd: root,
    })
    expect(JSON.parse(cli.stdout)).toMatchObject({ task_id: id, status: 'SUCCESS', result: 30 })
  })
})
