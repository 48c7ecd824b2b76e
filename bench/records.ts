/** The record the backend benchmarks store (platform-free: the browser bench bundles it too). */
import type { ResultRecord } from '../src/protocol.ts'

/** A SUCCESS record of `add(i, i)` with a result that exercises the codec (a Date, nesting). */
export function makeRecord(i: number): ResultRecord {
  return {
    task_id: crypto.randomUUID(),
    status: 'SUCCESS',
    result: { sum: i * 2, at: new Date(), tags: ['bench', i % 7] },
    traceback: null,
    children: [],
    date_done: new Date().toISOString(),
    name: 'tasks.add',
    args: [i, i],
    retries: 0,
  }
}
