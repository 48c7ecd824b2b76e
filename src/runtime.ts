import type { Backend } from './backend.ts'
import type { Broker } from './broker.ts'
import type { EventBus } from './events.ts'
import type { SendContext } from './messages.ts'
import type { Pool } from './pool.ts'
import type { ResultTuple, SignatureData } from './protocol.ts'

/** The parts an app wires together once it starts: what the worker and the trace use. */
export interface Runtime {
  readonly broker: Broker
  readonly backend: Backend
  readonly pool: Pool
  readonly events: EventBus
  /** Names this process in STARTED records. */
  readonly hostname: string
  /** Freeze (unless already frozen), publish and announce a signature; its result tuple. */
  dispatch(data: SignatureData, partial: unknown[], ctx: SendContext, frozen: boolean): ResultTuple
}
