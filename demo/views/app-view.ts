import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import type { Session } from '../model/session.ts'
import { GraphView } from './graph-view.ts'
import { InspectorView } from './inspector-view.ts'
import { Legend } from './legend.ts'
import { ReadoutView } from './readout-view.ts'
import { RunHeader } from './run-header.ts'
import { type Shown, Sidebar } from './sidebar.ts'
import { SourceView } from './source-view.ts'
import { TimelineView } from './timeline-view.ts'
import { Topbar } from './topbar.ts'
import { useObservable } from './use-observable.ts'

/** The whole page. */
export function AppView({ session }: { session: Session }) {
  useObservable(session)
  const [shown, setShown] = useState<Shown | null>(null)
  const run = session.current
  const select = (id: string | null) => session.select(id)
  return html`<div class="page">
    <${Topbar} session=${session} />
    <div class="layout">
      <${Sidebar} session=${session} shown=${shown} onShow=${setShown} />
      <main
        class="stage"
        data-run-id=${run?.info.id ?? ''}
        data-run-status=${run ? (run.done ? 'done' : 'running') : 'idle'}
        data-scenario=${run?.info.scenarioId ?? ''}
      >
        <div class="code-column">
          ${shown ? html`<${SourceView} key=${shown.id} file=${shown.file} source=${shown.source} />` : html`<${Intro} />`}
          <${ReadoutView} run=${run} />
          <${InspectorView} session=${session} />
        </div>
        <div class="graph-column">
          <section class="panel graph-panel" aria-label="Execution graph">
            <${RunHeader} run=${run} />
            <${GraphView} run=${run} selected=${session.selected} onSelect=${select} />
            <${Legend} />
          </section>
          <section class="panel timeline-panel" aria-label="Worker timeline">
            <h2>Workers</h2>
            <${TimelineView} run=${run} selected=${session.selected} onSelect=${select} />
          </section>
        </div>
      </main>
    </div>
  </div>`
}

function Intro() {
  return html`<section class="panel intro">
    <h2>Callbacks are tasks</h2>
    <p>
      Run a scenario on the left. Each task — and each <code>link</code> callback and
      <code>link_error</code> errback — appears in the graph as it is sent, and changes colour
      as it starts, retries, succeeds or fails. The timeline shows which worker ran what, and
      when.
    </p>
  </section>`
}
