import { html } from 'htm/preact'
import type { Session } from '../model/session.ts'

const MAX_WORKERS = 8

/** Title, what the app runs on, and the worker count (changing it rebuilds the app and pool). */
export function Topbar({ session }: { session: Session }) {
  const { pool, backend, workers } = session.wired
  return html`<header class="topbar">
    <h1><span class="logo" aria-hidden="true">◆</span> celeriac <span class="subtitle">link & link_error, live</span></h1>
    <div class="wiring">
      <span class="badge" data-pool=${pool} title="Where task bodies run">${pool}${workers > 0 ? ` × ${workers}` : ''}</span>
      <span class="badge" data-backend=${backend} title="Where results are kept">${backend}</span>
      <label class="workers">Workers
        <input
          type="number"
          min="1"
          max=${MAX_WORKERS}
          value=${session.workers}
          disabled=${session.switching}
          onChange=${(e: Event) => {
            const n = Number((e.currentTarget as HTMLInputElement).value)
            if (Number.isInteger(n) && n >= 1 && n <= MAX_WORKERS) void session.setWorkers(n)
          }}
        />
      </label>
    </div>
  </header>`
}
