/**
 * Failed-work operations on orchestration instances (docs/design.md, Operations): list by process/status/time, show,
 * rewind a failed one, restart (JS has no RestartAsync: read the input, start a new instance that links back),
 * terminate, purge. State is checked first, so an operator gets 404/409 with a reason instead of a library error.
 */
import type { DurableClient } from 'durable-functions';
import { OrchestrationRuntimeStatus } from 'durable-functions';
import { byUrgency, instanceView, type InstanceView } from './instance-view';
import { TransientError } from '../../core/errors';
import { conflict, notFound } from './ops-request';
import { ORDER_TO_CASH } from '../order-to-cash/names';

export type InstanceClient = Pick<DurableClient, 'getStatus' | 'getStatusBy' | 'rewind' | 'terminate' | 'purgeInstanceHistory' | 'purgeInstanceHistoryBy' | 'startNew' | 'raiseEvent'>;

export const RUNTIME_STATUSES = ['Running', 'Pending', 'Failed', 'Completed', 'Terminated', 'ContinuedAsNew', 'Suspended'] as const;
export type RuntimeStatusName = (typeof RUNTIME_STATUSES)[number];
const ACTIVE = new Set<string>(['Running', 'Pending', 'ContinuedAsNew', 'Suspended']);
const TERMINAL: RuntimeStatusName[] = ['Completed', 'Failed', 'Terminated'];

export interface InstanceQuery {
  process?: string;
  statuses?: RuntimeStatusName[];
  from?: Date;
  to?: Date;
  top?: number;
  /** Only instances whose custom status says this outcome (e.g. `retrying`: waiting out an outage). */
  outcome?: string;
}

function runtimeStatuses(names: readonly RuntimeStatusName[]): OrchestrationRuntimeStatus[] {
  const all: readonly OrchestrationRuntimeStatus[] = Object.values(OrchestrationRuntimeStatus);
  return all.filter((s) => names.includes(String(s) as RuntimeStatusName));
}

export async function listInstances(client: InstanceClient, query: InstanceQuery): Promise<{ instances: InstanceView[]; total: number }> {
  const statuses = query.statuses?.length ? query.statuses : [...RUNTIME_STATUSES];
  const found = await client.getStatusBy({ createdTimeFrom: query.from, createdTimeTo: query.to, runtimeStatus: runtimeStatuses(statuses) });
  const views = found.map(instanceView)
    .filter((v) => !query.process || v.process.toLowerCase() === query.process.toLowerCase())
    .filter((v) => !v.instanceId.startsWith('@')) // entities (`@name@key`) are not work items
    .filter((v) => !query.outcome || v.customStatus?.outcome === query.outcome)
    .sort(byUrgency);
  return { instances: views.slice(0, query.top ?? 100), total: views.length };
}

/** The instance, or undefined when the task hub has none with that id. */
export async function findInstance(client: InstanceClient, instanceId: string, showInput = false): Promise<InstanceView | undefined> {
  const raw = await statusOf(client, instanceId, showInput);
  return raw ? instanceView(raw) : undefined;
}

async function statusOf(client: InstanceClient, instanceId: string, showInput: boolean): Promise<unknown> {
  try {
    return await client.getStatus(instanceId, { showInput });
  } catch (error) {
    // durable-functions throws on 404 ("could not find any data associated with the instanceId").
    if (error instanceof Error && /404/.test(error.message)) return undefined;
    // Anything else is the task hub's storage not answering (a busy or restarting store): an outage the operator may
    // retry (503), not a failure of the request. The client's own message is not echoed: it may carry its URL.
    throw new TransientError(`the durable task hub did not answer the status of instance ${instanceId}; try again`, { code: 'TASK_HUB_UNAVAILABLE', system: 'durable', cause: error });
  }
}

export async function showInstance(client: InstanceClient, instanceId: string): Promise<InstanceView> {
  const view = await findInstance(client, instanceId, true);
  if (!view) throw notFound(`instance ${instanceId}`);
  return view;
}

/** Replays a failed instance from its failed step (the activity runs again with the same input). */
export async function rewindInstance(client: InstanceClient, instanceId: string, reason: string): Promise<InstanceView> {
  const view = await showInstance(client, instanceId);
  if (view.runtimeStatus !== 'Failed') throw conflict(`instance ${instanceId} is ${view.runtimeStatus}: only a Failed instance can be rewound`);
  await client.rewind(instanceId, encodeURIComponent(reason || 'rewound by an operator'));
  return { ...view, runtimeStatus: 'Running' };
}

/** Who holds an order's single-writer lease (connectors/storage/order-lease-store.ts), for the restart check. */
export interface OrderLeaseReader {
  holder(sellerId: string, amazonOrderId: string): Promise<{ owner: string; expiresAt: string; active: boolean } | undefined>;
}

/**
 * A new run from the original input. Most processes get a new instance whose id and input name the one it restarts.
 * An order (order-to-cash) has exactly one writer: it is restarted under its own canonical id — so notifications, the
 * sweep and re-drives reach the restarted run instead of starting another — and refused while any run of that order
 * is alive (the canonical instance, the one named, or the holder of the order's lease).
 */
export async function restartInstance(client: InstanceClient, instanceId: string, now = new Date(), leases?: OrderLeaseReader): Promise<{ instanceId: string; restartedFrom: string }> {
  const raw = await statusOf(client, instanceId, true);
  if (!raw) throw notFound(`instance ${instanceId}`);
  const view = instanceView(raw);
  if (ACTIVE.has(view.runtimeStatus)) throw conflict(`instance ${instanceId} is ${view.runtimeStatus}: terminate it before restarting`);
  const original = (raw as { input?: unknown }).input;
  const input = original !== null && typeof original === 'object' && !Array.isArray(original) ? { ...original, restartedFrom: instanceId } : original;
  const canonical = instanceId.split('~restart-')[0]!;
  if (view.process === ORDER_TO_CASH) {
    await refuseWhileOrderIsAlive(client, canonical, input, leases);
    try {
      await client.startNew(view.process, { instanceId: canonical, input });
    } catch {
      throw conflict(`order instance ${canonical} was started by someone else meanwhile: it is the order's writer now`);
    }
    return { instanceId: canonical, restartedFrom: instanceId };
  }
  const newId = `${canonical}~restart-${now.getTime().toString(36)}`;
  await client.startNew(view.process, { instanceId: newId, input });
  return { instanceId: newId, restartedFrom: instanceId };
}

async function refuseWhileOrderIsAlive(client: InstanceClient, canonical: string, input: unknown, leases: OrderLeaseReader | undefined): Promise<void> {
  const candidates = [canonical];
  const ids = input !== null && typeof input === 'object' ? (input as { sellerId?: unknown; amazonOrderId?: unknown }) : {};
  if (leases && typeof ids.sellerId === 'string' && typeof ids.amazonOrderId === 'string') {
    const holder = await leases.holder(ids.sellerId, ids.amazonOrderId);
    if (holder?.active && !candidates.includes(holder.owner)) candidates.push(holder.owner);
  }
  for (const id of candidates) {
    const raw = await statusOf(client, id, false);
    const status = raw ? instanceView(raw).runtimeStatus : '';
    if (ACTIVE.has(status)) throw conflict(`the order is being processed by instance ${id} (${status}): restart refused so the order keeps one writer; signal or terminate ${id} instead`);
  }
}

export async function terminateInstance(client: InstanceClient, instanceId: string, reason: string): Promise<InstanceView> {
  const view = await showInstance(client, instanceId);
  if (!ACTIVE.has(view.runtimeStatus)) throw conflict(`instance ${instanceId} is ${view.runtimeStatus}: only a running instance can be terminated`);
  await client.terminate(instanceId, encodeURIComponent(reason || 'terminated by an operator'));
  return { ...view, runtimeStatus: 'Terminated' };
}

/** Deletes one finished instance's history (a running one must be terminated first). */
export async function purgeInstance(client: InstanceClient, instanceId: string): Promise<{ instancesDeleted: number }> {
  const view = await showInstance(client, instanceId);
  if (ACTIVE.has(view.runtimeStatus)) throw conflict(`instance ${instanceId} is ${view.runtimeStatus}: terminate it before purging`);
  const result = await client.purgeInstanceHistory(instanceId);
  return { instancesDeleted: result.instancesDeleted };
}

/** Deletes the history of finished instances created before `before` (default statuses: Completed, Failed, Terminated). */
export async function purgeHistory(client: Pick<InstanceClient, 'purgeInstanceHistoryBy'>, before: Date, statuses: RuntimeStatusName[] = TERMINAL): Promise<{ instancesDeleted: number; before: string; statuses: string[] }> {
  const finished = statuses.filter((s) => !ACTIVE.has(s));
  if (finished.length === 0) throw conflict('only finished instances (Completed, Failed, Terminated) can be purged');
  const result = await client.purgeInstanceHistoryBy({ createdTimeTo: before, runtimeStatus: runtimeStatuses(finished) });
  return { instancesDeleted: result.instancesDeleted, before: before.toISOString(), statuses: finished };
}

export function isActive(runtimeStatus: string): boolean {
  return ACTIVE.has(runtimeStatus);
}
