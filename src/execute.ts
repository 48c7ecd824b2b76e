import { findUncloneable } from './clone-check.ts'
import { RetrySignal, TaskContext } from './context.ts'
import { reviveArgs } from './errback-args.ts'
import { formatTraceback, toErrorRecord } from './error-record.ts'
import { EncodeError, NotRegistered, SoftTimeLimitExceeded } from './errors.ts'
import { LazyAbort } from './lazy-abort.ts'
import { failureOutcome, requestOf } from './outcome.ts'
import type { ExecutionIo } from './pool.ts'
import type { Job, Outcome } from './protocol.ts'
import { backoffDelay, shouldAutoretry } from './retry-policy.ts'
import type { TaskDefinition } from './task-options.ts'
import { unwrapTransfer } from './transfer.ts'

/** Looks a task up by name, in whatever thread runs the body. */
export type TaskLookup = (name: string) => TaskDefinition | undefined

/**
 * Run one job's body and describe what came of it. Never rejects: errors, retries,
 * unknown task names and results that cannot be cloned all become outcomes.
 */
export async function executeJob(
  lookup: TaskLookup,
  job: Job,
  io: ExecutionIo = {},
): Promise<Outcome> {
  const definition = lookup(job.task)
  if (!definition) {
    return failureOutcome(
      new NotRegistered(
        `Task '${job.task}' is not registered: define it with app.task('${job.task}', fn) in the tasks module the worker imports.`,
      ),
    )
  }
  try {
    if (!definition.options.bind)
      return successOutcome(await definition.fn(...reviveArgs(job.args)))
    return successOutcome(await runBound(definition, job, io))
  } catch (thrown) {
    return outcomeOfThrown(definition, job, thrown)
  }
}

/** A bound body gets a context, whose signal the soft time limit and outside aborts reach. */
async function runBound(definition: TaskDefinition, job: Job, io: ExecutionIo): Promise<unknown> {
  const abort = io.abort ?? new LazyAbort()
  const stopLimits = watchLimits(job, abort, io.signal)
  try {
    const ctx = contextOf(definition, job, abort, io.onUpdate)
    return await definition.fn(ctx, ...reviveArgs(job.args))
  } finally {
    stopLimits()
  }
}

function contextOf(
  definition: TaskDefinition,
  job: Job,
  abort: LazyAbort,
  onUpdate?: ExecutionIo['onUpdate'],
): TaskContext {
  return new TaskContext(requestOf(job), definition.options, abort, {
    maxRetries: job.maxRetries,
    onUpdate,
  })
}

function successOutcome(returned: unknown): Outcome {
  const { value, transfer } = unwrapTransfer(returned)
  const refused = findUncloneable(value, 'result')
  if (refused) {
    return failureOutcome(
      new EncodeError(
        `The task returned ${refused.what} at ${refused.path}, which cannot be stored or sent to a callback: return plain data (objects, arrays, Map, Set, Date, typed arrays).`,
      ),
    )
  }
  return transfer ? { status: 'SUCCESS', value, transfer } : { status: 'SUCCESS', value }
}

/** A retry signal, an error that retries on its own (`autoretryFor`), or a failure. */
function outcomeOfThrown(definition: TaskDefinition, job: Job, thrown: unknown): Outcome {
  const { options } = definition
  try {
    if (!(thrown instanceof RetrySignal) && shouldAutoretry(options, thrown)) {
      const countdown = options.retryBackoff ? backoffDelay(options, job.retries) : undefined
      contextOf(definition, job, new LazyAbort()).retry({ exc: thrown, countdown })
    }
    throw thrown
  } catch (error) {
    return error instanceof RetrySignal ? retryOutcome(error) : failureOutcome(error)
  }
}

function retryOutcome(signal: RetrySignal): Outcome {
  const error = signal.exc === undefined ? null : toErrorRecord(signal.exc)
  return {
    status: 'RETRY',
    error,
    traceback: error ? formatTraceback(error) : null,
    eta: signal.eta,
    ...(signal.args ? { args: signal.args } : {}),
  }
}

/** Abort the body's signal on the soft time limit or an outside abort; returns the cleanup. */
function watchLimits(job: Job, abort: LazyAbort, outside?: AbortSignal): () => void {
  const onOutsideAbort = () => abort.abort(outside?.reason)
  outside?.addEventListener('abort', onOutsideAbort, { once: true })
  const { task, id, softTimeLimit: limit } = job
  const timer =
    limit === null
      ? undefined
      : setTimeout(
          () =>
            abort.abort(
              new SoftTimeLimitExceeded(
                `Task ${task}[${id}] exceeded its soft time limit of ${limit} ms`,
              ),
            ),
          limit,
        )
  return () => {
    clearTimeout(timer)
    outside?.removeEventListener('abort', onOutsideAbort)
  }
}
