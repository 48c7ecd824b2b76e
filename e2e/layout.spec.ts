import { join } from 'node:path'
import { expect, type Page, test } from '@playwright/test'
import { runScenario, waitForRun } from './demo-page.ts'

async function expectNoSideways(page: Page) {
  const { scroll, client } = await page.evaluate(() => ({
    scroll: document.documentElement.scrollWidth,
    client: document.documentElement.clientWidth,
  }))
  expect(scroll).toBeLessThanOrEqual(client)
}

test('at 1280×800 graph, timeline and source fit the window', async ({ page }, info) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/')
  await runScenario(page, 'chord')
  await expectNoSideways(page)
  for (const selector of ['svg.graph', '.timeline', '.source', '.sidebar']) {
    const box = (await page.locator(selector).boundingBox())!
    expect(box.y + box.height, selector).toBeLessThanOrEqual(800)
    expect(box.x + box.width, selector).toBeLessThanOrEqual(1280)
  }
  await page.screenshot({ path: join(info.project.outputDir, 'layout-1280x800.png') })
})

test('on a 390 px wide screen everything stacks without sideways scrolling', async ({
  page,
}, info) => {
  await page.setViewportSize({ width: 390, height: 844 })
  await page.goto('/')
  await runScenario(page, 'chain-failure')
  await expectNoSideways(page)
  await expect(page.locator('g.node')).toHaveCount(4)
  const graph = (await page.locator('.graph-frame').boundingBox())!
  expect(graph.width).toBeLessThanOrEqual(390)
  await page.screenshot({ path: join(info.project.outputDir, 'layout-390.png'), fullPage: true })
})

test('works with the keyboard: run a scenario, then focus a node and open it', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 })
  await page.goto('/')
  await page.locator('button[data-scenario="success-callback"]').focus()
  await page.keyboard.press('Enter')
  await waitForRun(page, 'success-callback')

  let focused = ''
  for (let i = 0; i < 80 && focused !== 'add'; i++) {
    await page.keyboard.press('Tab')
    focused = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null
      return element?.matches('g.node') ? (element.dataset.taskName ?? '') : ''
    })
  }
  expect(focused).toBe('add')
  expect(await page.evaluate(() => document.activeElement!.matches(':focus-visible'))).toBe(true)
  await page.keyboard.press('Enter')
  await expect(page.locator('.inspector')).toHaveAttribute(
    'data-task-id',
    (await page.locator('g.node[data-task-name="add"]').getAttribute('data-task-id'))!,
  )
  await expect(page.locator('[data-field="result"]')).toHaveText('30')
})
