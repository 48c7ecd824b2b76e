import { AppRuntime } from './app-runtime.ts'
import type { Backend } from './backend.ts'
import type { Broker } from './broker.ts'
import type { TaskContext } from './context.ts'
import { EventBus, type TaskEventListener, type TaskEventType } from './events.ts'
import type { GroupResult } from './group-result.ts'
import type { Pool } from './pool.ts'
import { prepareSend } from './producer.ts'
import type { SendOptions, SignatureData } from './protocol.ts'
import { AsyncResult } from './result.ts'
import { RuntimeResultSource } from './result-source.ts'
import type { Sender } from './sendable.ts'
import { Signature } from './signature.ts'
import { createTask, type Task } from './task.ts'
import type { TaskDefinition, TaskOptions } from './task-options.ts'
import { checkSendOptions } from './validate.ts'
import { AppClosedError } from './waits.ts'

/** The parts an app can be wired with; each defaults to the in-memory one. */
export interface AppParts {
  /** Where task messages wait. @default new MemoryBroker() */
  broker?: Broker
  /** Where results are kept. @default new MemoryBackend() */
  backend?: Backend
  /** Where task bodies run. @default new InlinePool() */
  pool?: Pool
}

/** Options of {@link createApp}. */
export interface AppOptions extends AppParts {
  /** Names the app (in STARTED records and logs). @default 'celeriac' */
  name?: string
}

type BoundBody<A extends unknown[], R> = (ctx: TaskContext, ...args: A) => R

/**
 * The task registry plus the wiring of one broker, one backend and one pool.
 * Import the same app from the producing code and the worker code, so that each
 * task is defined once.
 */
export class App implements Sender {
  /** The app's name. */
  readonly name: string
  readonly #registry = new Map<string, TaskDefinition>()
  readonly #events = new EventBus()
  #parts: AppParts
  #runtime: AppRuntime | undefined
  #closed = false
  readonly #source = new RuntimeResultSource(() => this.#start())

  constructor(options: AppOptions = {}) {
    const { name, ...parts } = options
    this.name = name ?? 'celeriac'
    this.#parts = parts
  }

  /** The registered tasks by name. */
  get tasks(): ReadonlyMap<string, TaskDefinition> {
    return this.#registry
  }

  /**
   * Register a task. With `{ bind: true }` the body gets a {@link TaskContext} first.
   * @example const add = app.task('add', (x: number, y: number) => x + y)
   */
  task<A extends unknown[], R>(
    name: string,
    fn: BoundBody<A, R>,
    options: TaskOptions & { bind: true },
  ): Task<A, R>
  task<A extends unknown[], R>(
    name: string,
    fn: (...args: A) => R,
    options?: TaskOptions & { bind?: false },
  ): Task<A, R>
  task(
    name: string,
    fn: (...args: any[]) => unknown,
    options: TaskOptions = {},
  ): Task<any[], unknown> {
    checkTaskDefinition(name, fn, this.#registry)
    const definition: TaskDefinition = { name, fn, options: { ...options } }
    this.#registry.set(name, definition)
    return createTask(this, definition)
  }

  /** A signature by task name (the task need not be registered here). */
  signature(
    name: string,
    args: unknown[] = [],
    options: SendOptions = {},
  ): Signature<any[], unknown, false> {
    checkName(name, 'app.signature(name)')
    checkSendOptions(options, 'app.signature')
    return new Signature(this, {
      subtaskType: null,
      task: name,
      args,
      options: { ...options },
      immutable: false,
    })
  }

  /**
   * Wire the broker, backend and pool, once, before the first task is sent.
   * @example app.configure({ pool: new ThreadPool({ worker: new URL('./worker.ts', import.meta.url) }) })
   */
  configure(parts: AppParts): this {
    if (this.#runtime) {
      throw new Error(
        'app.configure() must be called before the first task is sent or result read.',
      )
    }
    this.#parts = { ...this.#parts, ...parts }
    return this
  }

  /** A handle on a result by id, e.g. one sent from another tab or process. */
  result(id: string): AsyncResult {
    return new AsyncResult(this.#source, id)
  }

  /** Listen to task events (`task-sent`, `task-succeeded`, … or `'*'`). @returns unsubscribe */
  on(type: TaskEventType | '*', listener: TaskEventListener): () => void {
    return this.#events.on(type, listener)
  }

  /** Settle every pending promise and release every thread, file and connection. */
  async close(): Promise<void> {
    await this.#runtime?.close()
    this.#closed = true
  }

  /** @internal Sender */
  send(data: SignatureData, args: unknown[], options: object): AsyncResult<any> | GroupResult<any> {
    const { frozen, ctx } = prepareSend(this, data, args, options)
    const [first] = this.#start().publish(frozen, args, ctx)
    // A single task whose result is ignored: its handle resolves null at once.
    return this.#source.fromFrozen(frozen, frozen.subtaskType === null && first!.ignoreResult)
  }

  /** @internal Sender */
  isRegistered(name: string): boolean {
    return this.#registry.has(name)
  }

  #start(): AppRuntime {
    if (this.#closed)
      throw new AppClosedError(`The app '${this.name}' is closed: create a new one.`)
    this.#runtime ??= new AppRuntime(this.name, this.#parts, this.#events, this.#registry)
    return this.#runtime
  }
}

/**
 * Create an app. Without `configure()` it runs tasks in this thread (InlinePool)
 * with in-memory broker and backend — its own, shared with no other app.
 */
export function createApp(options: AppOptions = {}): App {
  return new App(options)
}

function checkTaskDefinition(
  name: unknown,
  fn: unknown,
  registry: Map<string, TaskDefinition>,
): void {
  checkName(name, 'app.task(name, fn)')
  if (typeof fn !== 'function') {
    throw new TypeError(
      `app.task('${name}', fn): fn must be the task's body, a function; got ${typeof fn}.`,
    )
  }
  if (registry.has(name)) {
    throw new TypeError(
      `app.task('${name}'): a task named '${name}' is already registered in this app. Pick another name.`,
    )
  }
}

function checkName(name: unknown, where: string): asserts name is string {
  if (typeof name !== 'string' || name === '') {
    throw new TypeError(`${where}: name must be a task name, such as 'add'; got ${typeof name}.`)
  }
}
