/** A set that forgets its oldest entries past `limit`, so it cannot grow without bound. */
export class BoundedSet<T> {
  readonly #items = new Set<T>()
  readonly #limit: number

  constructor(limit: number) {
    this.#limit = limit
  }

  add(item: T): void {
    this.#items.delete(item)
    this.#items.add(item)
    if (this.#items.size > this.#limit) this.#items.delete(this.#items.values().next().value as T)
  }

  has(item: T): boolean {
    return this.#items.has(item)
  }
}
