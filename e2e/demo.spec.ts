import { join } from 'node:path'
import { expect, test } from '@playwright/test'

test('the demo runs add(10, 20) in a Web Worker and shows the result', async ({ page }, info) => {
  await page.goto('/')
  await expect(page).toHaveTitle('celeriac demo')
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('celeriac demo')
  const result = page.getByRole('status')
  await expect(result).toBeEmpty()

  await page.getByRole('button', { name: 'Run add(10, 20)' }).click()

  await expect(result).toHaveText('add(10, 20) = 30')
  await page.screenshot({ path: join(info.project.outputDir, 'demo.png'), fullPage: true })
})
