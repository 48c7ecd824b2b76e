import { useEffect, useState } from 'preact/hooks'
import type { Observable } from '../model/observable.ts'

/** Re-render the calling component whenever `observable` changes (once a frame at most). */
export function useObservable(observable: Observable): void {
  const [, setTick] = useState(0)
  useEffect(() => observable.subscribe(() => setTick((tick) => tick + 1)), [observable])
}
