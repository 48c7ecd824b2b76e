type Listener = () => void

/**
 * State that views subscribe to. Changes are coalesced: listeners hear once per
 * animation frame at most, however many task events arrived in between.
 */
export class Observable {
  readonly #listeners = new Set<Listener>()
  #scheduled = false

  /** Listen; returns the function that stops listening. */
  subscribe(listener: Listener): () => void {
    this.#listeners.add(listener)
    return () => this.#listeners.delete(listener)
  }

  /** Tell listeners on the next frame. */
  protected changed(): void {
    if (this.#scheduled) return
    this.#scheduled = true
    requestAnimationFrame(() => {
      this.#scheduled = false
      for (const listener of [...this.#listeners]) listener()
    })
  }
}
