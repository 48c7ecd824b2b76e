import { html } from 'htm/preact'
import { formatArgs, formatDuration } from '../lib/format.ts'
import { NODE_HEIGHT, NODE_WIDTH, type Point } from '../model/layout.ts'
import { durationOf, neverRan, type TaskNode } from '../model/run.ts'

interface Props {
  node: TaskNode
  at: Point
  width: number
  now: number
  selected: boolean
  onSelect: (id: string) => void
}

/** One task: name, args, state and duration, coloured by state. Focusable; Enter opens it. */
export function GraphNode({ node, at, width, now, selected, onSelect }: Props) {
  const compact = width < NODE_WIDTH
  const x = at.x - width / 2
  const y = at.y - NODE_HEIGHT / 2
  const meta = metaLine(node, now)
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' && event.key !== ' ') return
    event.preventDefault()
    onSelect(node.id)
  }
  return html`<g
    class=${`node state-${node.state.toLowerCase()}${selected ? ' selected' : ''}`}
    transform=${`translate(${x} ${y})`}
    data-task-id=${node.id}
    data-task-name=${node.name}
    data-state=${node.state}
    tabindex="0"
    role="button"
    aria-pressed=${selected}
    aria-label=${`${node.name}${formatArgs(node.args, 60)}: ${node.state}`}
    onClick=${() => onSelect(node.id)}
    onKeyDown=${onKeyDown}
  >
    <title>${node.name} ${node.id}</title>
    <rect class="node-focus" x="-5" y="-5" width=${width + 10} height=${NODE_HEIGHT + 10} rx="14" />
    <rect class="node-box" width=${width} height=${NODE_HEIGHT} rx="10" />
    <rect class="node-stripe" width="6" height=${NODE_HEIGHT - 16} x="6" y="8" rx="3" />
    <text class="node-name" x="20" y="21">${truncate(node.name, compact ? 15 : 20)}</text>
    <text class="node-args" x="20" y="38">${formatArgs(node.args, compact ? 18 : 24)}</text>
    <text class="node-meta" x="20" y="54">
      <tspan class="node-state">${node.state}</tspan>
      ${meta ? html`<tspan dx="6">${meta}</tspan>` : null}
    </text>
  </g>`
}

function metaLine(node: TaskNode, now: number): string {
  if (neverRan(node)) return '· never ran'
  const parts = []
  const duration = formatDuration(durationOf(node, now))
  if (duration) parts.push(duration)
  if (node.retries > 0) parts.push(`retries ${node.retries}`)
  return parts.length ? `· ${parts.join(' · ')}` : ''
}

function truncate(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`
}
