import { expect, test } from '@playwright/test'
import { edgeList, nodeStates, readGraph, runScenario, waitForRun } from './demo-page.ts'

test('finished runs are kept in IndexedDB and redrawn after a reload', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'chain-failure')
  const before = await readGraph(page)
  await page.getByRole('tab', { name: 'History' }).click()
  await expect(page.locator('.history-item[data-scenario="chain-failure"]')).toHaveCount(1)

  await page.reload()
  await page.getByRole('tab', { name: 'History' }).click()
  const item = page.locator('.history-item[data-scenario="chain-failure"]')
  await expect(item).toHaveCount(1)
  await item.click()
  await waitForRun(page, 'chain-failure')
  const after = await readGraph(page)
  expect(nodeStates(after)).toEqual(nodeStates(before))
  expect(edgeList(after)).toEqual(edgeList(before))
  expect(after.nodes.map((node) => node.id).sort()).toEqual(
    before.nodes.map((node) => node.id).sort(),
  )

  // The inspector reads the stored result back through app.result(id).
  await page.locator('g.node[data-task-name="failing_task"]').click()
  await expect(page.locator('[data-field="stored-state"]')).toHaveText('FAILURE')
  await expect(page.locator('[data-field="traceback"]')).toContainText(
    'ValueError: Something went wrong!',
  )
})
