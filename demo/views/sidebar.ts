import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import { type Composition, describeComposition, sendComposition } from '../model/compose.ts'
import type { Session } from '../model/session.ts'
import { type Scenario, scenarios } from '../scenario-catalog.ts'
import { ComposerView } from './composer-view.ts'
import { HistoryView } from './history-view.ts'
import { LookupView } from './lookup-view.ts'
import { ScenarioList } from './scenario-list.ts'
import { StressView } from './stress-view.ts'

const TABS = ['Scenarios', 'Compose', 'Stress', 'History', 'Look up'] as const
type Tab = (typeof TABS)[number]

/** What is on screen beside the graph: a scenario's own source, or a composition's code. */
export interface Shown {
  id: string
  file: string
  source: string
}

interface Props {
  session: Session
  shown: Shown | null
  onShow: (shown: Shown) => void
}

/** Scenarios and tools, one tab each. */
export function Sidebar({ session, shown, onShow }: Props) {
  const [tab, setTab] = useState<Tab>('Scenarios')
  const runScenario = (scenario: Scenario) => {
    onShow({ id: scenario.id, file: `scenarios/${scenario.id}.ts`, source: scenario.source })
    session.start({ title: scenario.title, scenarioId: scenario.id, send: scenario.run })
  }
  const runComposition = (composition: Composition) => {
    onShow({ id: 'composed', file: 'composed.ts', source: describeComposition(composition) })
    session.start({
      title: 'Composed run',
      scenarioId: null,
      send: (tasks) => sendComposition(tasks, composition),
    })
  }
  return html`<nav class="sidebar" aria-label="Scenarios and tools">
    <div class="tabs sidebar-tabs" role="tablist">
      ${TABS.map(
        (name) => html`<button
          type="button"
          role="tab"
          id=${`tab-${slug(name)}`}
          aria-selected=${tab === name}
          aria-controls="sidebar-panel"
          onClick=${() => setTab(name)}
        >${name}</button>`,
      )}
    </div>
    <div class="sidebar-panel" id="sidebar-panel" role="tabpanel" aria-labelledby=${`tab-${slug(tab)}`}>
      ${
        tab === 'Scenarios'
          ? html`<${ScenarioList} scenarios=${scenarios} activeId=${shown?.id ?? null}
          onRun=${runScenario} />`
          : null
      }
      ${tab === 'Compose' ? html`<${ComposerView} onRun=${runComposition} />` : null}
      ${tab === 'Stress' ? html`<${StressView} session=${session} />` : null}
      ${tab === 'History' ? html`<${HistoryView} session=${session} />` : null}
      ${tab === 'Look up' ? html`<${LookupView} session=${session} />` : null}
    </div>
  </nav>`
}

const slug = (name: string) => name.toLowerCase().replace(/\s+/g, '-')
