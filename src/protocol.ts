/**
 * Every type that crosses a boundary — producer to broker, worker to pool,
 * trace to backend — lives here. All of them are plain, structured-clone data.
 */

/** A task state: one of {@link states} or a custom state from `ctx.updateState`. */
export type TaskState =
  | 'PENDING'
  | 'RECEIVED'
  | 'STARTED'
  | 'RETRY'
  | 'SUCCESS'
  | 'FAILURE'
  | 'REVOKED'
  | 'REJECTED'
  | (string & {})

/**
 * An error as it crosses a thread or storage: enough to rebuild an `Error` with
 * the same name, message, code, cause and own enumerable fields.
 */
export interface ErrorRecord {
  name: string
  message: string
  stack?: string
  code?: string
  cause?: ErrorRecord | unknown
  /** Own enumerable fields of the original error, other than the above. */
  fields?: Record<string, unknown>
}

/** Options that travel with a signature or a single `applyAsync` call. */
export interface SendOptions {
  /** Use this id instead of a fresh one. */
  taskId?: string
  /** Earliest start, in ms after sending. Wins over `eta`. */
  countdown?: number
  /** Earliest start, as a `Date` or epoch ms. */
  eta?: Date | number
  /** Ms after sending (or a `Date` / epoch ms above 10¹²) after which the task is revoked unrun. */
  expires?: Date | number
  /** Hard time limit in ms: the worker running the task is stopped. */
  timeLimit?: number
  /** Soft time limit in ms: `ctx.signal` aborts with `SoftTimeLimitExceeded`. */
  softTimeLimit?: number
  /** Per-call retry limit (`null` = forever). */
  maxRetries?: number | null
  /** Store nothing for this task; `get()` resolves `null` at once. */
  ignoreResult?: boolean
  /** Store `STARTED` when the body starts. */
  trackStarted?: boolean
  /** Kept for Celery compatibility; the in-memory broker serves in order. */
  priority?: number
  /** Kept for Celery compatibility; names the queue on brokers that have queues. */
  queue?: string
  parentId?: string | null
  rootId?: string | null
  groupId?: string | null
  groupIndex?: number | null
}

/** Why a message was sent: draws the edges of the demo's graph. */
export type SentVia = 'apply' | 'link' | 'linkError' | 'chain' | 'group' | 'chord' | 'retry'

/** A plain signature: what `task.s()` and the canvases describe, as data. */
export type SignatureData = TaskSignatureData | ChainData | GroupData | ChordData

interface SignatureBase {
  options: SignatureOptions
  immutable: boolean
}

/** Options kept on a signature: send options plus callbacks. */
export interface SignatureOptions extends SendOptions {
  link?: SignatureData[]
  linkError?: SignatureData[]
  /** Set when freezing a chord: this task's result counts towards the chord's body. */
  chord?: ChordMembership
}

export interface TaskSignatureData extends SignatureBase {
  subtaskType: null
  task: string
  args: unknown[]
}

export interface ChainData extends SignatureBase {
  subtaskType: 'chain'
  tasks: SignatureData[]
}

export interface GroupData extends SignatureBase {
  subtaskType: 'group'
  tasks: SignatureData[]
}

/** Once frozen, its `options.groupId` is the header's group id. */
export interface ChordData extends SignatureBase {
  subtaskType: 'chord'
  header: SignatureData[]
  body: SignatureData
}

/** Membership of a chord header, carried by the member whose result counts. */
export interface ChordMembership {
  /** The body, frozen (its `options.taskId` is set). */
  body: SignatureData
  /** How many header results the body waits for. */
  size: number
}

/** A task message: what a broker carries and a worker receives (Celery protocol v2, in camelCase). */
export interface TaskMessage {
  id: string
  task: string
  args: unknown[]
  retries: number
  /** Epoch ms; null = now. */
  eta: number | null
  /** Epoch ms; null = never. */
  expires: number | null
  parentId: string | null
  rootId: string
  groupId: string | null
  groupIndex: number | null
  callbacks: SignatureData[]
  errbacks: SignatureData[]
  /** The remaining chain steps, reversed: the next step is the last element. */
  chain: SignatureData[]
  chord: ChordMembership | null
  timeLimit: number | null
  softTimeLimit: number | null
  maxRetries?: number | null
  ignoreResult: boolean
  trackStarted: boolean
  via: SentVia
  /** Buffers in `args` to move to the worker without a copy. Not kept by durable brokers. */
  transfer?: Transferable[]
}

/** The request a task body sees as `ctx.request`, and an errback as its first argument. */
export interface TaskRequest
  extends Pick<
    TaskMessage,
    'id' | 'task' | 'args' | 'retries' | 'parentId' | 'rootId' | 'groupId'
  > {
  /** True when the body was called directly (`await task(...)`), not through a worker. */
  calledDirectly?: boolean
}

/**
 * What a pool is asked to run: one execution of one task body (a retried task
 * keeps its id; each run is a new job).
 */
export interface Job
  extends Pick<
    TaskMessage,
    | 'id'
    | 'task'
    | 'args'
    | 'retries'
    | 'parentId'
    | 'rootId'
    | 'groupId'
    | 'softTimeLimit'
    | 'maxRetries'
    | 'transfer'
  > {}

/** What running a job came to. */
export type Outcome = SuccessOutcome | FailureOutcome | RetryOutcome

export interface SuccessOutcome {
  status: 'SUCCESS'
  value: unknown
  /** Buffers in `value` to move back without a copy (from `transfer()`). */
  transfer?: Transferable[]
}

export interface FailureOutcome {
  status: 'FAILURE'
  error: ErrorRecord
  /** `'Name: message'` and the stack frames, or null (time limits, lost workers). */
  traceback: string | null
}

export interface RetryOutcome {
  status: 'RETRY'
  /** The exception given to `retry({ exc })`, if any. */
  error: ErrorRecord | null
  traceback: string | null
  /** Epoch ms of the next run. */
  eta: number
  /** New args for the next run, if the body gave any. */
  args?: unknown[]
}

/** A custom state reported by `ctx.updateState` while the body runs. */
export interface StateUpdate {
  state: TaskState
  meta: unknown
}

/** Celery's result tuple for one child: `[[id, parent], null]`; a group: `[[gid, null], [members]]`. */
export type ResultTuple = [[string, ResultTuple | null], ResultTuple[] | null]

/**
 * A stored result, with Celery's field names. In exception states `result` holds
 * an {@link ErrorRecord}; stores that write bytes encode it as Celery's
 * `{exc_type, exc_message, exc_module}` (see `codec.ts`).
 */
export interface ResultRecord {
  task_id: string
  status: TaskState
  result: unknown
  traceback: string | null
  children: ResultTuple[]
  /** ISO 8601 (UTC), set for ready states only. */
  date_done: string | null
  parent_id?: string | null
  group_id?: string | null
  /** Extended fields (Celery's `result_extended`). */
  name?: string
  args?: unknown[]
  retries?: number
}

/** One header member's outcome, as a chord counts it. */
export interface ChordPart {
  id: string
  index: number
  status: TaskState
  /** The value on SUCCESS, the ErrorRecord otherwise. */
  result: unknown
}
