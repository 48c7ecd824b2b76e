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

/** One measured bundle: its name, its entry module's text and its limit in gzipped bytes. */
export interface Budget {
  bundle: string
  source: string
  limit: number
}

export const PAGE: string
export const WORKER: string
export const PUBLIC_SURFACE: string
export const BUDGETS: Budget[]
export const GOAL: number
export function measureBundle(source: string): Promise<BundleFigures>
export function verdict(budget: Budget, figures: BundleFigures, modules?: boolean): string
