import type { AsyncResult, GroupResult } from 'celeriac'
import type { DemoTasks } from './tasks.ts'

/** What a scenario's `run` hands back. */
export type Handle = AsyncResult<any> | GroupResult<any>

/** One scenario: the module that runs, and its own source text, shown beside the graph. */
export interface Scenario {
  id: string
  title: string
  /** What to watch for, in a sentence. */
  summary: string
  source: string
  run: (tasks: DemoTasks) => Handle
}

type ScenarioModule = { run: (tasks: DemoTasks) => Handle }

const modules = import.meta.glob<ScenarioModule>('./scenarios/*.ts', { eager: true })
const sources = import.meta.glob<string>('./scenarios/*.ts', {
  eager: true,
  query: '?raw',
  import: 'default',
})

function scenario(id: string, title: string, summary: string): Scenario {
  const path = `./scenarios/${id}.ts`
  const module = modules[path]
  if (!module) throw new Error(`No scenario module ${path}`)
  return { id, title, summary, source: sources[path] ?? '', run: module.run }
}

/** The scenarios, in the order the page lists them: SCENARIOS.md's five first. */
export const scenarios: Scenario[] = [
  scenario('success-callback', 'Success callback', 'add(10, 20) → link → result_callback(30)'),
  scenario('error-callback', 'Error callback', 'failing_task → link_error → error_callback'),
  scenario(
    'both-callbacks',
    'Both callbacks, one task',
    'link and link_error on add: only the link runs; the AsyncResult reads SUCCESS',
  ),
  scenario('chain-callback', 'Chain', 'chain(add.s(5, 10), result_callback.s()) → 15'),
  scenario(
    'chain-failure',
    'Chain that fails midway',
    'the step after the failure never runs; the errback runs once',
  ),
  scenario('group', 'Group', 'four adds run in parallel, one per worker'),
  scenario('chord', 'Chord', 'three adds, then tsum with all their results'),
  scenario(
    'chord-failure',
    'Chord whose header fails',
    'the body fails with ChordError; exactly one errback',
  ),
  scenario('retry-then-fail', 'Retry, then fail', 'RETRY twice, then FAILURE and one errback'),
  scenario('time-limit', 'Hard time limit', 'stopped at 1.5 s with TimeLimitExceeded'),
  scenario('worker-crash', 'Worker crash', 'the Web Worker dies: WorkerLostError'),
]
