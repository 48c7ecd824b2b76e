import type { AsyncResult, TaskState } from 'celeriac'
import { html } from 'htm/preact'
import { useEffect, useState } from 'preact/hooks'
import { formatDuration, formatJson, shortId } from '../lib/format.ts'
import { durationOf, type TaskNode } from '../model/run.ts'
import type { Session } from '../model/session.ts'

/** What the backend says about a task, through `app.result(id).refresh()`. */
interface Stored {
  id: string
  state: TaskState
  result: unknown
  traceback: string | null
  children: string[]
}

/** The selected task: its request, its result or error, and its traceback. */
export function InspectorView({ session }: { session: Session }) {
  const id = session.selected
  const node = id ? session.current?.nodes.get(id) : undefined
  const stored = useStored(session, id, node?.state)
  if (!id || !node) {
    return html`<section class="panel inspector" aria-label="Inspector">
      <h2>Inspector</h2>
      <p class="empty">Click a task in the graph (or focus it and press Enter) to see its request, result and traceback.</p>
    </section>`
  }
  const select = (other: string | null) => other && session.select(other)
  return html`<section class="panel inspector" aria-label="Inspector" data-task-id=${node.id}>
    <h2>
      ${node.name}
      <span class=${`pill state-${node.state.toLowerCase()}`} data-state=${node.state}>${node.state}</span>
    </h2>
    <dl class="fields">
      <dt>id</dt><dd><code data-field="id">${node.id}</code> <${CopyButton} text=${node.id} /></dd>
      <dt>args</dt><dd><code data-field="args">${formatJson(node.args)}</code></dd>
      <dt>parent</dt><dd>${idLink(node.parentId, select)}</dd>
      <dt>root</dt><dd>${idLink(node.rootId === node.id ? null : node.rootId, select)}</dd>
      ${node.groupId ? html`<dt>group</dt><dd><code>${shortId(node.groupId)}</code></dd>` : null}
      <dt>sent via</dt><dd>${node.via ?? '—'}</dd>
      <dt>retries</dt><dd>${node.retries}</dd>
      <dt>ran</dt><dd>${ranLine(node)}</dd>
    </dl>
    ${outcome(node, stored)}
    ${stored ? backendLine(stored, select) : null}
  </section>`
}

/** Copies a task id, to look it up in another tab. */
function CopyButton({ text }: { text: string }) {
  const [copied, setCopied] = useState(false)
  const copy = () =>
    navigator.clipboard
      .writeText(text)
      .then(() => setCopied(true))
      .catch(() => {})
  useEffect(() => setCopied(false), [text])
  return html`<button type="button" class="copy" onClick=${copy}>${copied ? 'copied' : 'copy'}</button>`
}

function outcome(node: TaskNode, stored: Stored | null) {
  if (node.state === 'SUCCESS') {
    return html`<h3>Result</h3><pre class="code-block" data-field="result">${formatJson(stored?.result ?? node.result)}</pre>`
  }
  if (!node.error) return null
  const traceback = stored?.traceback ?? node.traceback
  return html`<h3>Error</h3>
    <p class="error-line" data-field="error">${node.error.name}: ${node.error.message}</p>
    <h3>Traceback</h3>
    <pre class="code-block traceback" data-field="traceback">${traceback ?? '(none: the task was stopped from outside)'}</pre>`
}

function backendLine(stored: Stored, select: (id: string) => void) {
  return html`<p class="backend-line">
    <code>app.result(id).state</code> → <strong data-field="stored-state">${stored.state}</strong>
    ${
      stored.children.length > 0
        ? html`; children: ${stored.children.map((child) => html` ${idLink(child, select)}`)}`
        : null
    }
  </p>`
}

function idLink(id: string | null, select: (id: string) => void) {
  if (!id) return '—'
  return html`<button type="button" class="id-link" onClick=${() => select(id)} title=${id}>${shortId(id)}</button>`
}

function ranLine(node: TaskNode): string {
  if (node.spans.length === 0) return 'never'
  const where = new Set(
    node.spans.map((span) => (span.worker === null ? 'the page' : `worker ${span.worker}`)),
  )
  const duration = formatDuration(durationOf(node, Date.now()))
  return `${node.spans.length}× on ${[...where].join(', ')}, ${duration}`
}

/** Refresh the backend's view of `id` whenever its state on screen changes. */
function useStored(session: Session, id: string | null, state: TaskState | undefined) {
  const [stored, setStored] = useState<Stored | null>(null)
  useEffect(() => {
    setStored(null)
    if (!id) return
    let live = true
    const result = session.tasks.app.result(id)
    result
      .refresh()
      .then(() => live && setStored(storedOf(result)))
      .catch(() => {})
    return () => {
      live = false
    }
  }, [id, state, session.wired])
  return stored
}

function storedOf(result: AsyncResult): Stored {
  return {
    id: result.id,
    state: result.state,
    result: result.result,
    traceback: result.traceback,
    children: result.children.map((child) => child.id),
  }
}
