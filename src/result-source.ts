import type { AppRuntime } from './app-runtime.ts'
import type { FrozenHandle } from './freeze.ts'
import { GroupResult } from './group-result.ts'
import type { ResultTuple } from './protocol.ts'
import { type AnyResult, AsyncResult, type ResultSource } from './result.ts'

/** Result handles' access to the app's backend, waits and worker, started on first use. */
export class RuntimeResultSource implements ResultSource {
  /** The app's runtime, started by the first call. */
  readonly runtime: () => AppRuntime

  constructor(start: () => AppRuntime) {
    this.runtime = start
  }

  handleOf(tuple: ResultTuple): AsyncResult | GroupResult {
    const [[id], members] = tuple
    return members
      ? new GroupResult(
          id,
          members.map((member) => this.handleOf(member) as AsyncResult),
        )
      : new AsyncResult(this, id)
  }

  /** The handle tree a frozen signature promised. */
  fromFrozen(handle: FrozenHandle, ignored = false): AsyncResult<any> | GroupResult<any> {
    const parent: AnyResult | null = handle.parent ? this.fromFrozen(handle.parent) : null
    if (handle.kind === 'task') return new AsyncResult(this, handle.id, parent, ignored)
    const members = handle.members.map((member) => this.fromFrozen(member) as AsyncResult)
    return new GroupResult(handle.id, members, parent)
  }
}
