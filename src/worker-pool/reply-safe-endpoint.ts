import type { Endpoint } from 'comlink'
import { EncodeError } from '../errors.ts'
import { failureOutcome } from '../outcome.ts'
import type { Outcome, StateUpdate } from '../protocol.ts'
import { type BatchReply, packOutcome, unpackOutcome } from './wire.ts'

/**
 * The worker's endpoint, made safe for replies: comlink answers a reply that
 * structured clone refuses with one error for the whole call, losing every
 * outcome in it. Here such a reply is posted again, each outcome cloned on its
 * own: one that cannot travel becomes FAILURE `EncodeError`, the rest arrive.
 */
export function replySafeEndpoint(endpoint: Endpoint): Endpoint {
  return {
    postMessage(message: unknown, transfers?: Transferable[]) {
      try {
        endpoint.postMessage(message, transfers)
      } catch (error) {
        const reply = replyIn(message)
        if (!reply) throw error
        const safe = sendable(reply)
        endpoint.postMessage({ ...(message as object), value: safe.reply }, safe.transfer)
      }
    },
    addEventListener: endpoint.addEventListener.bind(endpoint),
    removeEventListener: endpoint.removeEventListener.bind(endpoint),
    ...(endpoint.start ? { start: endpoint.start.bind(endpoint) } : {}),
  }
}

function replyIn(message: unknown): BatchReply | undefined {
  const { type, value } = (message ?? {}) as { type?: string; value?: Partial<BatchReply> }
  return type === 'RAW' && Array.isArray(value?.done) && Array.isArray(value?.values)
    ? (value as BatchReply)
    : undefined
}

function sendable(reply: BatchReply): { reply: BatchReply; transfer: Transferable[] } {
  const transfer: Transferable[] = []
  const safe: BatchReply = { started: reply.started, done: reply.done, kinds: '', values: [] }
  for (let i = 0; i < reply.done.length; i++) {
    const copy = cloned(unpackOutcome(reply, i))
    if (copy.status === 'SUCCESS' && copy.transfer) transfer.push(...copy.transfer)
    packOutcome(safe, copy)
  }
  if (reply.updated) {
    const kept = reply.updated.flatMap((seq, i) => clonedUpdate(seq, reply.updates![i]))
    safe.updated = kept.map((each) => each.seq)
    safe.updates = kept.map((each) => each.update)
  }
  return { reply: safe, transfer }
}

function clonedUpdate(seq: number, update: StateUpdate): { seq: number; update: StateUpdate }[] {
  try {
    return [{ seq, update: structuredClone(update) }]
  } catch (error) {
    console.error('celeriac: a state update could not be sent to the pool and was dropped:', error)
    return []
  }
}

/** The outcome as it can travel: moved, else copied, else an `EncodeError`. */
function cloned(outcome: Outcome): Outcome {
  const moved = outcome.status === 'SUCCESS' ? outcome.transfer : undefined
  try {
    if (moved) return structuredClone(outcome, { transfer: moved })
  } catch {
    // an item the transfer list cannot move: try copying instead
  }
  try {
    const { transfer: _, ...rest } = outcome as Outcome & { transfer?: unknown }
    return structuredClone(rest)
  } catch (error) {
    return failureOutcome(
      new EncodeError(
        `The task's result could not be sent back from the worker (${String(error)}): return plain data, and pass only buffers and ports to transfer().`,
        { cause: error },
      ),
    )
  }
}
