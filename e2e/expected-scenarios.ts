/** What each scenario must end as: `name STATE` per task and `kind from>to` per edge (sorted). */
export interface Expected {
  nodes: string[]
  edges: string[]
}

export const expectedScenarios: Record<string, Expected> = {
  'success-callback': {
    nodes: ['add SUCCESS', 'result_callback SUCCESS'],
    edges: ['link add>result_callback'],
  },
  'error-callback': {
    nodes: ['error_callback SUCCESS', 'failing_task FAILURE'],
    edges: ['link_error failing_task>error_callback'],
  },
  'both-callbacks': {
    nodes: ['add SUCCESS', 'result_callback SUCCESS'],
    edges: ['link add>result_callback'],
  },
  'chain-callback': {
    nodes: ['add SUCCESS', 'result_callback SUCCESS'],
    edges: ['chain add>result_callback'],
  },
  'chain-failure': {
    nodes: [
      'add SUCCESS',
      'error_callback SUCCESS',
      'failing_task FAILURE',
      'result_callback FAILURE',
    ],
    edges: [
      'chain add>failing_task',
      'chain failing_task>result_callback',
      'link_error failing_task>error_callback',
    ],
  },
  group: {
    nodes: ['add SUCCESS', 'add SUCCESS', 'add SUCCESS', 'add SUCCESS'],
    edges: [],
  },
  chord: {
    nodes: ['add SUCCESS', 'add SUCCESS', 'add SUCCESS', 'result_callback SUCCESS', 'tsum SUCCESS'],
    edges: ['chord add>tsum', 'chord add>tsum', 'chord add>tsum', 'link tsum>result_callback'],
  },
  'chord-failure': {
    nodes: [
      'add SUCCESS',
      'add SUCCESS',
      'error_callback SUCCESS',
      'failing_task FAILURE',
      'tsum FAILURE',
    ],
    edges: [
      'chord add>tsum',
      'chord add>tsum',
      'chord failing_task>tsum',
      'link_error tsum>error_callback',
    ],
  },
  'retry-then-fail': {
    nodes: ['error_callback SUCCESS', 'flaky_fetch FAILURE'],
    edges: ['link_error flaky_fetch>error_callback'],
  },
  'time-limit': {
    nodes: ['error_callback SUCCESS', 'slow_report FAILURE'],
    edges: ['link_error slow_report>error_callback'],
  },
  'worker-crash': {
    nodes: ['crash_worker FAILURE', 'error_callback SUCCESS'],
    edges: ['link_error crash_worker>error_callback'],
  },
}

/** The error each failing scenario's first failure shows in the inspector. */
export const expectedErrors: Record<string, [task: string, error: string]> = {
  'error-callback': ['failing_task', 'ValueError: Something went wrong!'],
  'chord-failure': ['tsum', 'ChordError: Dependency'],
  'retry-then-fail': ['flaky_fetch', 'ConnectionError: https://example.test/report timed out'],
  'time-limit': ['slow_report', 'TimeLimitExceeded'],
  'worker-crash': ['crash_worker', 'WorkerLostError'],
}
