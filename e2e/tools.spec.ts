import { expect, test } from '@playwright/test'
import { edgeList, nodeStates, readGraph, waitForRun } from './demo-page.ts'

test.use({ viewport: { width: 1280, height: 800 } })

test('a composed chain runs with its link; an injected failure runs the errback instead', async ({
  page,
}) => {
  await page.goto('/')
  await page.getByRole('tab', { name: 'Compose' }).click()
  await page.getByRole('button', { name: 'Run composition' }).click()
  await waitForRun(page)
  let graph = await readGraph(page)
  expect(nodeStates(graph)).toEqual(['add SUCCESS', 'mul SUCCESS', 'result_callback SUCCESS'])
  expect(edgeList(graph)).toEqual(['chain add>mul', 'link mul>result_callback'])
  await expect(page.locator('.source code')).toContainText('chain(add.s(2, 3), mul.s(3))')

  await page.getByLabel('inject a failure').check()
  await page.getByRole('button', { name: 'Run composition' }).click()
  await expect(page.locator('g.node[data-task-name="failing_task"]')).toHaveCount(1)
  await waitForRun(page)
  graph = await readGraph(page)
  expect(nodeStates(graph)).toEqual([
    'add SUCCESS',
    'error_callback SUCCESS',
    'failing_task FAILURE',
  ])
  expect(edgeList(graph)).toEqual([
    'chain add>failing_task',
    'link_error failing_task>error_callback',
  ])
})

test('changing the worker count rebuilds the app, and runs go on', async ({ page }) => {
  await page.goto('/')
  await page.getByLabel('Workers').fill('3')
  await page.getByLabel('Workers').press('Enter')
  await expect(page.getByLabel('Workers')).toBeEnabled()
  await page.locator('button[data-scenario="group"]').click()
  await waitForRun(page, 'group')
  const lanes = await page
    .locator('.lane[data-lane]')
    .evaluateAll((elements) => elements.map((element) => (element as HTMLElement).dataset.lane))
  expect(lanes.length).toBeGreaterThanOrEqual(2)
  expect(lanes.length).toBeLessThanOrEqual(3)
  await expect(page.locator('[data-pool]')).toContainText('× 3')
})

test('stress: 10,000 tasks with links finish, counted, while the page keeps drawing', async ({
  page,
}) => {
  test.setTimeout(120_000)
  await page.goto('/')
  await page.getByRole('tab', { name: 'Stress' }).click()
  await page.getByLabel('Tasks').selectOption('10000')
  await page.evaluate(() => {
    const w = window as unknown as { longestFrame: number }
    w.longestFrame = 0
    let last = performance.now()
    requestAnimationFrame(function frame(now) {
      w.longestFrame = Math.max(w.longestFrame, now - last)
      last = now
      requestAnimationFrame(frame)
    })
  })
  await page.getByRole('button', { name: 'Start' }).click()
  const progress = page.locator('.stress-progress')
  await expect(progress).toHaveAttribute('data-status', 'done', { timeout: 100_000 })
  await expect(progress.locator('[data-figure="finished"]')).toContainText('20,000 / 20,000')
  await expect(progress.locator('[data-figure="failed"]')).toHaveText('0')
  expect(
    Number((await progress.locator('[data-figure="rate"]').textContent())!.replace(/,/g, '')),
  ).toBeGreaterThan(0)
  // No node per stress task: the graph stays empty.
  await expect(page.locator('g.node')).toHaveCount(0)
  const longest = await page.evaluate(
    () => (window as unknown as { longestFrame: number }).longestFrame,
  )
  expect(longest).toBeLessThan(1_000)
})
