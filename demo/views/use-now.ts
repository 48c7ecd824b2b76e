import { useEffect, useState } from 'preact/hooks'

/** `Date.now()`, refreshed every animation frame while `live`, so running bars and durations grow. */
export function useNow(live: boolean): number {
  const [now, setNow] = useState(Date.now())
  useEffect(() => {
    if (!live) {
      setNow(Date.now())
      return
    }
    let frame = requestAnimationFrame(function tick() {
      setNow(Date.now())
      frame = requestAnimationFrame(tick)
    })
    return () => cancelAnimationFrame(frame)
  }, [live])
  return now
}
