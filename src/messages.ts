import type { SentVia, SignatureData, TaskMessage, TaskSignatureData } from './protocol.ts'
import type { TaskDefinition, TaskOptions } from './task-options.ts'

/** Where a message comes from: its parent, its root, why it is sent, the chain after it. */
export interface SendContext {
  parentId: string | null
  rootId: string | null
  via: SentVia
  chain?: SignatureData[]
  transfer?: Transferable[]
}

/** Epoch ms above which `expires` is an absolute time rather than a delay. */
const ABSOLUTE_TIME_FLOOR = 1e12

/**
 * The messages to publish now for a frozen signature, with `partial` args
 * prepended to the first task(s): one for a task, the first step of a chain,
 * every member of a group, every header member of a chord. The registry's
 * options fill what the signature leaves unset.
 */
export function messagesOf(
  data: SignatureData,
  partial: unknown[],
  ctx: SendContext,
  registry: ReadonlyMap<string, TaskDefinition>,
): TaskMessage[] {
  switch (data.subtaskType) {
    case null:
      return [taskMessage(data, partial, ctx, registry.get(data.task)?.options ?? {})]
    case 'chain': {
      const [first, ...rest] = data.tasks
      const chain = [...(ctx.chain ?? []), ...rest.reverse()]
      return messagesOf(first!, partial, { ...ctx, chain }, registry)
    }
    case 'group':
      return data.tasks.flatMap((member) =>
        messagesOf(member, partial, { ...ctx, chain: [] }, registry),
      )
    case 'chord':
      if (data.header.length === 0)
        return messagesOf(data.body, [[]], { ...ctx, via: 'chord' }, registry)
      return data.header.flatMap((member) =>
        messagesOf(member, partial, { ...ctx, chain: [] }, registry),
      )
  }
}

/** The message of one frozen task, its unset options filled from `defaults`. */
export function taskMessage(
  node: TaskSignatureData,
  partial: unknown[],
  ctx: SendContext,
  defaults: TaskOptions,
): TaskMessage {
  const options = node.options
  const id = options.taskId!
  const now = Date.now()
  const message: TaskMessage = {
    id,
    task: node.task,
    args: node.immutable || partial.length === 0 ? node.args : [...partial, ...node.args],
    retries: 0,
    eta: etaOf(options.countdown, options.eta, now),
    expires: expiresAt(options.expires, now),
    parentId: options.parentId ?? ctx.parentId,
    rootId: options.rootId ?? ctx.rootId ?? id,
    groupId: options.groupId ?? null,
    groupIndex: options.groupIndex ?? null,
    callbacks: options.link ?? [],
    errbacks: options.linkError ?? [],
    chain: ctx.chain ?? [],
    chord: options.chord ?? null,
    timeLimit: options.timeLimit ?? defaults.timeLimit ?? null,
    softTimeLimit: options.softTimeLimit ?? defaults.softTimeLimit ?? null,
    ignoreResult: options.ignoreResult ?? defaults.ignoreResult ?? false,
    trackStarted: options.trackStarted ?? defaults.trackStarted ?? false,
    via: ctx.via,
  }
  if (options.maxRetries !== undefined) message.maxRetries = options.maxRetries
  if (ctx.transfer) message.transfer = ctx.transfer
  return message
}

function etaOf(
  countdown: number | undefined,
  eta: Date | number | undefined,
  now: number,
): number | null {
  if (countdown !== undefined) return now + countdown
  return eta === undefined ? null : Number(eta)
}

/** `expires` as epoch ms: a delay from now, or a `Date` / epoch ms above 10¹². */
function expiresAt(expires: Date | number | undefined, now: number): number | null {
  if (expires === undefined) return null
  const value = Number(expires)
  return expires instanceof Date || value > ABSOLUTE_TIME_FLOOR ? value : now + value
}
