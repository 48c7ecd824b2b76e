import { html } from 'htm/preact'
import type { EdgeKind } from '../model/edges.ts'
import { labelWidth, type PlacedEdge, type Point } from '../model/layout.ts'

/** The label each edge kind carries, as Celery names it. */
const LABELS: Record<EdgeKind, string> = {
  link: 'link',
  link_error: 'link_error',
  chain: 'chain',
  chord: 'chord',
}

/** Arrow heads, one colour per edge kind (a marker cannot take its path's colour). */
export function EdgeMarkers() {
  return html`<defs>
    ${(Object.keys(LABELS) as EdgeKind[]).map(
      (kind) => html`<marker
        id=${`arrow-${kind}`}
        class=${`arrow kind-${kind}`}
        viewBox="0 0 10 10"
        refX="9"
        refY="5"
        markerWidth="7"
        markerHeight="7"
        orient="auto-start-reverse"
      >
        <path d="M0,0 L10,5 L0,10 z" />
      </marker>`,
    )}
  </defs>`
}

/** One edge: a smooth path through dagre's points, and its label. */
export function GraphEdge({ placed }: { placed: PlacedEdge }) {
  const { edge, points, label } = placed
  const width = labelWidth(LABELS[edge.kind])
  return html`<g
    class=${`edge kind-${edge.kind}`}
    data-edge-kind=${edge.kind}
    data-from=${edge.from}
    data-to=${edge.to}
  >
    <path class="edge-path" d=${smoothPath(points)} marker-end=${`url(#arrow-${edge.kind})`} />
    <g class="edge-label" transform=${`translate(${label.x} ${label.y})`}>
      <rect x=${-width / 2} y="-9" width=${width} height="18" rx="9" />
      <text text-anchor="middle" dy="4">${LABELS[edge.kind]}</text>
    </g>
  </g>`
}

/** A B-spline through the points (d3's curveBasis), so edges bend instead of kinking. */
export function smoothPath(points: Point[]): string {
  if (points.length < 3) return points.map((p, i) => `${i ? 'L' : 'M'}${p.x},${p.y}`).join(' ')
  const [first, ...rest] = points as [Point, ...Point[]]
  let d = `M${first.x},${first.y}`
  let prev = first
  for (let i = 0; i < rest.length - 1; i++) {
    const current = rest[i]!
    const next = rest[i + 1]!
    const end = { x: (current.x + next.x) / 2, y: (current.y + next.y) / 2 }
    d += ` C${(prev.x + 2 * current.x) / 3},${(prev.y + 2 * current.y) / 3}`
    d += ` ${(2 * current.x + next.x) / 3},${(2 * current.y + next.y) / 3} ${end.x},${end.y}`
    prev = end
  }
  const last = rest.at(-1)!
  return `${d} L${last.x},${last.y}`
}
