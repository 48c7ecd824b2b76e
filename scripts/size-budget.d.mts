/** Types of scripts/size-budget.mjs, for the test that runs it. */
export interface BundleFigures {
  /** Minified bytes. */
  bytes: number
  /** Gzipped bytes (level 9). */
  gzipped: number
  /** What went in, biggest first (rendered bytes before minifying). */
  modules: { id: string; bytes: number }[]
  /** Modules left outside the bundle. */
  imports: string[]
}

export const LIMIT: number
export const PUBLIC_SURFACE: string
export function measureBundle(source?: string): Promise<BundleFigures>
export function measureAreas(): Promise<{ area: string; gzipped: number }[]>
export function verdict(figures: BundleFigures, areas?: { area: string; gzipped: number }[]): string
