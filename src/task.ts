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
  const { name, options } = definition
  const data = (args: unknown[], immutable = false): TaskSignatureData => ({
    subtaskType: null,
    task: name,
    args,
    options: {},
    immutable,
  })
  const callDirectly = (...args: unknown[]) => callBody(definition, args)
  Object.defineProperty(callDirectly, 'name', { value: name })
  return Object.assign(callDirectly, {
    options,
    s: (...args: unknown[]) => new Signature(sender, data(args)),
    si: (...args: unknown[]) => new Signature(sender, data(args, true)),
    delay: (...args: unknown[]) => sender.send(data([]), args, {}),
    applyAsync: (args: unknown[], options?: ApplyOptions) =>
      sender.send(data([]), args, options ?? {}),
  }) as unknown as Task<A, R>
}

async function callBody(definition: TaskDefinition, args: unknown[]): Promise<unknown> {
  if (!definition.options.bind) return definition.fn(...args)
  const id = newTaskId()
  const request: TaskRequest = {
    id,
    task: definition.name,
    args,
    retries: 0,
    parentId: null,
    rootId: id,
    groupId: null,
    calledDirectly: true,
  }
  return definition.fn(new TaskContext(request, definition.options, new LazyAbort()), ...args)
}
