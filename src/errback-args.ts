import { fromErrorRecord, isErrorRecord } from './error-record.ts'
import type { ErrorRecord } from './protocol.ts'

const ERROR_ARG = '__celeriac_error__'

/** Mark an error record so that it reaches a task body as an `Error` (errback `exc`). */
export function errorArg(record: ErrorRecord): unknown {
  return { [ERROR_ARG]: record }
}

/** Turn marked error args back into `Error`s, just before a body runs. */
export function reviveArgs(args: unknown[]): unknown[] {
  let revived: unknown[] | undefined
  for (let i = 0; i < args.length; i++) {
    const record = (args[i] as Record<string, unknown> | null | undefined)?.[ERROR_ARG]
    if (!isErrorRecord(record)) continue
    revived ??= [...args]
    revived[i] = fromErrorRecord(record)
  }
  return revived ?? args
}
