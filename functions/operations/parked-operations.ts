/**
 * Parked work (docs/design.md, Operations): list with filters, re-drive one or all of a reason after a mapping/item fix, resolve
 * with a note. A re-drive forgets cached mappings and SKU resolutions, then wakes the waiting instance with the
 * `redrive` event — or starts the work again when no instance waits any more — and marks the item `redriven`; the flow
 * marks it `resolved` when the retry succeeds (or parks it again with a fresh reason).
 */
import type { ParkedItem, ParkedStore } from '../../connectors/storage';
import { REDRIVE_EVENT } from '../order-to-cash/names';
import { ORDER_FLOW } from '../order-to-cash/names';
import { REFUND_FLOW, RETURN_FLOW } from '../returns/names';
import { isActive, type InstanceClient } from './instance-operations';
import { InstanceStatusSchema } from './instance-view';
import { conflict, notFound } from './ops-request';

export interface RedrivePorts {
  parked: Pick<ParkedStore, 'get' | 'list' | 'setStatus'>;
  client: InstanceClient;
  /** Forget cached mappings and SKU → item resolutions so the retry sees the operator's fix. */
  forgetCaches(): void;
  /** order-to-cash start-or-signal (start-order.ts), for orders whose instance is gone. */
  startOrSignalOrder(input: { sellerId: string; amazonOrderId: string; trigger: string }): Promise<'started' | 'signaled'>;
}

export interface RedriveResult {
  flow: string;
  id: string;
  how: 'signaled' | 'started' | 'restarted' | 'queued';
  instanceId: string;
}

export async function redriveOne(ports: RedrivePorts, flow: string, id: string, by = 'operator'): Promise<RedriveResult> {
  ports.forgetCaches();
  const item = await ports.parked.get(flow, id);
  if (!item) throw notFound(`parked item ${flow}/${id}`);
  if (item.status === 'resolved') throw conflict(`parked item ${flow}/${id} is already resolved`);
  const result = await wake(ports, item, by);
  await ports.parked.setStatus(flow, id, 'redriven', `re-driven by ${by} (${result.how} ${result.instanceId})`);
  return result;
}

/** Every parked (not yet re-driven) item of a reason, optionally of one flow. */
export async function redriveReason(ports: RedrivePorts, reason: string, flow?: string, by = 'operator'): Promise<{ redriven: RedriveResult[]; failed: Array<{ flow: string; id: string; message: string }> }> {
  ports.forgetCaches();
  const items = await ports.parked.list({ reason, flow, status: 'parked' });
  const redriven: RedriveResult[] = [];
  const failed: Array<{ flow: string; id: string; message: string }> = [];
  for (const item of items) {
    try {
      redriven.push(await redriveOne(ports, item.flow, item.id, by));
    } catch (error) {
      failed.push({ flow: item.flow, id: item.id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { redriven, failed };
}

export async function resolveOne(parked: Pick<ParkedStore, 'get' | 'setStatus'>, flow: string, id: string, note: string): Promise<ParkedItem> {
  if (!note.trim()) throw conflict('a note saying why is required to resolve a parked item');
  const updated = await parked.setStatus(flow, id, 'resolved', note.trim());
  if (!updated) throw notFound(`parked item ${flow}/${id}`);
  return updated;
}

async function wake(ports: RedrivePorts, item: ParkedItem, by: string): Promise<RedriveResult> {
  const client = ports.client;
  const base = { flow: item.flow, id: item.id };
  // Refunds and returns have no instance: their sweep books what is marked re-driven on its next run.
  if (item.flow === REFUND_FLOW || item.flow === RETURN_FLOW) return { ...base, how: 'queued', instanceId: '' };
  if (item.instanceId) {
    const status = await statusWithInput(client, item.instanceId);
    if (status && isActive(status.runtimeStatus)) {
      await client.raiseEvent(item.instanceId, REDRIVE_EVENT, { by });
      return { ...base, how: 'signaled', instanceId: item.instanceId };
    }
    if (status && item.flow !== ORDER_FLOW) {
      // Finished (or failed) meanwhile: run the same work again under the same id, from its recorded input.
      await client.startNew(status.name, { instanceId: item.instanceId, input: status.input });
      return { ...base, how: 'restarted', instanceId: item.instanceId };
    }
  }
  if (item.flow === ORDER_FLOW) {
    const ids = orderIdsOf(item);
    if (!ids) throw conflict(`parked item ${item.flow}/${item.id} does not name its seller; re-send the order instead`);
    const how = await ports.startOrSignalOrder({ ...ids, trigger: 'redrive' });
    // startOrSignal delivers `order-changed` to a running instance, which also re-runs the attempt.
    return { ...base, how, instanceId: `o2c:${ids.sellerId}:${ids.amazonOrderId}` };
  }
  throw conflict(`parked item ${item.flow}/${item.id} has no instance to re-drive; re-send its source (${item.sourceRef})`);
}

async function statusWithInput(client: InstanceClient, instanceId: string): Promise<{ name: string; runtimeStatus: string; input: unknown } | undefined> {
  try {
    const parsed = InstanceStatusSchema.safeParse(await client.getStatus(instanceId, { showInput: true }));
    return parsed.success ? { name: parsed.data.name, runtimeStatus: parsed.data.runtimeStatus, input: parsed.data.input } : undefined;
  } catch {
    return undefined;
  }
}

/** `amazon-order:<seller>:<order>` (process-order.ts) or the details recorded with the item. */
function orderIdsOf(item: ParkedItem): { sellerId: string; amazonOrderId: string } | undefined {
  const sellerFromDetails = typeof item.details.sellerId === 'string' ? item.details.sellerId : '';
  const ref = /^amazon-order:([^:]+):(.+)$/.exec(item.sourceRef);
  const sellerId = sellerFromDetails || ref?.[1] || '';
  return sellerId ? { sellerId, amazonOrderId: item.id } : undefined;
}
