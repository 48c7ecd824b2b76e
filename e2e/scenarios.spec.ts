import { join } from 'node:path'
import { expect, test } from '@playwright/test'
import { edgeList, nodeStates, readGraph, runScenario } from './demo-page.ts'
import { expectedErrors, expectedScenarios } from './expected-scenarios.ts'

const shots = (dir: string, name: string) => join(dir, 'scenarios', `${name}.png`)

test.describe('every scenario reaches its final states and edges', () => {
  for (const [scenario, expected] of Object.entries(expectedScenarios)) {
    test(scenario, async ({ page }, info) => {
      await page.goto('/')
      await runScenario(page, scenario)
      const graph = await readGraph(page)
      expect(nodeStates(graph)).toEqual(expected.nodes)
      expect(edgeList(graph)).toEqual(expected.edges)
      for (const edge of graph.edges) {
        if (edge.kind === 'link_error') expect(edge.fromState).toBe('FAILURE')
        if (edge.kind === 'link') expect(edge.fromState).toBe('SUCCESS')
      }
      const error = expectedErrors[scenario]
      if (error) {
        await page.locator(`g.node[data-task-name="${error[0]}"]`).click()
        await expect(page.locator('[data-field="error"]')).toContainText(error[1])
      }
      await page.screenshot({ path: shots(info.project.outputDir, scenario) })
    })
  }
})

test('link_error edges appear only once a task has failed', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'both-callbacks')
  const graph = await readGraph(page)
  expect(graph.edges.filter((edge) => edge.kind === 'link_error')).toEqual([])
  expect(graph.nodes.map((node) => node.name)).not.toContain('error_callback')
})

test('the AsyncResult readout of both callbacks reads SUCCESS and 30', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'both-callbacks')
  await expect(page.locator('[data-readout="r.state"]')).toHaveText('SUCCESS')
  await expect(page.locator('[data-readout="r.result"]')).toHaveText('30')
  await expect(page.locator('[data-readout="r.successful()"]')).toHaveText('true')
})

test('a chord whose header fails shows exactly one errback', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'chord-failure')
  await expect(page.locator('g.node[data-task-name="error_callback"]')).toHaveCount(1)
  await expect(page.locator('g.edge[data-edge-kind="link_error"]')).toHaveCount(1)
  await expect(page.locator('g.edge[data-edge-kind="chord"]')).toHaveCount(3)
  await expect(page.locator('g.node[data-task-name="tsum"]')).toHaveAttribute(
    'data-state',
    'FAILURE',
  )
})

test('the timeline shows a callback starting after its parent ends', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'success-callback')
  const bar = async (name: string) => {
    const element = page.locator(`.bar[data-task-name="${name}"]`)
    await expect(element).toHaveCount(1)
    return {
      start: Number(await element.getAttribute('data-start')),
      end: Number(await element.getAttribute('data-end')),
    }
  }
  const parent = await bar('add')
  const callback = await bar('result_callback')
  expect(callback.start).toBeGreaterThanOrEqual(parent.end)
})

test('a group runs its members side by side', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'group')
  const bars = await page.locator('.bar[data-task-name="add"]').evaluateAll((elements) =>
    elements.map((element) => ({
      start: Number((element as HTMLElement).dataset.start),
      end: Number((element as HTMLElement).dataset.end),
      worker: (element as HTMLElement).dataset.worker,
    })),
  )
  expect(bars).toHaveLength(4)
  // Some two members ran at the same time.
  const overlap = bars.some((a, i) =>
    bars.some((b, j) => i !== j && a.start < b.end && b.start < a.end),
  )
  expect(overlap).toBe(true)
  expect(new Set(bars.map((bar) => bar.worker)).size).toBeGreaterThanOrEqual(2)
})

test('a crashed worker is replaced: the errback runs on another one', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'worker-crash')
  const workerOf = (name: string) =>
    page.locator(`.bar[data-task-name="${name}"]`).getAttribute('data-worker')
  const crashed = await workerOf('crash_worker')
  expect(crashed).not.toBe('main')
  expect(await workerOf('error_callback')).not.toBe(crashed)
  await page.locator('g.node[data-task-name="crash_worker"]').click()
  await expect(page.locator('[data-field="error"]')).toContainText('WorkerLostError')
})

test('a retried task shows one bar per try: RETRY, RETRY, FAILURE', async ({ page }) => {
  await page.goto('/')
  await runScenario(page, 'retry-then-fail')
  const states = await page
    .locator('.bar[data-task-name="flaky_fetch"]')
    .evaluateAll((bars) => bars.map((bar) => (bar as HTMLElement).dataset.state))
  expect(states).toEqual(['RETRY', 'RETRY', 'FAILURE'])
})
