import { expect, type Page } from '@playwright/test'

/** A task as the graph shows it, read from its `data-` attributes. */
export interface GraphNode {
  id: string
  name: string
  state: string
}

/** An edge as the graph shows it, with both ends named. */
export interface GraphEdge {
  kind: string
  from: string
  to: string
  /** The state of the task the edge comes from. */
  fromState: string
}

export interface Graph {
  nodes: GraphNode[]
  edges: GraphEdge[]
}

/** Press a scenario's button and wait until every task it led to has finished. */
export async function runScenario(page: Page, scenario: string): Promise<void> {
  await page.getByRole('tab', { name: 'Scenarios' }).click()
  await page.locator(`button[data-scenario="${scenario}"]`).click()
  await waitForRun(page, scenario)
}

/** Wait for the run on screen (of `scenario`, if given) to be done. */
export async function waitForRun(page: Page, scenario?: string): Promise<void> {
  const selector = scenario
    ? `main[data-run-status="done"][data-scenario="${scenario}"]`
    : 'main[data-run-status="done"]'
  await expect(page.locator(selector)).toBeVisible({ timeout: 20_000 })
}

/** The graph as a user sees it: nodes and edges from their `data-` attributes. */
export async function readGraph(page: Page): Promise<Graph> {
  return page.evaluate(() => {
    const nodes = [...document.querySelectorAll<SVGGElement>('g.node[data-task-id]')].map(
      (node) => ({
        id: node.dataset.taskId!,
        name: node.dataset.taskName!,
        state: node.dataset.state!,
      }),
    )
    const byId = new Map(nodes.map((node) => [node.id, node]))
    const edges = [...document.querySelectorAll<SVGGElement>('g.edge[data-edge-kind]')].map(
      (edge) => ({
        kind: edge.dataset.edgeKind!,
        from: byId.get(edge.dataset.from!)?.name ?? `?${edge.dataset.from}`,
        to: byId.get(edge.dataset.to!)?.name ?? `?${edge.dataset.to}`,
        fromState: byId.get(edge.dataset.from!)?.state ?? '?',
      }),
    )
    return { nodes, edges }
  })
}

/** `name STATE` per node, sorted: compares as a multiset. */
export function nodeStates(graph: Graph): string[] {
  return graph.nodes.map((node) => `${node.name} ${node.state}`).sort()
}

/** `kind from>to` per edge, sorted. */
export function edgeList(graph: Graph): string[] {
  return graph.edges.map((edge) => `${edge.kind} ${edge.from}>${edge.to}`).sort()
}
