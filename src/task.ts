import { TaskContext } from './context.ts'
import { newTaskId } from './ids.ts'
import { LazyAbort } from './lazy-abort.ts'
import type { TaskRequest, TaskSignatureData } from './protocol.ts'
import type { AsyncResult } from './result.ts'
import type { Sender } from './sendable.ts'
import { type ApplyOptions, Signature } from './signature.ts'
import type { TaskDefinition, TaskOptions } from './task-options.ts'
import type { Remaining, Suffixes } from './types.ts'

/**
 * A registered task: call it to run the body here and now, or send it to a worker
 * with `delay` / `applyAsync`, or describe a call with `s` / `si`.
 */
export interface Task<A extends unknown[] = any[], R = unknown> {
  /** Run the body in this thread, now (no worker, nothing stored). */
  (...args: A): Promise<Awaited<R>>
  /** The registered name. */
  readonly name: string
  /** The options it was registered with. */
  readonly options: Readonly<TaskOptions>
  /**
   * A partial signature: `mul.s(10)` holds the last argument; a parent's result
   * (or `delay` args) is prepended when it runs.
   */
  s<P extends Suffixes<A>>(...args: P): Signature<Remaining<A, P>, R, false>
  /** An immutable signature: runs with exactly these args, ignoring any parent result. */
  si(...args: A): Signature<[], R, true>
  /** Send it: `add.delay(2, 2)` is `add.applyAsync([2, 2])`. */
  delay(...args: A): AsyncResult<Awaited<R>>
  /** Send it with options: `add.applyAsync([2, 2], { link: mul.s(10), countdown: 1000 })`. */
  applyAsync(args: A, options?: ApplyOptions<R>): AsyncResult<Awaited<R>>
}

/** Build the callable handle of a registered task. */
export function createTask<A extends unknown[], R>(
  sender: Sender,
  definition: TaskDefinition,
): Task<A, R> {
  const callDirectly = (...args: unknown[]) => callBody(definition, args)
  const signature = (args: unknown[], immutable: boolean) =>
    new Signature(sender, {
      subtaskType: null,
      task: definition.name,
      args,
      options: {},
      immutable,
    })
  const methods = {
    options: definition.options,
    s: (...args: unknown[]) => signature(args, false),
    si: (...args: unknown[]) => signature(args, true),
    delay: (...args: unknown[]) => sender.send(bareSignature(definition.name), args, {}),
    applyAsync: (args: unknown[], options?: ApplyOptions) =>
      sender.send(bareSignature(definition.name), args, options ?? {}),
  }
  Object.defineProperty(callDirectly, 'name', { value: definition.name })
  return Object.assign(callDirectly, methods) as unknown as Task<A, R>
}

/** The plain data of `task.s()`, without a Signature around it: what `delay` sends. */
function bareSignature(task: string): TaskSignatureData {
  return { subtaskType: null, task, args: [], options: {}, immutable: false }
}

async function callBody(definition: TaskDefinition, args: unknown[]): Promise<unknown> {
  const request: TaskRequest = {
    id: newTaskId(),
    task: definition.name,
    args,
    retries: 0,
    parentId: null,
    rootId: '',
    groupId: null,
    calledDirectly: true,
  }
  request.rootId = request.id
  const ctx = new TaskContext(request, definition.options, new LazyAbort())
  return definition.options.bind ? definition.fn(ctx, ...args) : definition.fn(...args)
}
