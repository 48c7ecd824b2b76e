import { AsyncResult, type GroupResult } from 'celeriac'
import { html } from 'htm/preact'
import { useEffect, useState } from 'preact/hooks'
import { formatValue, shortId } from '../lib/format.ts'
import type { Run } from '../model/run.ts'

interface Reading {
  lines: [string, string][]
  state: string
}

/**
 * What the scenario's returned handle says, refreshed as the run's events arrive:
 * `r.state`, `r.result`, `r.successful()`, `r.children` (or a GroupResult's members).
 */
export function ReadoutView({ run }: { run: Run | null }) {
  const handle = run?.handle ?? null
  const reading = useReading(handle, run?.version ?? 0)
  if (!handle || !reading) return null
  const kind = handle instanceof AsyncResult ? 'AsyncResult' : 'GroupResult'
  return html`<section class="panel readout" aria-label="Result handle" data-state=${reading.state}>
    <h2><code>r = ${kind}('${shortId(handle.id)}…')</code></h2>
    <dl class="readout-lines">
      ${reading.lines.map(([label, value]) => html`<dt><code>${label}</code></dt><dd><code data-readout=${label}>${value}</code></dd>`)}
    </dl>
  </section>`
}

function useReading(handle: Run['handle'], version: number): Reading | null {
  const [reading, setReading] = useState<Reading | null>(null)
  useEffect(() => {
    if (!handle) return setReading(null)
    let live = true
    handle
      .refresh()
      .then(() => live && setReading(read(handle)))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [handle, version])
  return reading
}

function read(handle: AsyncResult<any> | GroupResult<any>): Reading {
  if (handle instanceof AsyncResult) {
    return {
      state: handle.state,
      lines: [
        ['r.state', handle.state],
        ['r.result', handle.ready() ? resultText(handle) : 'null'],
        ['r.successful()', String(handle.successful())],
        ['r.failed()', String(handle.failed())],
        ['r.children', `[${handle.children.map((child) => shortId(child.id)).join(', ')}]`],
      ],
    }
  }
  const states = handle.results.map((member) => member.state)
  return {
    state: handle.ready() ? (handle.successful() ? 'SUCCESS' : 'FAILURE') : 'PENDING',
    lines: [
      ['r.completedCount()', `${handle.completedCount()} of ${handle.results.length}`],
      ['r.ready()', String(handle.ready())],
      ['r.successful()', String(handle.successful())],
      ['r.results[i].state', states.join(', ')],
    ],
  }
}

function resultText(handle: AsyncResult<any>): string {
  const value = handle.result
  return value instanceof Error ? `${value.name}('${value.message}')` : formatValue(value, 60)
}
