import type { AppRuntime } from './app-runtime.ts'
import { handleOf, type MakeHandle } from './freeze.ts'
import { GroupResult } from './group-result.ts'
import type { ResultTuple, SignatureData } from './protocol.ts'
import { type AnyResult, AsyncResult, type ResultSource } from './result.ts'

/** Result handles' access to the app's backend, waits and worker, started on first use. */
export class RuntimeResultSource implements ResultSource {
  /** The app's runtime, started by the first call. */
  readonly runtime: () => AppRuntime
  /** A group's handle (its members are tasks') or a task's. */
  readonly #make: MakeHandle<AnyResult> = (id, members) =>
    members ? new GroupResult(id, members as AsyncResult[]) : new AsyncResult(this, id)

  constructor(start: () => AppRuntime) {
    this.runtime = start
  }

  handleOf(tuple: ResultTuple): AsyncResult | GroupResult {
    const [[id], members] = tuple
    return this.#make(
      id,
      members?.map((member) => this.handleOf(member)),
    )
  }

  /**
   * The handle tree frozen data promises. `ignored`: it is one task whose result
   * will not be stored, so its handle resolves `null` at once.
   */
  fromFrozen(data: SignatureData, ignored = false): AnyResult {
    if (ignored) return new AsyncResult(this, data.options.taskId!, null, true)
    return handleOf(data, this.#make)
  }
}
