import { html } from 'htm/preact'

const STATES = ['PENDING', 'STARTED', 'RETRY', 'SUCCESS', 'FAILURE', 'REVOKED']
const EDGES = ['link', 'link_error', 'chain', 'chord']

/** What the colours and line styles mean. */
export function Legend() {
  return html`<div class="legend" aria-label="Legend">
    ${STATES.map((state) => html`<span class=${`key state-${state.toLowerCase()}`}><i aria-hidden="true"></i>${state}</span>`)}
    <span class="legend-gap"></span>
    ${EDGES.map((kind) => html`<span class=${`key edge-key kind-${kind}`}><svg aria-hidden="true" width="22" height="8"><line x1="1" y1="4" x2="21" y2="4" /></svg>${kind}</span>`)}
  </div>`
}
