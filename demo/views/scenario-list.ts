import { html } from 'htm/preact'
import type { Scenario } from '../scenario-catalog.ts'

interface Props {
  scenarios: Scenario[]
  activeId: string | null
  /** Whether tasks run in Web Workers (the crash scenario needs them). */
  onRun: (scenario: Scenario) => void
}

/** Every scenario as a button: pressing one shows its source and runs it. */
export function ScenarioList({ scenarios, activeId, onRun }: Props) {
  return html`<ol class="scenarios">
    ${scenarios.map(
      (scenario, i) => html`<li key=${scenario.id}>
        <button
          type="button"
          class=${`scenario${scenario.id === activeId ? ' active' : ''}`}
          data-scenario=${scenario.id}
          aria-current=${scenario.id === activeId ? 'true' : undefined}
          onClick=${() => onRun(scenario)}
        >
          <span class="scenario-number">${i + 1}</span>
          <span class="scenario-text">
            <span class="scenario-title">${scenario.title}</span>
            <span class="scenario-summary">${scenario.summary}</span>
          </span>
        </button>
      </li>`,
    )}
  </ol>`
}
