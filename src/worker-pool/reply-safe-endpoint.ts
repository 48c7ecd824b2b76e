import type { Endpoint } from 'comlink'
import { EncodeError } from '../errors.ts'
import { failureOutcome } from '../outcome.ts'
import type { Outcome } from '../protocol.ts'
import { withPost } from './post-guard.ts'
import { type BatchReply, packOutcome, unpackOutcome } from './wire.ts'

/**
 * The worker's endpoint, made safe for replies: comlink answers a reply that
 * structured clone refuses with one error for the whole call, losing every
 * outcome in it. Here such a reply is posted again, each outcome cloned on its
 * own: one that cannot travel becomes FAILURE `EncodeError`, the rest arrive.
 */
export function replySafeEndpoint(endpoint: Endpoint): Endpoint {
  return withPost(endpoint, (message, transfers) => {
    try {
      endpoint.postMessage(message, transfers)
    } catch (error) {
      const reply = (message as { value?: BatchReply }).value
      if (!Array.isArray(reply?.done)) throw error
      const moved: Transferable[] = []
      endpoint.postMessage({ ...(message as object), value: sendable(reply, moved) }, moved)
    }
  })
}

/** The reply rebuilt from what can travel; what it moves is added to `moved`. */
function sendable(reply: BatchReply, moved: Transferable[]): BatchReply {
  const { started, done, updated, updates } = reply
  const safe: BatchReply = { started, done, kinds: '', values: [] }
  for (let i = 0; i < done.length; i++) {
    const copy = cloned(unpackOutcome(reply, i))
    if (copy.status === 'SUCCESS' && copy.transfer) moved.push(...copy.transfer)
    packOutcome(safe, copy)
  }
  if (!updated) return safe
  safe.updated = []
  safe.updates = []
  for (let i = 0; i < updated.length; i++) {
    try {
      safe.updates.push(structuredClone(updates![i]))
      safe.updated.push(updated[i])
    } catch (error) {
      console.error(
        'celeriac: a state update could not be sent to the pool and was dropped:',
        error,
      )
    }
  }
  return safe
}

/** The outcome as it can travel: moved, else copied, else an `EncodeError`. */
function cloned(outcome: Outcome): Outcome {
  const { transfer, ...copied } = outcome as Outcome & { transfer?: Transferable[] }
  try {
    return structuredClone(outcome, { transfer })
  } catch {
    // An item the transfer list cannot move: copy instead.
  }
  try {
    return structuredClone(copied) as Outcome
  } catch (error) {
    return failureOutcome(
      new EncodeError(
        `The task's result could not be sent back from the worker (${String(error)}): return plain data; transfer only buffers and ports.`,
        { cause: error },
      ),
    )
  }
}
