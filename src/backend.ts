import type { ChordPart, ResultRecord } from './protocol.ts'

/**
 * Where states and results are kept and waited on. Implementations: `MemoryBackend`
 * (core), `FileBackend` (node), `IndexedDbBackend` (web). Every implementation
 * passes the same contract suite (`test/contracts/backend-contract.ts`).
 */
export interface Backend {
  /**
   * Store a record. A stored `SUCCESS` is never overwritten (as Celery's key/value
   * backends). Listeners of that id are told once the record is stored.
   */
  store(record: ResultRecord): Promise<void>
  /** The stored record, or null for an unknown, forgotten or expired id. */
  get(id: string): Promise<ResultRecord | null>
  /**
   * Call `listener` with every record stored for `id` from now on, in this process
   * or (for shared stores) another one. Returns the function that stops listening.
   */
  watch(id: string, listener: (record: ResultRecord) => void): () => void
  /** Delete the record; the id reads PENDING afterwards. */
  forget(id: string): Promise<void>
  /**
   * Count one chord header member's outcome. Resolves with every part, in header
   * order, for exactly one call — the one that completes `size` — and null otherwise.
   */
  addChordPart(groupId: string, size: number, part: ChordPart): Promise<ChordPart[] | null>
  /** Release files, connections and listeners. Later calls reject. */
  close(): Promise<void>
}
