const TRANSFER = Symbol.for('celeriac.transfer')

/** A value with the buffers to move (not copy) when it crosses to or from a worker. */
export interface Transfer<T> {
  readonly [TRANSFER]: true
  readonly value: T
  readonly transferables: Transferable[]
}

/**
 * Return `transfer(value, [buffer])` from a task body to move `buffer` back without
 * a copy. (To move arguments in, pass `{ transfer: [buffer] }` to `applyAsync`.)
 * @example return transfer(bytes, [bytes.buffer])
 */
export function transfer<T>(value: T, transferables: Transferable[]): T {
  return { [TRANSFER]: true, value, transferables } as unknown as T
}

/** Split a body's return value into the value and what to transfer. */
export function unwrapTransfer(returned: unknown): { value: unknown; transfer?: Transferable[] } {
  const marked = returned as Transfer<unknown> | null | undefined
  return marked?.[TRANSFER]
    ? { value: marked.value, transfer: marked.transferables }
    : { value: returned }
}
