import { html } from 'htm/preact'
import { formatDuration } from '../lib/format.ts'
import type { Run } from '../model/run.ts'

/** The run on screen: its title, how many tasks, and whether it is still going. */
export function RunHeader({ run }: { run: Run | null }) {
  if (!run) return html`<h2 class="run-header">Execution graph</h2>`
  const count = run.nodes.size
  const status = run.done
    ? `done in ${formatDuration(run.lastAt - run.info.startedAt)}`
    : 'running…'
  return html`<h2 class="run-header">
    ${run.info.title}
    <span class="run-meta">${count} task${count === 1 ? '' : 's'} · <span class=${run.done ? 'done' : 'live'}>${status}</span>${run.handle ? '' : ' · from history'}</span>
  </h2>`
}
