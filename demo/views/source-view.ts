import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import { highlight } from '../lib/highlight.ts'
import tasksSource from '../tasks.ts?raw'

interface Props {
  /** The file name shown on the first tab. */
  file: string
  source: string
}

/** The code that runs, beside what it does: the scenario's own module, and tasks.ts. */
export function SourceView({ file, source }: Props) {
  const [tab, setTab] = useState<'scenario' | 'tasks'>('scenario')
  const shown = tab === 'scenario' ? source : tasksSource
  return html`<section class="panel source" aria-label="Source">
    <div class="tabs" role="tablist">
      <button type="button" role="tab" aria-selected=${tab === 'scenario'} onClick=${() => setTab('scenario')}>
        ${file}
      </button>
      <button type="button" role="tab" aria-selected=${tab === 'tasks'} onClick=${() => setTab('tasks')}>
        tasks.ts
      </button>
    </div>
    <pre class="code" tabindex="0" data-source=${tab === 'scenario' ? file : 'tasks.ts'}><code>${highlight(
      shown.trimEnd(),
    ).map((token) =>
      token.kind === 'plain'
        ? token.text
        : html`<span class=${`tok-${token.kind}`}>${token.text}</span>`,
    )}</code></pre>
  </section>`
}
