import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import type { Session } from '../model/session.ts'
import { StressRun } from '../model/stress.ts'
import { useObservable } from './use-observable.ts'

const COUNTS = [1_000, 10_000, 100_000]

/** Run many tasks with links: a progress bar and tasks/s, never a node per task. */
export function StressView({ session }: { session: Session }) {
  const [count, setCount] = useState(10_000)
  const [links, setLinks] = useState(true)
  const [run, setRun] = useState<StressRun | null>(null)
  const start = () => {
    const next = new StressRun(count, links)
    setRun(next)
    void next.start(session.tasks)
  }
  return html`<div class="stress">
    <label>Tasks
      <select value=${count} onChange=${(e: Event) => setCount(Number((e.currentTarget as HTMLSelectElement).value))}>
        ${COUNTS.map((n) => html`<option value=${n}>${n.toLocaleString('en')}</option>`)}
      </select>
    </label>
    <label class="check"><input type="checkbox" checked=${links}
      onChange=${(e: Event) => setLinks((e.currentTarget as HTMLInputElement).checked)} />
      <span>each with <code>link: stress_sink.s()</code></span></label>
    <div class="row">
      <button type="button" class="primary" disabled=${run?.running} onClick=${start}>Start</button>
      <button type="button" disabled=${!run?.running} onClick=${() => run?.cancel()}>Stop</button>
    </div>
    ${run ? html`<${StressProgress} run=${run} />` : null}
  </div>`
}

function StressProgress({ run }: { run: StressRun }) {
  useObservable(run)
  const percent = Math.floor((run.finished / run.total) * 100)
  const status = run.running ? 'running' : run.cancelled ? 'stopped' : 'done'
  return html`<div class="stress-progress" data-status=${status}>
    <progress max=${run.total} value=${run.finished} aria-label="Stress progress"></progress>
    <dl class="stress-figures">
      <dt>finished</dt><dd data-figure="finished">${run.finished.toLocaleString('en')} / ${run.total.toLocaleString('en')} (${percent}%)</dd>
      <dt>applyAsync calls</dt><dd>${run.sent.toLocaleString('en')}</dd>
      <dt>failed</dt><dd data-figure="failed">${run.failed.toLocaleString('en')}</dd>
      <dt>tasks/s</dt><dd class="rate" data-figure="rate">${Math.round(run.rate).toLocaleString('en')}</dd>
    </dl>
  </div>`
}
