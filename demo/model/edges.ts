import type { TaskNode } from './run.ts'

/** How a child task came to be, as the graph labels it. */
export type EdgeKind = 'link' | 'link_error' | 'chain' | 'chord'

export interface Edge {
  kind: EdgeKind
  from: string
  to: string
}

/** The edges into every node that has a parent here, from its `via`. */
export function edgesOf(nodes: ReadonlyMap<string, TaskNode>): Edge[] {
  const edges: Edge[] = []
  for (const node of nodes.values()) {
    const parent = node.parentId ? nodes.get(node.parentId) : undefined
    const kind = kindOf(node)
    if (!parent || !kind) continue
    const sources = kind === 'chord' ? headerOf(parent, nodes) : [parent]
    for (const source of sources) edges.push({ kind, from: source.id, to: node.id })
  }
  return edges
}

function kindOf(node: TaskNode): EdgeKind | null {
  switch (node.via) {
    case 'link':
      return 'link'
    case 'linkError':
      return 'link_error'
    case 'chord':
      return 'chord'
    case 'chain':
      // A chord body whose header failed is never sent: it is stored FAILURE(ChordError)
      // as an unrun step of the member that completed the header.
      return node.error?.name === 'ChordError' ? 'chord' : 'chain'
    default:
      return null
  }
}

/** A chord body's parent is the header member that completed it: the body follows them all. */
function headerOf(member: TaskNode, nodes: ReadonlyMap<string, TaskNode>): TaskNode[] {
  if (!member.groupId) return [member]
  return [...nodes.values()].filter((node) => node.groupId === member.groupId)
}
