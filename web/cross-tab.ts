import type { StoredRecord } from '../src/codec.ts'

/** What one backend tells the others after a commit. */
interface StoredMessage {
  type: 'stored'
  records: StoredRecord[]
}

/** The channel's name for database `db`: other code may use a channel named after it too. */
export function channelName(db: string): string {
  return `celeriac-results:${db}`
}

/**
 * Tells every other context of this origin (tabs, windows, workers, other backends
 * in this page) which records were committed, over a `BroadcastChannel` named
 * after the database. The records themselves travel (structured clone), so a
 * listener needs no re-read. Opened on first use.
 */
export class CrossTab {
  readonly #name: string
  readonly #onRecords: (records: StoredRecord[]) => void
  #channel: BroadcastChannel | null = null

  constructor(db: string, onRecords: (records: StoredRecord[]) => void) {
    this.#name = channelName(db)
    this.#onRecords = onRecords
  }

  /** Start listening (idempotent). */
  open(): void {
    if (this.#channel) return
    this.#channel = new BroadcastChannel(this.#name)
    this.#channel.onmessage = (event: MessageEvent) => {
      if (isStoredMessage(event.data)) this.#onRecords(event.data.records)
    }
  }

  /** Tell the other contexts about `records`, committed a moment ago. */
  post(records: StoredRecord[]): void {
    if (records.length === 0) return
    this.open()
    const message: StoredMessage = { type: 'stored', records }
    this.#channel!.postMessage(message)
  }

  close(): void {
    this.#channel?.close()
    this.#channel = null
  }
}

function isStoredMessage(data: unknown): data is StoredMessage {
  return (
    typeof data === 'object' &&
    data !== null &&
    (data as StoredMessage).type === 'stored' &&
    Array.isArray((data as StoredMessage).records)
  )
}
