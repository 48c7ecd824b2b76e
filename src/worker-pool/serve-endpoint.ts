import { type Endpoint, expose } from 'comlink'
import type { TaskDefinition } from '../task-options.ts'
import { JobRunner } from './job-runner.ts'
import { replySafeEndpoint } from './reply-safe-endpoint.ts'

/** Options of {@link serveEndpoint}. */
export interface ServeEndpointOptions {
  /**
   * Run a function once the current task and its microtasks are done: when the
   * worker reports outcomes while other bodies are still running.
   * @default a `MessageChannel` hop (Node passes `setImmediate`)
   */
  defer?: (fn: () => void) => void
}

/**
 * Serve an app's tasks to a worker pool over a comlink endpoint: the body of
 * `serve(app)` on every platform. Each body runs through `executeJob` with its
 * own abort, so a soft stop from the pool reaches `ctx.signal`.
 * @example serveEndpoint(nodeEndpoint(parentPort), app, { defer: setImmediate })
 */
export function serveEndpoint(
  endpoint: Endpoint,
  app: { readonly tasks: ReadonlyMap<string, TaskDefinition> },
  options: ServeEndpointOptions = {},
): void {
  const runner = new JobRunner((name) => app.tasks.get(name), {
    post: (notice) => endpoint.postMessage(notice),
    defer: options.defer ?? macrotask(),
  })
  // comlink calls `connect` and `run` on the runner itself; its state is private.
  expose(runner, replySafeEndpoint(endpoint))
}

/** A deferral through a `MessageChannel`, made on first use (no clamping, unlike `setTimeout`). */
function macrotask(): (fn: () => void) => void {
  let channel: MessageChannel | undefined
  const waiting: (() => void)[] = []
  return (fn) => {
    if (!channel) {
      channel = new MessageChannel()
      channel.port1.onmessage = () => waiting.shift()?.()
    }
    waiting.push(fn)
    channel.port2.postMessage(null)
  }
}
