import { html } from 'htm/preact'
import { useLayoutEffect, useMemo, useRef, useState } from 'preact/hooks'
import type { Edge } from '../model/edges.ts'
import { type GraphShape, layoutGraph } from '../model/layout.ts'
import type { Run, TaskNode } from '../model/run.ts'
import { EdgeMarkers, GraphEdge } from './graph-edges.ts'
import { GraphNode } from './graph-node.ts'
import { useNow } from './use-now.ts'

/** Below this the text is too small to read: a narrow screen scrolls the graph instead. */
const MIN_SCALE = 0.66

interface Props {
  run: Run | null
  selected: string | null
  onSelect: (id: string) => void
}

/** The live execution graph of a run: laid out by dagre, drawn as SVG. */
export function GraphView({ run, selected, onSelect }: Props) {
  const box = useBoxSize()
  const nodes = run ? [...run.nodes.values()] : []
  const edges = run?.edges ?? []
  const shapeKey = `${run?.info.id}:${nodes.length}:${edges.length}:${box.width}x${box.height}`
  // Layout depends only on which tasks and edges exist, not on their states.
  const placed = useMemo(() => layoutGraph(shapeOf(nodes, edges), box), [shapeKey])
  const now = useNow(run !== null && !run.done)
  if (!run || nodes.length === 0) {
    return html`<div class="graph-frame" ref=${box.ref}>
      <p class="empty">Pick a scenario: its tasks appear here as they are sent, run and finish.</p>
    </div>`
  }
  return html`<div class="graph-frame" ref=${box.ref}>
    <svg
      class="graph"
      role="group"
      aria-label="Execution graph"
      viewBox=${`0 0 ${placed.width} ${placed.height}`}
      style=${{
        maxWidth: `${placed.width}px`,
        minWidth: `${Math.min(placed.width, placed.width * MIN_SCALE)}px`,
        maxHeight: `${Math.max(placed.height, 120)}px`,
      }}
      data-direction=${placed.direction}
    >
      <${EdgeMarkers} />
      ${placed.edges.map((edge) => html`<${GraphEdge} key=${`${edge.edge.from}>${edge.edge.to}`} placed=${edge} />`)}
      ${nodes.map((node) => {
        const at = placed.nodes.get(node.id)
        return at
          ? html`<${GraphNode}
              key=${node.id}
              node=${node}
              at=${at}
              width=${placed.nodeWidth}
              now=${now}
              selected=${node.id === selected}
              onSelect=${onSelect}
            />`
          : null
      })}
    </svg>
  </div>`
}

function shapeOf(nodes: TaskNode[], edges: Edge[]): GraphShape {
  const groups = new Map<string, string[]>()
  for (const node of nodes) {
    if (node.groupId) groups.set(node.groupId, [...(groups.get(node.groupId) ?? []), node.id])
  }
  return { ids: nodes.map((node) => node.id), edges, groups: [...groups.values()] }
}

/** The frame's size, kept up to date (rounded, so tiny changes do not re-layout). */
function useBoxSize() {
  const ref = useRef<HTMLDivElement>(null)
  const [size, setSize] = useState({ width: 640, height: 360 })
  useLayoutEffect(() => {
    const element = ref.current
    if (!element) return
    const observer = new ResizeObserver(([entry]) => {
      const width = Math.round((entry?.contentRect.width ?? 640) / 40) * 40
      const height = Math.round((entry?.contentRect.height ?? 360) / 40) * 40
      setSize((old) => (old.width === width && old.height === height ? old : { width, height }))
    })
    observer.observe(element)
    return () => observer.disconnect()
  }, [])
  return { ...size, ref }
}
