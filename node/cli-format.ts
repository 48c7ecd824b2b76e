import { inspect } from 'node:util'
import { serializeRecord } from '../src/codec.ts'
import { isErrorRecord } from '../src/error-record.ts'
import type { ErrorRecord, ResultRecord } from '../src/protocol.ts'

/** A record as JSON (the codec's form: Celery's shape, values tagged). */
export function recordJson(record: ResultRecord): unknown {
  return JSON.parse(serializeRecord(record))
}

/** A record as aligned `label  value` lines, then the traceback. */
export function recordText(record: ResultRecord): string {
  const lines = [
    ['task', record.task_id],
    ['state', record.status],
  ]
  if (record.name !== undefined) lines.push(['name', record.name])
  if (record.date_done) lines.push(['done', record.date_done])
  if (record.parent_id) lines.push(['parent', record.parent_id])
  if (record.retries) lines.push(['retries', String(record.retries)])
  if (record.children.length > 0) lines.push(['children', childIds(record).join(', ')])
  const error = isErrorRecord(record.result) && record.status !== 'SUCCESS' ? record.result : null
  if (error) lines.push(...errorLines(error))
  else if (record.result !== null) lines.push(['result', show(record.result)])
  const out = table(lines)
  return record.traceback ? `${out}\ntraceback:\n${indent(record.traceback)}\n` : `${out}\n`
}

/** The store's counts per state and its latest failures. */
export function inspectText(
  file: string,
  counts: Record<string, number>,
  failures: ResultRecord[],
) {
  const total = Object.values(counts).reduce((sum, n) => sum + n, 0)
  const states = Object.entries(counts).sort(([a], [b]) => a.localeCompare(b))
  const out = [
    `store ${file}`,
    '',
    table([...states.map(([s, n]) => [s, String(n)]), ['total', String(total)]]),
  ]
  if (failures.length > 0) {
    out.push('', 'latest failures:')
    for (const failure of failures) out.push(`  ${failureLine(failure)}`)
  }
  return `${out.join('\n')}\n`
}

function failureLine(record: ResultRecord): string {
  const error = isErrorRecord(record.result)
    ? `${record.result.name}: ${record.result.message}`
    : ''
  return [record.date_done ?? '-', record.task_id, record.name, error].filter(Boolean).join('  ')
}

function errorLines(error: ErrorRecord): string[][] {
  const lines = [['error', `${error.name}: ${error.message}`]]
  if (error.code !== undefined) lines.push(['code', error.code])
  if (error.fields !== undefined) lines.push(['fields', show(error.fields)])
  let cause = error.cause
  for (let depth = 0; cause !== undefined && depth < 16; depth++) {
    lines.push([
      'caused by',
      isErrorRecord(cause) ? `${cause.name}: ${cause.message}` : show(cause),
    ])
    cause = isErrorRecord(cause) ? cause.cause : undefined
  }
  return lines
}

function childIds(record: ResultRecord): string[] {
  return record.children.map(([[id]]) => id)
}

function show(value: unknown): string {
  return inspect(value, { depth: 6, breakLength: 100, maxArrayLength: 50, maxStringLength: 2000 })
}

function table(rows: string[][]): string {
  const width = Math.max(...rows.map(([label]) => label.length))
  return rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`).join('\n')
}

function indent(text: string): string {
  return text
    .trimEnd()
    .split('\n')
    .map((line) => `  ${line}`)
    .join('\n')
}
