/**
 * Starts the order's orchestration, or signals the running one (correlation identifier: seller + order id). Starting an
 * id that runs already is refused by Durable; then the change is delivered as an event instead. A finished canonical
 * instance is started again only while no other live instance holds the order's single-writer lease: that writer is
 * signaled instead, so a notification, the sweep or a re-drive never adds a second writer.
 */
import type { DurableClient } from 'durable-functions';
import { ORDER_CHANGED_EVENT, ORDER_TO_CASH, orderInstanceId } from './names';
import type { OrderInstanceInput } from './order-outcome';
import { dependencies } from '../runtime/dependencies';

const ACTIVE = new Set(['Pending', 'Running', 'ContinuedAsNew', 'Suspended']);

/** Who holds the order's lease (connectors/storage/order-lease-store.ts). */
export interface OrderLeaseHolders {
  holder(sellerId: string, amazonOrderId: string): Promise<{ owner: string; active: boolean } | undefined>;
}

type StartClient = Pick<DurableClient, 'getStatus' | 'startNew' | 'raiseEvent'>;

export async function startOrSignalOrder(client: StartClient, input: OrderInstanceInput, leases?: OrderLeaseHolders): Promise<'started' | 'signaled'> {
  const instanceId = orderInstanceId(input.sellerId, input.amazonOrderId);
  for (let attempt = 0; attempt < 3; attempt++) {
    const status = await client.getStatus(instanceId).catch(() => undefined);
    const runtimeStatus = status ? String(status.runtimeStatus) : '';
    if (status && ACTIVE.has(runtimeStatus)) {
      await client.raiseEvent(instanceId, ORDER_CHANGED_EVENT, { trigger: input.trigger });
      return 'signaled';
    }
    // Only an instance that ran before can have left another writer behind (an operator restart under another id).
    const writer = status ? await liveWriter(client, input, instanceId, leases ?? (await defaultLeases())) : undefined;
    if (writer) {
      await client.raiseEvent(writer, ORDER_CHANGED_EVENT, { trigger: input.trigger });
      return 'signaled';
    }
    try {
      await client.startNew(ORDER_TO_CASH, { instanceId, input });
      return 'started';
    } catch {
      // Someone else started it between our read and our start: signal it instead.
    }
  }
  await client.raiseEvent(instanceId, ORDER_CHANGED_EVENT, { trigger: input.trigger });
  return 'signaled';
}

/** The live instance (other than the canonical one) that holds the order's lease, if any. */
async function liveWriter(client: StartClient, input: OrderInstanceInput, canonical: string, leases: OrderLeaseHolders): Promise<string | undefined> {
  const holder = await leases.holder(input.sellerId, input.amazonOrderId);
  if (!holder?.active || holder.owner === canonical) return undefined;
  const status = await client.getStatus(holder.owner).catch(() => undefined);
  return status && ACTIVE.has(String(status.runtimeStatus)) ? holder.owner : undefined;
}

/** The app's lease store, built on first use (callers that pass their own never build the app's dependencies). */
async function defaultLeases(): Promise<OrderLeaseHolders> {
  return dependencies().leases;
}
