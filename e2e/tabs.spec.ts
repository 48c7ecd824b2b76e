import { expect, type Page, test } from '@playwright/test'
import { readGraph, runScenario } from './demo-page.ts'

async function lookUp(page: Page, id: string) {
  await page.getByRole('tab', { name: 'Look up' }).click()
  await page.getByLabel('Look up a task id').fill(id)
  await page.getByRole('button', { name: 'Look up', exact: true }).click()
  const output = page.getByRole('status')
  await expect(output).toHaveAttribute('data-task-id', id)
  return output
}

test('two tabs see the same results: tab 2 looks up what tab 1 ran', async ({ context }) => {
  const one = await context.newPage()
  const two = await context.newPage()
  await Promise.all([one.goto('/'), two.goto('/')])

  await runScenario(one, 'success-callback')
  const sent = await readGraph(one)
  const add = sent.nodes.find((node) => node.name === 'add')!
  const callback = sent.nodes.find((node) => node.name === 'result_callback')!

  const found = await lookUp(two, add.id)
  await expect(found).toHaveAttribute('data-state', 'SUCCESS')
  await expect(found).toContainText('30')
  await expect(await lookUp(two, callback.id)).toContainText('Task completed with result: 30')

  await runScenario(two, 'error-callback')
  const failed = (await readGraph(two)).nodes.find((node) => node.name === 'failing_task')!
  const seen = await lookUp(one, failed.id)
  await expect(seen).toHaveAttribute('data-state', 'FAILURE')
  await expect(seen).toContainText('ValueError: Something went wrong!')
})
