import { html } from 'htm/preact'
import { formatDuration } from '../lib/format.ts'
import type { Run, Span, TaskNode } from '../model/run.ts'
import { useNow } from './use-now.ts'

interface Props {
  run: Run | null
  selected: string | null
  onSelect: (id: string) => void
}

interface Bar {
  node: TaskNode
  span: Span
  attempt: number
  /** The row inside its lane: bars that overlap in time stack. */
  row: number
  /** Where the bar ends: the run's end, or null while it runs. */
  end: number | null
}

const ROW_HEIGHT = 22

/** One lane per worker, a bar per task run: parallel work side by side, callbacks after parents. */
export function TimelineView({ run, selected, onSelect }: Props) {
  const now = useNow(run !== null && !run.done)
  const bars = run ? barsOf(run) : []
  if (!run || bars.length === 0) {
    return html`<div class="timeline empty-timeline"><p class="empty">No task has started yet.</p></div>`
  }
  const start = Math.min(...bars.map((bar) => bar.span.start))
  const lanes = lanesOf(bars, now)
  const end = Math.max(start + 500, ...bars.map((bar) => bar.end ?? now))
  const at = (time: number) => `${(((time - start) / (end - start)) * 100).toFixed(3)}%`
  return html`<div class="timeline" role="group" aria-label="Worker timeline">
    <div class="lane axis" aria-hidden="true">
      <span class="lane-name"></span>
      <div class="lane-track">
        ${ticks(end - start, narrow() ? 3 : 6).map(
          (tick) =>
            html`<span class="tick" style=${{ left: at(start + tick) }}>${formatDuration(tick)}</span>`,
        )}
      </div>
    </div>
    ${[...lanes].map(
      ([lane, laneBars]) => html`<div class="lane" data-lane=${lane}>
        <span class="lane-name">${laneName(lane)}</span>
        <div class="lane-track" style=${{ height: `${rowsOf(laneBars) * ROW_HEIGHT + 4}px` }}>
          ${laneBars.map(({ node, span, attempt, row, end: barEnd }) => {
            const state = span.outcome ?? 'STARTED'
            const width = `max(3px, calc(${at(barEnd ?? now)} - ${at(span.start)}))`
            return html`<button
              type="button"
              class=${`bar state-${state.toLowerCase()}${node.id === selected ? ' selected' : ''}`}
              style=${{ left: at(span.start), width, top: `${row * ROW_HEIGHT + 2}px` }}
              data-task-id=${node.id}
              data-task-name=${node.name}
              data-state=${state}
              data-worker=${lane}
              data-start=${span.start}
              data-end=${barEnd ?? ''}
              title=${`${node.name} ${state} ${formatDuration((barEnd ?? now) - span.start)}`}
              onClick=${() => onSelect(node.id)}
            >
              ${node.name}${attempt > 0 ? ` #${attempt + 1}` : ''}
            </button>`
          })}
        </div>
      </div>`,
    )}
  </div>`
}

function barsOf(run: Run): Bar[] {
  return [...run.nodes.values()].flatMap((node) =>
    node.spans.map((span, attempt) => ({ node, span, attempt, row: 0, end: span.end })),
  )
}

/** Bars by lane (each Web Worker's number, or `main` for the page), in rows that do not overlap. */
function lanesOf(bars: Bar[], now: number): Map<string, Bar[]> {
  const lanes = new Map<string, Bar[]>()
  const keys = [...new Set(bars.map(laneKey))].sort((a, b) =>
    a.localeCompare(b, 'en', { numeric: true }),
  )
  for (const key of keys) {
    const laneBars = bars
      .filter((bar) => laneKey(bar) === key)
      .sort((a, b) => a.span.start - b.span.start)
    if (key !== 'main') endAtNextStart(laneBars)
    const rowEnds: number[] = []
    for (const bar of laneBars) {
      const row = rowEnds.findIndex((end) => end <= bar.span.start)
      bar.row = row === -1 ? rowEnds.length : row
      rowEnds[bar.row] = bar.end ?? now
    }
    lanes.set(key, laneBars)
  }
  return lanes
}

/**
 * A Web Worker runs one body at a time, but a task's finishing event comes only
 * once its result is stored: when the worker has already started the next task,
 * that start is where the previous body ended.
 */
function endAtNextStart(sorted: Bar[]): void {
  for (let i = 0; i + 1 < sorted.length; i++) {
    const bar = sorted[i]!
    const next = sorted[i + 1]!.span.start
    if (bar.end === null || bar.end > next) bar.end = next
  }
}

function rowsOf(bars: Bar[]): number {
  return Math.max(1, ...bars.map((bar) => bar.row + 1))
}

function laneKey(bar: Bar): string {
  return bar.span.worker === null ? 'main' : String(bar.span.worker)
}

function laneName(lane: string): string {
  return lane === 'main' ? 'page (inline)' : `worker ${lane}`
}

/** Round tick spacing, at most `most` ticks across. */
function ticks(total: number, most: number): number[] {
  const steps = [100, 200, 250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000]
  const step = steps.find((s) => total / s <= most) ?? 120_000
  const out: number[] = []
  // The last label would hang off the right edge: stop a little short of it.
  for (let t = 0; t <= total * 0.93; t += step) out.push(t)
  return out
}

function narrow(): boolean {
  return globalThis.matchMedia?.('(max-width: 480px)').matches ?? false
}
