import type { AppParts } from './app.ts'
import type { Backend } from './backend.ts'
import type { Broker } from './broker.ts'
import type { EventBus } from './events.ts'
import { executeJob } from './execute.ts'
import { freeze, resultTupleOf } from './freeze.ts'
import { InlinePool } from './inline-pool.ts'
import { MemoryBackend } from './memory-backend.ts'
import { MemoryBroker } from './memory-broker.ts'
import { messagesOf, type SendContext } from './messages.ts'
import type { Pool } from './pool.ts'
import type { ResultTuple, SignatureData, TaskMessage } from './protocol.ts'
import type { Runtime } from './runtime.ts'
import type { TaskDefinition } from './task-options.ts'
import { emitEvent } from './trace.ts'
import { ResultWaits } from './waits.ts'
import { Worker } from './worker.ts'

/** An app's parts once started: made on first send or first result read. */
export class AppRuntime implements Runtime {
  readonly broker: Broker
  readonly backend: Backend
  readonly pool: Pool
  readonly events: EventBus
  readonly hostname: string
  readonly worker: Worker
  readonly waits: ResultWaits
  readonly #registry: ReadonlyMap<string, TaskDefinition>
  readonly #stopConsuming: () => void

  constructor(
    name: string,
    parts: AppParts,
    events: EventBus,
    registry: ReadonlyMap<string, TaskDefinition>,
  ) {
    this.broker = parts.broker ?? new MemoryBroker()
    this.backend = parts.backend ?? new MemoryBackend()
    this.pool = parts.pool ?? new InlinePool()
    this.events = events
    this.hostname = `celeriac@${name}`
    this.#registry = registry
    this.waits = new ResultWaits(this.backend)
    this.pool.bind?.((job, io) => executeJob((taskName) => registry.get(taskName), job, io))
    this.worker = new Worker(this)
    this.#stopConsuming = this.broker.consume((message) => this.worker.receive(message))
  }

  dispatch(
    data: SignatureData,
    partial: unknown[],
    ctx: SendContext,
    frozen: boolean,
  ): ResultTuple {
    const ready = frozen ? data : freeze(data)
    this.publish(ready, partial, ctx)
    return resultTupleOf(ready)
  }

  /** Publish the messages of frozen data, announcing each as `task-sent`; returns them. */
  publish(data: SignatureData, partial: unknown[], ctx: SendContext): TaskMessage[] {
    const messages = messagesOf(data, partial, ctx, this.#registry)
    for (const message of messages) {
      emitEvent(this.events, 'task-sent', message)
      this.broker.publish(message)
    }
    return messages
  }

  /** Stop consuming, settle running tasks through the pool, then release everything. */
  async close(): Promise<void> {
    this.#stopConsuming()
    const running = this.worker.close()
    await this.pool.close()
    await running
    this.waits.closeAll()
    await this.backend.close()
    await this.broker.close()
  }
}
