import { existsSync } from 'node:fs'
import type { LaunchOptions } from 'playwright-core'

/** The default Chromium here: Debian's package (see TOOLCHAIN.md). */
const DEBIAN_CHROMIUM = '/usr/bin/chromium'

/**
 * Flags for every launch. The networking ones stop Chromium from dialling out
 * (on a closed network it floods it with refused connections).
 */
export const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
]

/**
 * Launch options shared by vitest browser mode and Playwright: the system
 * Chromium at `CHROMIUM_PATH` (default `/usr/bin/chromium`), or Playwright's own
 * browser when no system Chromium is installed.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const override = process.env.CHROMIUM_PATH || undefined
  const path = override ?? DEBIAN_CHROMIUM
  if (existsSync(path)) return { headless: true, executablePath: path, args: chromiumArgs }
  // A path the user named must exist; silently using another browser would hide the mistake.
  if (override !== undefined) {
    throw new Error(`CHROMIUM_PATH points at ${override}, which does not exist`)
  }
  return { headless: true, args: chromiumArgs }
}
