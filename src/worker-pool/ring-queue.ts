/**
 * A double-ended FIFO over a power-of-two ring: O(1) at both ends without the
 * element moves of `Array.prototype.shift`, and no allocation once grown.
 */
export class RingQueue<T> {
  #items: (T | undefined)[]
  #mask: number
  #head = 0
  #length = 0

  constructor(capacity = 16) {
    let size = 4
    while (size < capacity) size *= 2
    this.#items = new Array(size)
    this.#mask = size - 1
  }

  get length(): number {
    return this.#length
  }

  /** Add at the back. */
  push(item: T): void {
    if (this.#length === this.#items.length) this.#grow()
    this.#items[(this.#head + this.#length) & this.#mask] = item
    this.#length++
  }

  /** Add at the front: the next `shift()` returns it. */
  unshift(item: T): void {
    if (this.#length === this.#items.length) this.#grow()
    this.#head = (this.#head - 1) & this.#mask
    this.#items[this.#head] = item
    this.#length++
  }

  /** Take from the front, or `undefined` when empty. */
  shift(): T | undefined {
    if (this.#length === 0) return undefined
    const item = this.#items[this.#head]
    this.#items[this.#head] = undefined
    this.#head = (this.#head + 1) & this.#mask
    this.#length--
    return item
  }

  /** The front item, left in place. */
  peek(): T | undefined {
    return this.#length === 0 ? undefined : this.#items[this.#head]
  }

  /** Empty the queue, returning what it held in order. */
  drain(): T[] {
    const items: T[] = []
    for (let item = this.shift(); item !== undefined; item = this.shift()) items.push(item)
    return items
  }

  #grow(): void {
    const old = this.#items
    const items = new Array<T | undefined>(old.length * 2)
    for (let i = 0; i < this.#length; i++) items[i] = old[(this.#head + i) & this.#mask]
    this.#items = items
    this.#mask = items.length - 1
    this.#head = 0
  }
}
