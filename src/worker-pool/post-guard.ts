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

/** FAILURE `EncodeError` for a job that could not be posted to any worker. */
export function unsendable(job: Job, error: unknown): Outcome {
  return failureOutcome(
    new EncodeError(
      `Task ${job.task}[${job.id}] could not be sent to a worker (${String(error)}): pass args that structured clone can copy; transfer only buffers and ports, once each.`,
      { cause: error },
    ),
  )
}
