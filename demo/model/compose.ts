import { chain, type Signature } from 'celeriac'
import type { Handle } from '../scenario-catalog.ts'
import type { DemoTasks } from '../tasks.ts'

/** The tasks a composed step may use: each takes two numbers. */
export const STEP_TASKS = ['add', 'mul'] as const
export type StepTask = (typeof STEP_TASKS)[number]

/** A run a user puts together: up to three steps, callbacks, and an injected failure. */
export interface Composition {
  steps: StepTask[]
  /** The first step's args; each later step gets the previous result and `y`. */
  x: number
  y: number
  link: boolean
  linkError: boolean
  /** The step replaced by `failing_task`, or null. */
  failAt: number | null
}

export const DEFAULT_COMPOSITION: Composition = {
  steps: ['add', 'mul'],
  x: 2,
  y: 3,
  link: true,
  linkError: true,
  failAt: null,
}

type AnySignature = Signature<any[], any, false>

/** Build and send the composition. */
export function sendComposition(tasks: DemoTasks, c: Composition): Handle {
  const steps = c.steps.map((task, i): AnySignature => {
    if (i === c.failAt) return tasks.failingTask.s()
    const args = i === 0 ? [c.x, c.y] : [c.y]
    return tasks.app.signature(task, args)
  })
  const canvas = steps.length === 1 ? steps[0]! : chain(...(steps as [AnySignature]))
  if (c.link) canvas.link(tasks.resultCallback.s())
  if (c.linkError) canvas.linkError(tasks.errorCallback.s())
  return canvas.applyAsync()
}

/** The same composition, as the TypeScript a user would write. */
export function describeComposition(c: Composition): string {
  const steps = c.steps.map((task, i) => {
    if (i === c.failAt) return 'failingTask.s()'
    return i === 0 ? `${task}.s(${c.x}, ${c.y})` : `${task}.s(${c.y})`
  })
  const lines = [
    steps.length === 1 ? `const c = ${steps[0]}` : `const c = chain(${steps.join(', ')})`,
  ]
  if (c.link) lines.push('c.link(resultCallback.s())')
  if (c.linkError) lines.push('c.linkError(errorCallback.s())')
  lines.push('c.applyAsync()')
  return `// composed on the page\n${lines.join('\n')}\n`
}
