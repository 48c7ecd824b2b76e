import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import { formatJson } from '../lib/format.ts'
import type { Session } from '../model/session.ts'

interface Found {
  id: string
  state: string
  text: string
}

/** Wait time for a lookup: an unknown id stays PENDING forever. */
const LOOKUP_TIMEOUT_MS = 3_000

/** Read a result by id — e.g. one sent from another tab — with `app.result(id).get()`. */
export function LookupView({ session }: { session: Session }) {
  const [id, setId] = useState('')
  const [found, setFound] = useState<Found | null>(null)
  const [busy, setBusy] = useState(false)
  const lookUp = async (event: Event) => {
    event.preventDefault()
    const wanted = id.trim()
    if (!wanted) return
    setBusy(true)
    setFound(await lookUpId(session, wanted))
    setBusy(false)
  }
  return html`<form class="lookup" onSubmit=${lookUp}>
    <label>Look up a task id
      <input
        type="text"
        name="task-id"
        value=${id}
        placeholder="e.g. 3f2a6c1e-…"
        spellcheck=${false}
        autocomplete="off"
        onInput=${(e: Event) => setId((e.currentTarget as HTMLInputElement).value)}
      />
    </label>
    <button type="submit" class="primary" disabled=${busy}>${busy ? 'Waiting…' : 'Look up'}</button>
    <p class="hint"><code>await app.result(id).get()</code> — the backend is ${session.wired.backend}, shared by every tab.</p>
    <output class="lookup-result" role="status" data-state=${found?.state ?? ''} data-task-id=${found?.id ?? ''}>
      ${found ? html`<strong>${found.state}</strong><pre class="code-block">${found.text}</pre>` : null}
    </output>
  </form>`
}

async function lookUpId(session: Session, id: string): Promise<Found> {
  const result = session.tasks.app.result(id)
  try {
    const value = await result.get({ timeout: LOOKUP_TIMEOUT_MS, propagate: false })
    const text = value instanceof Error ? `${value.name}: ${value.message}` : formatJson(value)
    return { id, state: result.state, text }
  } catch (error) {
    if ((error as Error).name !== 'TimeoutError') throw error
    await result.refresh()
    return {
      id,
      state: result.state,
      text: `still ${result.state} after ${LOOKUP_TIMEOUT_MS / 1000} s`,
    }
  }
}
