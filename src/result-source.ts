import type { AppRuntime } from './app-runtime.ts'
import type { FrozenHandle } from './freeze.ts'
import { GroupResult } from './group-result.ts'
import type { ResultRecord, ResultTuple } from './protocol.ts'
import { type AnyResult, AsyncResult, type ResultSource } from './result.ts'

/** Result handles' access to the app's backend and worker, started on first use. */
export class RuntimeResultSource implements ResultSource {
  readonly #start: () => AppRuntime

  constructor(start: () => AppRuntime) {
    this.#start = start
  }

  read(id: string): Promise<ResultRecord | null> {
    return this.#start().backend.get(id)
  }

  waitReady(id: string, timeout: number | undefined, failOn: string[]): Promise<ResultRecord> {
    return this.#start().waits.wait(id, timeout, failOn)
  }

  forget(id: string): Promise<void> {
    return this.#start().backend.forget(id)
  }

  revoke(id: string, terminate: boolean): Promise<string> {
    return this.#start().worker.revoke(id, terminate)
  }

  handleOf(tuple: ResultTuple): AsyncResult | GroupResult {
    const [[id], members] = tuple
    if (members)
      return new GroupResult(
        id,
        members.map((member) => this.handleOf(member) as AsyncResult),
      )
    return new AsyncResult(this, id)
  }

  /** The handle tree a frozen signature promised. */
  fromFrozen(handle: FrozenHandle, ignored = false): AsyncResult<any> | GroupResult<any> {
    const parent: AnyResult | null = handle.parent ? this.fromFrozen(handle.parent) : null
    if (handle.kind === 'task') return new AsyncResult(this, handle.id, { parent, ignored })
    const members = handle.members.map((member) => this.fromFrozen(member) as AsyncResult)
    return new GroupResult(handle.id, members, parent)
  }
}
