import type { TaskMessage } from './protocol.ts'

/** Where task messages wait. `MemoryBroker` in core; durable and Redis brokers at the edges. */
export interface Broker {
  /** Queue a message. Resolves once it is accepted. */
  publish(message: TaskMessage): void | Promise<void>
  /** Deliver every message, in order, to `consumer`. Returns the function that stops it. */
  consume(consumer: (message: TaskMessage) => void): () => void
  close(): Promise<void>
}
