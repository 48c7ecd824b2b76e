import type { Endpoint } from 'comlink'
// @ts-expect-error: comlink types its Node adapter as node-adapter.d.ts, which NodeNext does not pair with .mjs
// The one place that reaches into comlink's files: its Node adapter has no export of its own.
import adapter from 'comlink/dist/esm/node-adapter.mjs'

/** Something that posts and emits messages the Node way (`Worker`, `parentPort`, `MessagePort`). */
export interface NodeMessageTarget {
  postMessage(message: unknown, transfer?: readonly any[]): void
  on(event: 'message', listener: (value: any) => void): unknown
  off(event: 'message', listener: (value: any) => void): unknown
  start?(): void
}

/** A comlink endpoint over a Node `Worker`, `parentPort` or `MessagePort`. */
export const nodeEndpoint: (target: NodeMessageTarget) => Endpoint = adapter
