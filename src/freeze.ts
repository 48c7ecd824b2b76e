import { newTaskId } from './ids.ts'
import type {
  ChainData,
  ChordData,
  ChordMembership,
  GroupData,
  SignatureData,
  SignatureOptions,
  TaskSignatureData,
} from './protocol.ts'

/** The shape of the result handle a frozen signature will have. */
export type FrozenHandle =
  | { kind: 'task'; id: string; parent: FrozenHandle | null }
  | { kind: 'group'; id: string; members: FrozenHandle[]; parent: FrozenHandle | null }

/** A signature with every id assigned, and the handle it will have. */
export interface Frozen {
  data: SignatureData
  handle: FrozenHandle
}

const newId = newTaskId

/**
 * Assign ids everywhere (keeping ids already set) and put canvases in the form
 * they run in: nested chains spliced, a group followed by a step turned into a
 * chord, steps after a chord moved into its body, chain and chord callbacks moved
 * to the tasks they belong to. Never mutates `data`.
 */
export function freeze(data: SignatureData): Frozen {
  switch (data.subtaskType) {
    case null:
      return freezeTask(data)
    case 'chain':
      return freezeChain(data)
    case 'group':
      return freezeGroup(data)
    case 'chord':
      return freezeChord(data)
  }
}

function freezeTask(data: TaskSignatureData): Frozen {
  const id = data.options.taskId ?? newId()
  return {
    data: { ...data, options: { ...data.options, taskId: id } },
    handle: { kind: 'task', id, parent: null },
  }
}

function freezeChain(data: ChainData): Frozen {
  const { link, linkError, taskId, ...firstOptions } = data.options
  const steps = normalizeChain(data.tasks)
  if (steps.length === 0)
    throw new TypeError('chain() needs at least one step, such as chain(add.s(1, 2)).')
  const last = steps.length - 1
  const placed = steps.map((step, index) =>
    withOptions(step, {
      ...(index === 0 ? firstOptions : {}),
      ...(index === last ? { taskId, link } : {}),
      linkError,
    }),
  )
  const frozen = chainParents(placed.map(freeze))
  if (frozen.length === 1) return frozen[0]!
  return {
    data: { ...data, options: {}, tasks: frozen.map((step) => step.data) },
    handle: frozen[last]!.handle,
  }
}

function chainParents(steps: Frozen[]): Frozen[] {
  for (let i = 1; i < steps.length; i++) rootOf(steps[i]!.handle).parent = steps[i - 1]!.handle
  return steps
}

function freezeGroup(data: GroupData): Frozen {
  const { taskId, link, linkError, ...memberOptions } = data.options
  if (link?.length)
    throw new TypeError(
      'Cannot add link to group: use a chord, such as chord(group, callback.s()).',
    )
  const id = taskId ?? newId()
  const members = flattenGroup(data.tasks).map((member, index) =>
    stampResult(freeze(withOptions(member, { ...memberOptions, linkError })), {
      groupId: id,
      groupIndex: index,
    }),
  )
  return {
    data: { ...data, options: { taskId: id }, tasks: members.map((member) => member.data) },
    handle: { kind: 'group', id, members: members.map((member) => member.handle), parent: null },
  }
}

function freezeChord(data: ChordData): Frozen {
  const body = freeze(withOptions(data.body, data.options))
  const headerId = newId()
  const header = flattenGroup(data.header).map(freeze)
  const membership: ChordMembership = { body: body.data, size: header.length }
  const members = header.map((member, index) => attachChord(member, membership, headerId, index))
  rootOf(body.handle).parent = {
    kind: 'group',
    id: headerId,
    members: members.map((m) => m.handle),
    parent: null,
  }
  return {
    data: { ...data, options: {}, header: members.map((member) => member.data), body: body.data },
    handle: body.handle,
  }
}

/** Mark the member task whose result counts towards the chord. */
function attachChord(
  member: Frozen,
  chord: ChordMembership,
  groupId: string,
  groupIndex: number,
): Frozen {
  return stampResult(member, { chord, groupId, groupIndex })
}

/** Set options on the task whose result is the canvas's result (a chain's last step, a chord's body). */
function stampResult(frozen: Frozen, options: SignatureOptions): Frozen {
  return { data: stampData(frozen.data, options), handle: frozen.handle }
}

function stampData(data: SignatureData, options: SignatureOptions): SignatureData {
  switch (data.subtaskType) {
    case null:
      return { ...data, options: { ...data.options, ...options } }
    case 'chain':
      return {
        ...data,
        tasks: [...data.tasks.slice(0, -1), stampData(data.tasks.at(-1)!, options)],
      }
    case 'chord':
      return { ...data, body: stampData(data.body, options) }
    case 'group':
      throw new TypeError(
        'A group cannot end a chain inside a group or chord header: make it a chord of its own, such as chord(group, tsum.s()).',
      )
  }
}

/** Merge options into a signature's own; callbacks are added to, not replaced. */
export function withOptions(data: SignatureData, options: SignatureOptions): SignatureData {
  const merged: SignatureOptions = { ...data.options }
  for (const [key, value] of Object.entries(options) as [keyof SignatureOptions, unknown][]) {
    if (value === undefined) continue
    if (key === 'link' || key === 'linkError') {
      merged[key] = mergeCallbacks(merged[key], value as SignatureData[])
    } else {
      ;(merged as Record<string, unknown>)[key] = value
    }
  }
  return { ...data, options: merged }
}

function mergeCallbacks(own: SignatureData[] | undefined, added: SignatureData[]): SignatureData[] {
  if (!own?.length) return added
  const seen = new Set(own.map((callback) => JSON.stringify(callback)))
  return [...own, ...added.filter((callback) => !seen.has(JSON.stringify(callback)))]
}

/** Splice nested chains; unroll one-member groups; skip empty groups; group → step makes a chord. */
function normalizeChain(tasks: SignatureData[]): SignatureData[] {
  const steps: SignatureData[] = []
  for (const step of spliceChains(tasks)) {
    const unrolled = step.subtaskType === 'group' && step.tasks.length === 1 ? step.tasks[0]! : step
    if (unrolled.subtaskType === 'group' && unrolled.tasks.length === 0) continue
    const previous = steps.at(-1)
    if (previous?.subtaskType === 'group') steps[steps.length - 1] = chordOf(previous, unrolled)
    else if (previous?.subtaskType === 'chord')
      steps[steps.length - 1] = extendBody(previous, unrolled)
    else steps.push(unrolled)
  }
  return steps
}

function spliceChains(tasks: SignatureData[]): SignatureData[] {
  return tasks.flatMap((task) =>
    task.subtaskType === 'chain' && !hasOwnOptions(task) ? spliceChains(task.tasks) : [task],
  )
}

function hasOwnOptions(data: SignatureData): boolean {
  return Object.values(data.options).some((value) => value !== undefined)
}

function chordOf(group: GroupData, body: SignatureData): ChordData {
  return {
    subtaskType: 'chord',
    header: group.tasks,
    body,
    options: group.options,
    immutable: false,
  }
}

function extendBody(chord: ChordData, step: SignatureData): ChordData {
  const body: ChainData = {
    subtaskType: 'chain',
    tasks: [chord.body, step],
    options: {},
    immutable: false,
  }
  return { ...chord, body }
}

function flattenGroup(tasks: SignatureData[]): SignatureData[] {
  return tasks.flatMap((task) =>
    task.subtaskType === 'group' && !hasOwnOptions(task) ? flattenGroup(task.tasks) : [task],
  )
}

/** The handle at the start of a canvas's result chain: where a previous step attaches. */
function rootOf(handle: FrozenHandle): FrozenHandle {
  let node = handle
  while (node.parent) node = node.parent
  return node
}
