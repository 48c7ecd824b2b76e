import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { DecodeError } from '../src/codec.ts'
import type { ResultRecord } from '../src/protocol.ts'
import { must } from '../src/validate.ts'
import { inspectText, recordJson, recordText } from './cli-format.ts'
import { FileBackend } from './file-backend.ts'
import { DB_FILE, StoreError } from './store-file.ts'

/** The CLI's exit codes. */
export const EXIT = { ok: 0, failed: 1, usage: 2, notFound: 3, store: 4 } as const

const HELP = `Usage: celeriac <command> [options]

Read and tidy a celeriac file store (what FileBackend writes).

Commands:
  result <id>       Show a task's state and its result, or its error and traceback
  inspect           Count results per state and list the latest failures
  forget <id>       Delete a task's result (it reads PENDING afterwards)
  purge --expired   Delete results older than the store's expiry

Options:
  --store <path>    The store directory (default: $CELERIAC_STORE, else .celeriac)
  --json            Print JSON (result, inspect)
  --limit <n>       How many failures inspect lists (default: 10)
  --expired         With purge: delete the expired results
  -h, --help        Show this help

Exit codes:
  0  done (for result: the task is known and did not fail)
  1  result: the task failed or was revoked
  2  usage error
  3  result: no such task (it reads PENDING)
  4  the store cannot be read or written
`

/** Where the CLI writes. */
export interface CliIo {
  stdout: { write(text: string): unknown }
  stderr: { write(text: string): unknown }
  env: Record<string, string | undefined>
}

class UsageError extends Error {}

interface Parsed {
  command: string | undefined
  args: string[]
  store: string
  json: boolean
  limit: number
  expired: boolean
}

/**
 * Run the CLI with `argv` (without `node` and the script); resolves with the exit code.
 * @example process.exitCode = await main(process.argv.slice(2))
 */
export async function main(argv: string[], io: CliIo = process): Promise<number> {
  let parsed: Parsed | null
  try {
    parsed = parse(argv, io.env)
  } catch (error) {
    io.stderr.write(`celeriac: ${(error as Error).message}\nRun 'celeriac --help' for usage.\n`)
    return EXIT.usage
  }
  if (!parsed) {
    io.stdout.write(HELP)
    return EXIT.ok
  }
  const backend = new FileBackend({ path: parsed.store, create: false })
  try {
    return await run(parsed, backend, io)
  } catch (error) {
    return report(error, io)
  } finally {
    await backend.close()
  }
}

function parse(argv: string[], env: CliIo['env']): Parsed | null {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      store: { type: 'string' },
      json: { type: 'boolean', default: false },
      limit: { type: 'string', default: '10' },
      expired: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
  })
  if (values.help || positionals.length === 0) return null
  const limit = Number(values.limit)
  if (!Number.isInteger(limit) || limit < 0) {
    throw new UsageError(must('--limit', 'be a whole number >= 0', values.limit))
  }
  const [command, ...args] = positionals
  return {
    command,
    args,
    store: values.store ?? env.CELERIAC_STORE ?? '.celeriac',
    json: values.json,
    limit,
    expired: values.expired,
  }
}

async function run(parsed: Parsed, backend: FileBackend, io: CliIo): Promise<number> {
  switch (parsed.command) {
    case 'result':
      return showResult(backend, oneId(parsed), parsed.json, io)
    case 'inspect':
      return showInspect(backend, parsed, io)
    case 'forget': {
      const id = oneId(parsed)
      await backend.forget(id)
      io.stdout.write(`forgot ${id}\n`)
      return EXIT.ok
    }
    case 'purge': {
      if (!parsed.expired)
        throw new UsageError('purge needs --expired (only expired results can be purged)')
      const count = await backend.purgeExpired()
      io.stdout.write(`purged ${count} expired result${count === 1 ? '' : 's'}\n`)
      return EXIT.ok
    }
    default:
      throw new UsageError(`unknown command '${parsed.command}'`)
  }
}

async function showResult(backend: FileBackend, id: string, json: boolean, io: CliIo) {
  const record = (await backend.get(id)) ?? pending(id)
  io.stdout.write(json ? `${JSON.stringify(recordJson(record))}\n` : recordText(record))
  if (record.status === 'PENDING') return EXIT.notFound
  return record.status === 'FAILURE' || record.status === 'REVOKED' ? EXIT.failed : EXIT.ok
}

async function showInspect(backend: FileBackend, parsed: Parsed, io: CliIo): Promise<number> {
  const counts = await backend.listCounts()
  const failures = await backend.latestFailures(parsed.limit)
  const file = join(backend.path, DB_FILE)
  if (parsed.json) {
    const latestFailures = failures.map(recordJson)
    io.stdout.write(`${JSON.stringify({ store: file, counts, latestFailures })}\n`)
  } else io.stdout.write(inspectText(file, counts, failures))
  return EXIT.ok
}

function oneId(parsed: Parsed): string {
  if (parsed.args.length !== 1) {
    throw new UsageError(`${parsed.command} takes one task id; got ${parsed.args.length}`)
  }
  return parsed.args[0]
}

function pending(id: string): ResultRecord {
  return {
    task_id: id,
    status: 'PENDING',
    result: null,
    traceback: null,
    children: [],
    date_done: null,
  }
}

function report(error: unknown, io: CliIo): number {
  const message = error instanceof Error ? error.message : String(error)
  io.stderr.write(`celeriac: ${message}\n`)
  if (error instanceof StoreError || error instanceof DecodeError) return EXIT.store
  if (error instanceof UsageError || error instanceof TypeError) return EXIT.usage
  return EXIT.store
}
