/**
 * What the Node and browser pool benchmarks share: the contender shape, the two
 * measurements (all at once, one at a time) and the helpers around them.
 * Platform-free, so the browser bench's bundle can import it too.
 */
import type { Job, Outcome } from '../src/protocol.ts'

export type Add = (x: number, y: number) => Promise<unknown>

/** One pool under test: how to send `add(x, y)` to it, and how to stop it. */
export interface Contender {
  name: string
  call: Add
  close(): Promise<unknown>
}

/** Tasks per second with `count` tasks sent at once. */
export async function allAtOnce(contender: Contender, count: number): Promise<number> {
  const started = performance.now()
  const calls: Promise<unknown>[] = new Array(count)
  for (let i = 0; i < count; i++) calls[i] = contender.call(i, 1)
  const values = await Promise.all(calls)
  const seconds = (performance.now() - started) / 1000
  check(contender, values[count - 1], count)
  return count / seconds
}

/** Microseconds per task with each task awaited before the next is sent. */
export async function oneAtATime(contender: Contender, count: number): Promise<number> {
  const started = performance.now()
  let value: unknown
  for (let i = 0; i < count; i++) value = await contender.call(i, 1)
  const micros = ((performance.now() - started) * 1000) / count
  check(contender, value, count)
  return micros
}

function check(contender: Contender, value: unknown, count: number): void {
  if (value !== count) throw new Error(`${contender.name} returned ${String(value)}, not ${count}`)
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.floor(sorted.length / 2)]!
}

/**
 * `add` over bare messages, the floor every pool is measured against: each call
 * posts `{ id, x, y }` to the next worker in turn; `answer` settles the call a
 * reply `{ id, value }` names.
 */
export function messageCalls(
  workers: number,
  post: (worker: number, message: { id: number; x: number; y: number }) => void,
): { call: Add; answer(reply: { id: number; value: number }): void } {
  const waiting = new Map<number, (value: number) => void>()
  let next = 0
  return {
    call: (x, y) =>
      new Promise((resolve) => {
        const id = ++next
        waiting.set(id, resolve)
        post(id % workers, { id, x, y })
      }),
    answer({ id, value }) {
      waiting.get(id)!(value)
      waiting.delete(id)
    },
  }
}

/** The job `pool.run` gets for `add(...args)`. */
export function addJob(id: string, args: unknown[]): Job {
  return {
    id,
    task: 'add',
    args,
    retries: 0,
    parentId: null,
    rootId: id,
    groupId: null,
    softTimeLimit: null,
  }
}

/** A successful outcome's value, or the outcome itself (which then fails the check). */
export function outcomeValue(outcome: Outcome): unknown {
  return outcome.status === 'SUCCESS' ? outcome.value : outcome
}
