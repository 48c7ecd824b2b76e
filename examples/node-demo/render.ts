import type { TaskEvent } from 'celeriac'

const VIA_LABEL: Record<string, string> = {
  link: 'link → ',
  linkError: 'link_error → ',
  chain: 'chain → ',
  chord: 'chord → ',
  retry: 'retry → ',
}

const STATE_OF: Record<string, string> = {
  'task-sent': 'PENDING',
  'task-started': 'STARTED',
  'task-succeeded': 'SUCCESS',
  'task-failed': 'FAILURE',
  'task-retried': 'RETRY',
  'task-revoked': 'REVOKED',
}

/** Prints one line per task state change, indented under the task that sent it. */
export class TreePrinter {
  readonly #depth = new Map<string, number>()
  readonly #started = new Map<string, number>()
  readonly #shownProgress = new Map<string, number>()
  readonly #write: (line: string) => void

  constructor(write: (line: string) => void = console.log) {
    this.#write = write
  }

  /** Forget the previous scenario's tree. */
  reset(): void {
    this.#depth.clear()
  }

  handle(event: TaskEvent): void {
    if (event.type === 'task-progress') {
      this.#progress(event)
      return
    }
    const state = STATE_OF[event.type]
    if (!state) return
    if (!this.#depth.has(event.id)) this.#depth.set(event.id, this.#depthOf(event))
    if (event.type === 'task-started') this.#started.set(event.id, event.timestamp)
    this.#write(`${this.#prefix(event)}${state.padEnd(8)}${this.#detail(event)}`)
  }

  #depthOf(event: TaskEvent): number {
    const parent = event.parentId ? this.#depth.get(event.parentId) : undefined
    return parent === undefined ? 0 : parent + 1
  }

  #prefix(event: TaskEvent): string {
    const depth = this.#depth.get(event.id) ?? 0
    const via = depth > 0 ? (VIA_LABEL[event.via ?? ''] ?? '') : ''
    const args = event.via === 'linkError' ? errbackArgs(event.args) : event.args.map(short)
    const call = `${event.name}(${args.join(', ')})`
    const head = `${'  '.repeat(depth)}${depth > 0 ? '└─ ' : '● '}${via}${call}`
    return `${head.padEnd(63)} ${event.id.slice(0, 8)}  `
  }

  #detail(event: TaskEvent): string {
    const took = this.#started.has(event.id)
      ? `  ${event.timestamp - this.#started.get(event.id)!} ms`
      : ''
    if (event.type === 'task-succeeded') return ` ${short(event.result)}${took}`
    if (event.type === 'task-failed')
      return ` ${event.exception?.name}: ${event.exception?.message}${took}`
    if (event.type === 'task-revoked') return ` ${event.reason}`
    if (event.type === 'task-started' && event.worker !== undefined && event.worker !== null)
      return ` on thread ${event.worker}`
    return ''
  }

  #progress(event: TaskEvent): void {
    const { done, total } = (event.meta ?? {}) as { done?: number; total?: number }
    if (!done || !total) return
    const tenths = Math.floor((done / total) * 10)
    if ((this.#shownProgress.get(event.id) ?? -1) >= tenths) return
    this.#shownProgress.set(event.id, tenths)
    const bar = `[${'#'.repeat(tenths)}${'.'.repeat(10 - tenths)}] ${tenths * 10}%`
    this.#write(`${this.#prefix(event)}PROGRESS ${bar}`)
  }
}

/** An errback's `(request, exc, traceback, ...partial)`, told briefly. */
function errbackArgs(args: unknown[]): string[] {
  const [request, exc, traceback, ...partial] = args
  if (!(exc instanceof Error)) return args.map(short)
  const id = (request as { id?: string } | null)?.id?.slice(0, 8)
  return [
    `request(${id})`,
    `${exc.name}(${JSON.stringify(exc.message)})`,
    traceback ? 'traceback' : 'null',
    ...partial.map(short),
  ]
}

function short(value: unknown): string {
  const text =
    typeof value === 'string' ? JSON.stringify(value) : (JSON.stringify(value) ?? String(value))
  return text.length > 40 ? `${text.slice(0, 37)}...` : text
}
