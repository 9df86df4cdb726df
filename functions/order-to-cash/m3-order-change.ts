/**
 * An order changed in M3 (Sync.SalesOrder, or the sweep's look at linked open orders): the Amazon order's
 * order-to-cash instance is started or signaled with an `m3-` trigger, and its activity re-reads the order in M3
 * (m3-cancellation.ts) before anything reaches Amazon. Orders the app did not create from Amazon are ignored.
 */
import type { DurableClient } from 'durable-functions';
import type { OrderLink } from '../../connectors/storage';
import type { Dependencies } from '../runtime/dependencies';
import { startOrSignalOrder } from './start-order';

export const M3_TRIGGER_PREFIX = 'm3-';

export async function signalM3OrderChange(
  client: DurableClient, deps: Pick<Dependencies, 'links' | 'sellers'>,
  change: { bodId: string; m3OrderNumber: string; customerOrderRef: string | null },
): Promise<'started' | 'signaled' | 'not-linked'> {
  const link = await findLink(deps, change.m3OrderNumber, change.customerOrderRef);
  if (!link || link.status !== 'created') return 'not-linked';
  return startOrSignalOrder(client, { sellerId: link.sellerId, amazonOrderId: link.amazonOrderId, marketplaceId: link.marketplaceId || undefined, trigger: `${M3_TRIGGER_PREFIX}bod:${change.bodId}` });
}

async function findLink(deps: Pick<Dependencies, 'links' | 'sellers'>, m3OrderNumber: string, customerOrderRef: string | null): Promise<OrderLink | undefined> {
  const byNumber = await deps.links.findByM3Order(m3OrderNumber);
  if (byNumber) return byNumber;
  if (!customerOrderRef) return undefined;
  for (const sellerId of new Set(deps.sellers.map((s) => s.sellerId))) {
    const link = await deps.links.get(sellerId, customerOrderRef);
    if (link && link.m3OrderNumber === m3OrderNumber) return link;
  }
  return undefined;
}
