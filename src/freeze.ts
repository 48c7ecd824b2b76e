import { newTaskId } from './ids.ts'
import type {
  ChainData,
  ChordData,
  GroupData,
  ResultTuple,
  SignatureData,
  SignatureOptions,
} from './protocol.ts'

/** Why `link` cannot go on a group, and what to do instead. */
export const GROUP_LINK_ERROR =
  'Cannot add link to group: use a chord, such as chord(group, callback.s()).'

/**
 * Assign ids everywhere (keeping ids already set) and put canvases in the form
 * they run in: nested chains spliced, a group followed by a step turned into a
 * chord, steps after a chord moved into its body, chain and chord callbacks moved
 * to the tasks they belong to. Never mutates `data`.
 */
export function freeze(data: SignatureData): SignatureData {
  switch (data.subtaskType) {
    case null:
      return stampResult(data, { taskId: data.options.taskId ?? newTaskId() })
    case 'chain':
      return freezeChain(data)
    case 'group':
      return freezeGroup(data)
    case 'chord':
      return freezeChord(data)
  }
}

function freezeChain(data: ChainData): SignatureData {
  const { link, linkError, taskId, ...firstOptions } = data.options
  const steps = normalizeChain(data.tasks)
  const last = steps.length - 1
  if (last < 0) throw new TypeError('chain() needs at least one step, such as chain(add.s(1, 2)).')
  const tasks = steps.map((step, index) =>
    freeze(
      withOptions(step, {
        ...(index === 0 ? firstOptions : {}),
        ...(index === last ? { taskId, link } : {}),
        linkError,
      }),
    ),
  )
  return last === 0 ? tasks[0]! : { ...data, options: {}, tasks }
}

function freezeGroup(data: GroupData): GroupData {
  const { taskId, link, linkError, ...memberOptions } = data.options
  if (link?.length) throw new TypeError(GROUP_LINK_ERROR)
  const groupId = taskId ?? newTaskId()
  const tasks = flatten(data.tasks, 'group').map((member, groupIndex) =>
    stampResult(freeze(withOptions(member, { ...memberOptions, linkError })), {
      groupId,
      groupIndex,
    }),
  )
  return { ...data, options: { taskId: groupId }, tasks }
}

/** The frozen chord keeps its header's group id as `options.groupId`, for its handle. */
function freezeChord(data: ChordData): ChordData {
  const body = freeze(withOptions(data.body, data.options))
  const groupId = newTaskId()
  const members = flatten(data.header, 'group')
  const chord = { body, size: members.length }
  const header = members.map((member, groupIndex) =>
    stampResult(freeze(member), { chord, groupId, groupIndex }),
  )
  return { ...data, options: { groupId }, header, body }
}

/** Set options on the task whose result is the canvas's result (a chain's last step, a chord's body). */
function stampResult(data: SignatureData, options: SignatureOptions): SignatureData {
  switch (data.subtaskType) {
    case null:
      return { ...data, options: { ...data.options, ...options } }
    case 'chain':
      return {
        ...data,
        tasks: [...data.tasks.slice(0, -1), stampResult(data.tasks.at(-1)!, options)],
      }
    case 'chord':
      return { ...data, body: stampResult(data.body, options) }
    case 'group':
      throw new TypeError(
        'A group cannot end a chain inside a group or chord header: make it a chord of its own, such as chord(group, tsum.s()).',
      )
  }
}

/** Make a group's handle (given `members`) or a task's; `handleOf` links them by `parent`. */
export type MakeHandle<H extends { parent: H | null }> = (id: string, members?: H[]) => H

/**
 * The result tuple Celery stores in `children` for frozen data: a task's id, or a
 * group's id with its members' tuples; a chain is its last step, a chord its body.
 */
export function resultTupleOf(data: SignatureData): ResultTuple {
  switch (data.subtaskType) {
    case null:
      return [[data.options.taskId!, null], null]
    case 'chain':
      return resultTupleOf(data.tasks.at(-1)!)
    case 'group':
      return [[data.options.taskId!, null], data.tasks.map(resultTupleOf)]
    case 'chord':
      return resultTupleOf(data.body)
  }
}

/**
 * The handle of frozen data, made by `make`: a chain's last step whose parents
 * walk back to its first, a chord's body whose parent is the header's group, a
 * group's members.
 */
export function handleOf<H extends { parent: H | null }>(
  data: SignatureData,
  make: MakeHandle<H>,
): H {
  if (data.subtaskType === null) return make(data.options.taskId!)
  const of = (each: SignatureData) => handleOf(each, make)
  switch (data.subtaskType) {
    case 'chain':
      return data.tasks.map(of).reduce((previous, step) => attach(step, previous))
    case 'group':
      return make(data.options.taskId!, data.tasks.map(of))
    case 'chord':
      return attach(of(data.body), make(data.options.groupId!, data.header.map(of)))
  }
}

/** Make `parent` the parent of the start of `handle`'s result chain; returns `handle`. */
function attach<H extends { parent: H | null }>(handle: H, parent: H): H {
  let node = handle
  while (node.parent) node = node.parent
  node.parent = parent
  return handle
}

/** Merge options into a signature's own; callbacks are added to, not replaced. */
export function withOptions<T extends SignatureData>(data: T, options: SignatureOptions): T {
  const merged: Record<string, unknown> = { ...data.options }
  for (const [key, value] of Object.entries(options)) {
    if (value === undefined) continue
    const own = merged[key] as SignatureData[] | undefined
    const callbacks = (key === 'link' || key === 'linkError') && own?.length
    merged[key] = callbacks ? addCallbacks([...own], value) : value
  }
  return { ...data, options: merged }
}

/**
 * Add callbacks to `list` in place, each unless one equal to it (as JSON) was
 * there already: Celery adds a callback once. @returns `list`
 */
export function addCallbacks(list: SignatureData[], callbacks: SignatureData[]): SignatureData[] {
  const seen = new Set(list.map((callback) => JSON.stringify(callback)))
  for (const callback of callbacks) if (!seen.has(JSON.stringify(callback))) list.push(callback)
  return list
}

/** Splice nested chains; unroll one-member groups; skip empty groups; group → step makes a chord. */
function normalizeChain(tasks: SignatureData[]): SignatureData[] {
  const steps: SignatureData[] = []
  for (const step of flatten(tasks, 'chain')) {
    const unrolled = step.subtaskType === 'group' && step.tasks.length === 1 ? step.tasks[0]! : step
    if (unrolled.subtaskType === 'group' && unrolled.tasks.length === 0) continue
    const previous = steps.at(-1)
    if (previous?.subtaskType === 'group')
      steps[steps.length - 1] = chordData(previous.tasks, unrolled, previous.options)
    else if (previous?.subtaskType === 'chord')
      steps[steps.length - 1] = extendBody(previous, unrolled)
    else steps.push(unrolled)
  }
  return steps
}

/** Splice members of the same kind that carry no options of their own. */
function flatten(tasks: SignatureData[], kind: 'chain' | 'group'): SignatureData[] {
  return tasks.flatMap((task) =>
    task.subtaskType === kind && !hasOwnOptions(task) ? flatten(task.tasks, kind) : [task],
  )
}

function hasOwnOptions(data: SignatureData): boolean {
  return Object.values(data.options).some((value) => value !== undefined)
}

/** Chain or group data with no options of its own yet. */
export function canvasData<K extends 'chain' | 'group'>(
  subtaskType: K,
  tasks: SignatureData[],
): Extract<SignatureData, { subtaskType: K }> {
  return { subtaskType, tasks, options: {}, immutable: false } as never
}

/** Chord data: `header` in parallel, then `body` with their results. */
export function chordData(
  header: SignatureData[],
  body: SignatureData,
  options: SignatureOptions = {},
): ChordData {
  return { subtaskType: 'chord', header, body, options, immutable: false }
}

/** Celery's `chord | step`: the body grows into a chain ending with `step`. */
export function extendBody(chord: ChordData, step: SignatureData): ChordData {
  return { ...chord, body: canvasData('chain', [chord.body, step]) }
}
