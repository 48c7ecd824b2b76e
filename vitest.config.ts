import { playwright } from '@vitest/browser-playwright'
import { defineConfig } from 'vitest/config'
import { chromiumLaunchOptions } from './e2e/chromium.ts'
import { selfImports } from './self-imports.ts'

/** Two projects: Node tests, and tests that need a real browser (Chromium). */
export default defineConfig({
  resolve: { alias: selfImports },
  test: {
    // Failure screenshots and the like: with Playwright's, in the ignored test-results/.
    attachmentsDir: 'test-results/vitest-attachments',
    projects: [
      {
        extends: true,
        test: {
          name: 'node',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/browser/**'],
        },
      },
      {
        extends: true,
        worker: { format: 'es' },
        // Pre-bundled up front: discovering them mid-run reloads the page under the tests.
        optimizeDeps: { include: ['comlink', 'idb'] },
        test: {
          name: 'browser',
          // One file at a time: files share the origin's IndexedDB and open second tabs.
          fileParallelism: false,
          include: ['test/browser/**/*.test.ts'],
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' }],
            api: { host: '127.0.0.1' },
            screenshotDirectory: 'test-results/vitest',
          },
        },
      },
    ],
  },
})
