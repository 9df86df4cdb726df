/**
 * Starts the order's orchestration, or signals the running one (correlation identifier: seller + order id). Starting an
 * id that runs already is refused by Durable; then the change is delivered as an event instead. A finished canonical
 * instance is started again only while no other live instance holds the order's single-writer lease: that writer is
 * signaled instead, so a notification, the sweep or a re-drive never adds a second writer.
 */
import { ORDER_CHANGED_EVENT, ORDER_TO_CASH, orderInstanceId } from './names';
import type { OrderInstanceInput } from './order-outcome';
import { dependencies } from '../runtime/dependencies';
import { isActiveStatus, startOrSignal, type StartClient } from '../runtime/start-or-signal';

/** Who holds the order's lease (connectors/storage/order-lease-store.ts). */
export interface OrderLeaseHolders {
  holder(sellerId: string, amazonOrderId: string): Promise<{ owner: string; active: boolean } | undefined>;
}

export async function startOrSignalOrder(client: StartClient, input: OrderInstanceInput, leases?: OrderLeaseHolders): Promise<'started' | 'signaled'> {
  const instanceId = orderInstanceId(input.sellerId, input.amazonOrderId);
  return startOrSignal(client, {
    orchestrator: ORDER_TO_CASH,
    instanceId,
    input,
    event: { name: ORDER_CHANGED_EVENT, data: { trigger: input.trigger } },
    // Only an instance that ran before can have left another writer behind (an operator restart under another id).
    liveElsewhere: async (status) => (status ? liveWriter(client, input, instanceId, leases ?? (await defaultLeases())) : undefined),
  });
}

/** The live instance (other than the canonical one) that holds the order's lease, if any. */
async function liveWriter(client: StartClient, input: OrderInstanceInput, canonical: string, leases: OrderLeaseHolders): Promise<string | undefined> {
  const holder = await leases.holder(input.sellerId, input.amazonOrderId);
  if (!holder?.active || holder.owner === canonical) return undefined;
  const status = await client.getStatus(holder.owner).catch(() => undefined);
  return isActiveStatus(status) ? holder.owner : undefined;
}

/** The app's lease store, built on first use (callers that pass their own never build the app's dependencies). */
async function defaultLeases(): Promise<OrderLeaseHolders> {
  return dependencies().leases;
}
