import type { Broker } from './broker.ts'
import type { TaskMessage } from './protocol.ts'

/**
 * The in-process broker: hands each message to the consumer as it is published,
 * and keeps what is published before anything consumes, in order.
 */
export class MemoryBroker implements Broker {
  #consumer: ((message: TaskMessage) => void) | undefined
  #waiting: TaskMessage[] = []

  publish(message: TaskMessage): void {
    if (this.#consumer) this.#consumer(message)
    else this.#waiting.push(message)
  }

  consume(consumer: (message: TaskMessage) => void): () => void {
    this.#consumer = consumer
    const waiting = this.#waiting
    this.#waiting = []
    for (const message of waiting) consumer(message)
    return () => {
      if (this.#consumer === consumer) this.#consumer = undefined
    }
  }

  async close(): Promise<void> {
    this.#consumer = undefined
    this.#waiting = []
  }
}
