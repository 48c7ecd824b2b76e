import dagre from '@dagrejs/dagre'
import type { Edge } from './edges.ts'

export const NODE_WIDTH = 192
/** Node width on a narrow screen, where a chord's header must fit across a phone. */
export const COMPACT_NODE_WIDTH = 150
/** Below this frame width, nodes are compact. */
const COMPACT_BELOW = 520
export const NODE_HEIGHT = 62
const LABEL_HEIGHT = 18

/** An edge label's width: its text in 11px monospace, plus padding. */
export function labelWidth(text: string): number {
  return Math.ceil(text.length * 6.8) + 14
}

export interface Point {
  x: number
  y: number
}

export interface PlacedEdge {
  edge: Edge
  points: Point[]
  label: Point
}

/** Where dagre put everything; node points are centres. */
export interface Placed {
  nodes: Map<string, Point>
  edges: PlacedEdge[]
  width: number
  height: number
  direction: 'LR' | 'TB'
  nodeWidth: number
}

/** What to lay out: task ids in the order they were sent, edges, and groups of siblings. */
export interface GraphShape {
  ids: string[]
  edges: Edge[]
  /** Members of one group or chord header, in member order: kept in that order across. */
  groups: string[][]
}

/**
 * Lay the graph out left-to-right and top-to-bottom, and keep the one that can be
 * drawn largest in a `box` of that shape: a chain reads across on a wide screen
 * and down on a phone.
 */
export function layoutGraph(shape: GraphShape, box: { width: number; height: number }): Placed {
  const nodeWidth = box.width < COMPACT_BELOW ? COMPACT_NODE_WIDTH : NODE_WIDTH
  const across = layoutOnce(shape, 'LR', nodeWidth)
  const down = layoutOnce(shape, 'TB', nodeWidth)
  return scaleIn(across, box) >= scaleIn(down, box) ? across : down
}

function scaleIn(placed: Placed, box: { width: number; height: number }): number {
  return Math.min(box.width / placed.width, box.height / placed.height, 1)
}

function layoutOnce(shape: GraphShape, direction: 'LR' | 'TB', nodeWidth: number): Placed {
  const { ids, edges } = shape
  const graph = new dagre.graphlib.Graph({ multigraph: true })
  const nodesep = nodeWidth === NODE_WIDTH ? 28 : 14
  graph.setGraph({ rankdir: direction, nodesep, ranksep: 70, marginx: 16, marginy: 16 })
  graph.setDefaultEdgeLabel(() => ({}))
  for (const id of ids) graph.setNode(id, { width: nodeWidth, height: NODE_HEIGHT })
  edges.forEach((edge, i) => {
    const label = { width: labelWidth(edge.kind), height: LABEL_HEIGHT, labelpos: 'c' as const }
    graph.setEdge(edge.from, edge.to, label, `e${i}`)
  })
  const constraints = shape.groups.flatMap((members) =>
    members.slice(1).map((right, i) => ({ left: members[i]!, right })),
  )
  dagre.layout(graph, { constraints })
  const nodes = new Map<string, Point>()
  for (const id of ids) {
    const { x = 0, y = 0 } = graph.node(id)
    nodes.set(id, { x, y })
  }
  const placedEdges = edges.map((edge, i) => {
    const label = graph.edge(edge.from, edge.to, `e${i}`)
    return {
      edge,
      points: label.points ?? [],
      label: { x: label.x ?? 0, y: label.y ?? 0 },
    }
  })
  const { width = 0, height = 0 } = graph.graph()
  return { nodes, edges: placedEdges, width, height, direction, nodeWidth }
}
