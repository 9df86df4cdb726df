/** The order-to-cash activity: glue between the orchestration and processOrder, with the real connectors bound. */
import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { IncludedData } from '../../core/orders/amazon-order-2026';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { PROCESS_ORDER_ACTIVITY } from './names';
import { OrderInstanceInputSchema, type OrderOutcome } from './order-outcome';
import type { ItemLookupPort, OrderPorts } from './order-ports';
import { processOrder } from './process-order';
import { m3ItemLookup, m3OrderPort } from './m3-order-adapter';
import { withClaimCheckedOrder } from '../order-fetch/claim-checked-order';

/** Everything the plan needs in one getOrder call (no RDT, no separate items call). */
const ORDER_INCLUDED_DATA: IncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'PROMOTION', 'FULFILLMENT', 'TAX', 'CANCELLATION'];

/**
 * One item look-up per process, not per attempt: SKU look-ups of orders processed at the same time share its
 * coalesced bulk requests (m3ItemLookup), and the fetch planner warms its cache with a page's SKUs.
 */
const itemLookups = new WeakMap<Dependencies, ItemLookupPort>();

export function itemLookupOf(deps: Dependencies): ItemLookupPort {
  let lookup = itemLookups.get(deps);
  if (!lookup) {
    lookup = m3ItemLookup({ execute: (p, t, params, o) => deps.m3().execute(p, t, params, o), executeBulk: (p, calls) => deps.m3().executeBulk(p, calls) });
    itemLookups.set(deps, lookup);
  }
  return lookup;
}

/** `owner`: the orchestration instance this attempt runs in, named on the order's single-writer lease. */
export function orderPorts(deps: Dependencies, owner: string): OrderPorts {
  return {
    getAmazonOrder: (sellerId, amazonOrderId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId).getOrder(amazonOrderId, ORDER_INCLUDED_DATA, 'intake'),
    feeds: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
    m3: m3OrderPort({ execute: (p, t, params, o) => deps.m3().execute(p, t, params, o), executeBulk: (p, calls) => deps.m3().executeBulk(p, calls) }),
    items: itemLookupOf(deps),
    links: deps.links,
    leases: deps.leases.forOwner(owner),
    parked: deps.parked,
    counters: deps.counters,
    mappings: () => deps.mappings(),
    switches: deps.switches,
  };
}

export async function processOrderActivity(input: unknown, context: InvocationContext): Promise<OrderOutcome> {
  const deps = dependencies();
  await deps.switches.refresh();
  const parsed = OrderInstanceInputSchema.parse(input);
  // An attempt outside an orchestration (none today) would still be one writer: it gets an owner of its own.
  const ports = orderPorts(deps, parsed.instanceId || `activity:${context.invocationId}`);
  if (!parsed.claimCheck) return processOrder(parsed, ports, context);
  // Handed over from a searchOrders page: the order is in a claim check, deleted once this attempt is done.
  const claimed = withClaimCheckedOrder(ports, parsed.claimCheck, deps.orderClaimChecks);
  try {
    return await processOrder(parsed, claimed.ports, context);
  } finally {
    await claimed.release();
  }
}

df.app.activity(PROCESS_ORDER_ACTIVITY, { handler: processOrderActivity });
