import { html } from 'htm/preact'
import { useState } from 'preact/hooks'
import {
  type Composition,
  DEFAULT_COMPOSITION,
  STEP_TASKS,
  type StepTask,
} from '../model/compose.ts'

interface Props {
  onRun: (composition: Composition) => void
}

/** Put a run together: steps, args, link / linkError, and a failure to inject. */
export function ComposerView({ onRun }: Props) {
  const [c, setC] = useState<Composition>(DEFAULT_COMPOSITION)
  const update = (patch: Partial<Composition>) => setC({ ...c, ...patch })
  const setStep = (i: number, task: StepTask) =>
    update({ steps: c.steps.map((old, j) => (j === i ? task : old)) })
  const setCount = (n: number) => {
    const steps = Array.from({ length: n }, (_, i) => c.steps[i] ?? 'add')
    update({ steps, failAt: c.failAt !== null && c.failAt >= n ? null : c.failAt })
  }
  return html`<form
    class="composer"
    aria-label="Compose a run"
    onSubmit=${(event: Event) => {
      event.preventDefault()
      onRun(c)
    }}
  >
    <label>Steps (a chain when more than one)
      <select value=${c.steps.length} onChange=${(e: Event) => setCount(Number(value(e)))}>
        ${[1, 2, 3].map((n) => html`<option value=${n}>${n}</option>`)}
      </select>
    </label>
    ${c.steps.map(
      (task, i) => html`<label>Step ${i + 1}
        <select data-step=${i} value=${task} onChange=${(e: Event) => setStep(i, value(e) as StepTask)}>
          ${STEP_TASKS.map((name) => html`<option value=${name}>${name}</option>`)}
        </select>
      </label>`,
    )}
    <div class="row">
      <label>x <input type="number" value=${c.x} onInput=${(e: Event) => update({ x: Number(value(e)) })} /></label>
      <label>y <input type="number" value=${c.y} onInput=${(e: Event) => update({ y: Number(value(e)) })} /></label>
    </div>
    <label class="check"><input type="checkbox" checked=${c.link} onChange=${(e: Event) => update({ link: checked(e) })} />
      <span>link → <code>result_callback</code></span></label>
    <label class="check"><input type="checkbox" checked=${c.linkError} onChange=${(e: Event) => update({ linkError: checked(e) })} />
      <span>linkError → <code>error_callback</code></span></label>
    <label class="check"><input type="checkbox" name="inject" checked=${c.failAt !== null}
      onChange=${(e: Event) => update({ failAt: checked(e) ? c.steps.length - 1 : null })} />
      inject a failure</label>
    ${
      c.failAt !== null
        ? html`<label>Failing step
            <select value=${c.failAt} onChange=${(e: Event) => update({ failAt: Number(value(e)) })}>
              ${c.steps.map((_, i) => html`<option value=${i}>step ${i + 1} becomes failing_task</option>`)}
            </select>
          </label>`
        : null
    }
    <button type="submit" class="primary">Run composition</button>
  </form>`
}

const value = (event: Event) => (event.currentTarget as HTMLInputElement).value
const checked = (event: Event) => (event.currentTarget as HTMLInputElement).checked
