import { defineConfig } from '@playwright/test'
import { chromiumLaunchOptions } from './e2e/chromium.ts'

const port = 4173

/** End-to-end tests of the built demo (`npm run e2e`), served by `vite preview`. */
export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  forbidOnly: !!process.env.CI,
  reporter: 'list',
  use: {
    browserName: 'chromium',
    baseURL: `http://127.0.0.1:${port}`,
    launchOptions: chromiumLaunchOptions(),
    screenshot: 'only-on-failure',
  },
  webServer: {
    // Builds first, so `npx playwright test` alone never tests a stale demo.
    command: `npm run demo:build && npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}`,
    // A server left over from another checkout would be testing someone else's build.
    reuseExistingServer: false,
  },
})
