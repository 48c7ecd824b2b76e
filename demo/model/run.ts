import type { TaskState } from 'celeriac'
import type { Handle } from '../scenario-catalog.ts'
import { type Edge, edgesOf } from './edges.ts'
import type { LoggedEvent, PlainError } from './logged-event.ts'

/** One execution of a task body, on one worker (a retried task has several). */
export interface Span {
  worker: number | null
  start: number
  end: number | null
  outcome: TaskState | null
}

/** A task as the graph shows it, folded from its events. */
export interface TaskNode {
  id: string
  name: string
  args: unknown[]
  state: TaskState
  via: string | null
  parentId: string | null
  rootId: string
  groupId: string | null
  retries: number
  sentAt: number
  finishedAt: number | null
  spans: Span[]
  result?: unknown
  error?: PlainError
  traceback: string | null
  reason?: string
}

const READY = new Set<TaskState>(['SUCCESS', 'FAILURE', 'REVOKED'])

/** Where a run came from. */
export interface RunInfo {
  id: string
  title: string
  scenarioId: string | null
  startedAt: number
}

/**
 * The tasks of one scenario run, folded from task events in emission order.
 * Pure data: the session decides which events belong here.
 */
export class Run {
  readonly info: RunInfo
  readonly nodes = new Map<string, TaskNode>()
  readonly log: LoggedEvent[] = []
  /** The result handle the scenario returned (absent for runs reopened from history). */
  handle: Handle | null = null
  /** Bumped on every change, so views know when to redraw. */
  version = 0
  #edges: Edge[] | null = null

  constructor(info: RunInfo) {
    this.info = info
  }

  /** Rebuild a run from its stored event log. */
  static fromLog(info: RunInfo, log: LoggedEvent[]): Run {
    const run = new Run(info)
    for (const event of log) run.apply(event)
    return run
  }

  /** The edges, derived from each task's `via` and parent. */
  get edges(): Edge[] {
    this.#edges ??= edgesOf(this.nodes)
    return this.#edges
  }

  /** Every task known so far is SUCCESS, FAILURE or REVOKED. */
  get done(): boolean {
    if (this.nodes.size === 0) return false
    for (const node of this.nodes.values()) if (!READY.has(node.state)) return false
    return true
  }

  /** The last moment anything happened. */
  get lastAt(): number {
    return this.log.at(-1)?.timestamp ?? this.info.startedAt
  }

  apply(event: LoggedEvent): void {
    this.log.push(event)
    const node = this.nodes.get(event.id) ?? this.#add(event)
    foldEvent(node, event)
    this.version++
  }

  #add(event: LoggedEvent): TaskNode {
    this.#endParentBody(event)
    const node: TaskNode = {
      id: event.id,
      name: event.name,
      args: event.args,
      state: 'PENDING',
      via: event.via,
      parentId: event.parentId,
      rootId: event.rootId,
      groupId: event.groupId,
      retries: 0,
      sentAt: event.timestamp,
      finishedAt: null,
      spans: [],
      traceback: null,
    }
    this.nodes.set(node.id, node)
    this.#edges = null
    return node
  }

  /**
   * A child is sent the moment its parent's body has returned, before the parent's
   * result is stored: that is where the parent's bar ends, not at its stored event.
   */
  #endParentBody(child: LoggedEvent): void {
    const span = child.parentId ? this.nodes.get(child.parentId)?.spans.at(-1) : undefined
    if (span && span.end === null) span.end = child.timestamp
  }
}

function foldEvent(node: TaskNode, event: LoggedEvent): void {
  node.retries = event.retries
  if (event.type === 'task-started') {
    node.state = 'STARTED'
    node.spans.push({ worker: event.worker, start: event.timestamp, end: null, outcome: null })
  } else if (event.type === 'task-progress') {
    if (event.state) node.state = event.state
  } else {
    const final = FINAL_STATES[event.type]
    if (!final) return
    if (event.type === 'task-succeeded') node.result = event.result
    if (event.type === 'task-revoked') node.reason = event.reason
    finish(node, event, final)
  }
}

/** The state each finishing event leaves a task in. */
const FINAL_STATES: Partial<Record<LoggedEvent['type'], TaskState>> = {
  'task-retried': 'RETRY',
  'task-succeeded': 'SUCCESS',
  'task-failed': 'FAILURE',
  'task-revoked': 'REVOKED',
}

function finish(node: TaskNode, event: LoggedEvent, state: TaskState): void {
  node.state = state
  if (event.exception) node.error = event.exception
  if (event.traceback !== undefined) node.traceback = event.traceback ?? null
  const span = node.spans.at(-1)
  if (span && span.outcome === null) {
    span.end ??= event.timestamp
    span.outcome = state
  }
  if (READY.has(state)) node.finishedAt = event.timestamp
}

/** How long the task took: from its first start to its end (or to `now` while it runs). */
export function durationOf(node: TaskNode, now: number): number | null {
  const first = node.spans[0]
  if (!first) return null
  return (node.finishedAt ?? now) - first.start
}

/** The node never ran: a chain step after a failure, or a chord body whose header failed. */
export function neverRan(node: TaskNode): boolean {
  return node.spans.length === 0 && READY.has(node.state)
}
