import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { runScenario } from './demo-page.ts'

test.use({ viewport: { width: 1280, height: 800 } })

test('the page loads with its scenarios, and nothing run yet', async ({ page }) => {
  await page.goto('/')
  await expect(page).toHaveTitle('celeriac demo')
  await expect(page.getByRole('heading', { level: 1 })).toContainText('celeriac')
  await expect(page.locator('button[data-scenario]')).toHaveCount(11)
  await expect(page.locator('main')).toHaveAttribute('data-run-status', 'idle')
  await expect(page.locator('[data-backend]')).toHaveText('IndexedDbBackend')
})

/**
 * The README's picture. Written to docs/demo-graph.png with DOCS_SCREENSHOT=1
 * (so an ordinary test run leaves the checkout clean), else to test-results/.
 */
test('a screenshot of a graph for the README', async ({ page }, info) => {
  await page.goto('/')
  await runScenario(page, 'chord-failure')
  await page.locator('g.node[data-task-name="tsum"]').click()
  await expect(page.locator('.inspector [data-field="error"]')).toContainText('ChordError')
  await page.mouse.move(0, 0)
  const path = process.env.DOCS_SCREENSHOT
    ? 'docs/demo-graph.png'
    : join(info.project.outputDir, 'demo-graph.png')
  await page.screenshot({ path })
})
