import { html } from 'htm/preact'
import type { Scenario } from '../scenario-catalog.ts'

interface Props {
  scenarios: Scenario[]
  activeId: string | null
  /** Whether tasks run in Web Workers (the crash scenario needs them). */
  webWorkers: boolean
  onRun: (scenario: Scenario) => void
}

/** Every scenario as a button: pressing one shows its source and runs it. */
export function ScenarioList({ scenarios, activeId, webWorkers, onRun }: Props) {
  return html`<ol class="scenarios">
    ${scenarios.map((scenario, i) => {
      const disabled = scenario.needsWebWorkers === true && !webWorkers
      return html`<li key=${scenario.id}>
        <button
          type="button"
          class=${`scenario${scenario.id === activeId ? ' active' : ''}`}
          data-scenario=${scenario.id}
          aria-current=${scenario.id === activeId ? 'true' : undefined}
          disabled=${disabled}
          aria-describedby=${disabled ? `note-${scenario.id}` : undefined}
          onClick=${() => onRun(scenario)}
        >
          <span class="scenario-number">${i + 1}</span>
          <span class="scenario-text">
            <span class="scenario-title">${scenario.title}</span>
            <span class="scenario-summary">${scenario.summary}</span>
          </span>
        </button>
        ${
          disabled
            ? html`<p class="note" id=${`note-${scenario.id}`}>
                Needs WebWorkerPool (celeriac/web): a crash in this page would take the page down.
              </p>`
            : null
        }
      </li>`
    })}
  </ol>`
}
