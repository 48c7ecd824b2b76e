import type { Endpoint } from 'comlink'
import { EncodeError } from '../errors.ts'
import { failureOutcome } from '../outcome.ts'
import type { Job, Outcome } from '../protocol.ts'

/** The endpoint with its own `postMessage` replaced; listening goes to the original. */
export function withPost(endpoint: Endpoint, postMessage: Endpoint['postMessage']): Endpoint {
  return {
    postMessage,
    addEventListener: endpoint.addEventListener.bind(endpoint),
    removeEventListener: endpoint.removeEventListener.bind(endpoint),
    start: endpoint.start?.bind(endpoint),
  }
}

/**
 * An endpoint that tells `failed` when a post throws (a value structured clone
 * refuses), then rethrows: comlink only turns the throw into a rejected call,
 * too late to tell which batch it was.
 */
export function guardedEndpoint(endpoint: Endpoint, failed: (error: unknown) => void): Endpoint {
  return withPost(endpoint, (message, transfers) => {
    try {
      endpoint.postMessage(message, transfers)
    } catch (error) {
      failed(error)
      throw error
    }
  })
}

/** FAILURE `EncodeError` for a job that could not be posted to any worker. */
export function unsendable(job: Job, error: unknown): Outcome {
  return failureOutcome(
    new EncodeError(
      `Task ${job.task}[${job.id}] could not be sent to a worker (${explain(error)}): pass args that structured clone can copy, and transfer only buffers and ports, once each.`,
      { cause: error },
    ),
  )
}

/** `Name: message` of an error, for messages that name what went wrong. */
export function explain(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error)
}
