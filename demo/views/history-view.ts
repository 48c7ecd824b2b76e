import { html } from 'htm/preact'
import { useEffect } from 'preact/hooks'
import type { Session } from '../model/session.ts'

const STATE_ORDER = ['SUCCESS', 'FAILURE', 'REVOKED', 'RETRY', 'STARTED', 'PENDING']

/** Finished runs, kept in IndexedDB across reloads; opening one redraws its graph. */
export function HistoryView({ session }: { session: Session }) {
  useEffect(() => {
    void session.loadHistory()
  }, [session])
  if (session.history.length === 0) {
    return html`<p class="empty">Finished runs are kept here, in IndexedDB, across reloads.</p>`
  }
  return html`<div class="history">
    <ol class="history-list">
      ${session.history.map(
        (saved) => html`<li key=${saved.info.id}>
          <button
            type="button"
            class=${`history-item${session.current?.info.id === saved.info.id ? ' active' : ''}`}
            data-run-id=${saved.info.id}
            data-scenario=${saved.info.scenarioId ?? 'composed'}
            onClick=${() => session.open(saved)}
          >
            <span class="history-title">${saved.info.title}</span>
            <span class="history-meta">
              ${new Date(saved.info.startedAt).toLocaleTimeString('en-GB')}
              ${STATE_ORDER.filter((state) => saved.counts[state]).map(
                (state) =>
                  html` · <span class=${`count state-${state.toLowerCase()}`}>${saved.counts[state]} ${state}</span>`,
              )}
            </span>
          </button>
        </li>`,
      )}
    </ol>
    <button type="button" class="quiet" onClick=${() => session.clearHistory()}>Clear history</button>
  </div>`
}
