/**
 * What changes after an order is in M3 and Amazon expects the seller to act on:
 * - the buyer asks to cancel (ORDER_CHANGE BuyerRequestedChange; the items' cancellation request, which a getOrder
 *   with CANCELLATION also shows the sweep): while M3 can still stop the order (below the mapped unstoppable status) it
 *   is canceled in M3 and Amazon is told (acknowledgement feed, BuyerCanceled); later it is parked as
 *   CANCEL_REQUEST_TOO_LATE for customer service. Decided once per order (the link records the decision);
 * - Amazon cancels some items of an open order: those M3 lines are closed with the mapped reason, the rest stays.
 * - M3 canceled the order or some lines (m3-cancellation.ts).
 * A whole-order cancellation by Amazon is not handled here: the plan's `cancel` action does that.
 */
import type { CanonicalOrder } from '../../core/orders/canonical-order';
import type { Mappings } from '../../core/mapping/mappings-schema';
import { ois100mi } from '../../connectors/m3';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { acknowledgeCancellation } from './acknowledge-cancellation';
import { cancelM3Order } from './cancel-m3-order';
import { followM3Cancellation } from './m3-cancellation';
import { changeLink } from './link-writer';
import { ORDER_FLOW } from './names';
import type { OrderInstanceInput, OrderOutcome } from './order-outcome';
import type { OrderPorts } from './order-ports';

export const CANCEL_REQUEST_TOO_LATE = 'CANCEL_REQUEST_TOO_LATE';

/** Statuses in which the buyer's request can still be honored by canceling the whole order (nothing shipped yet). */
const CANCELABLE = new Set(['pending', 'unshipped']);
/** Part of the order shipped: Amazon's feed cancels whole orders only (and would refund the shipped part too). */
const TOO_LATE = new Set(['partially-shipped']);

export interface LifecycleParking {
  reason: string;
  message: string;
}

/**
 * Acts on a cancellation request or canceled items; undefined when there is nothing of that kind (the plan decides).
 * `park` parks the order the usual way and returns its outcome.
 */
export async function followOrderLifecycle(
  order: CanonicalOrder, input: OrderInstanceInput, mappings: Mappings, ports: OrderPorts, log: LogSink,
  park: (p: LifecycleParking) => Promise<OrderOutcome>,
): Promise<OrderOutcome | undefined> {
  const ids = { sellerId: input.sellerId, amazonOrderId: input.amazonOrderId };
  const link = await ports.links.get(ids.sellerId, ids.amazonOrderId);
  const open = order.lines.filter((l) => l.quantity > 0 && l.canceledBy === undefined);
  const requested = open.length > 0 && open.every((l) => l.cancelRequested);

  if (link?.buyerCancel === 'canceled') {
    // Decided before (possibly a crash before Amazon was told): finish telling Amazon, change nothing else.
    if ((!link.acknowledgement || link.acknowledgement.state === 'refused') && order.status !== 'canceled') await acknowledge(order, input, link.m3OrderNumber, ports, log);
    return result('canceled', 'BUYER_CANCELED', 'buyer cancellation handled before: nothing more to do', link.m3OrderNumber);
  }
  if (requested && (CANCELABLE.has(order.status) || TOO_LATE.has(order.status)) && link?.buyerCancel === undefined && order.channel === 'merchant') {
    const canceled = TOO_LATE.has(order.status)
      ? { kind: 'needs-operator' as const, reason: CANCEL_REQUEST_TOO_LATE, message: `Amazon shows the order ${order.amazonStatus}` }
      : await cancelM3Order(ids, ports, mappings.cancellation);
    if (canceled.kind === 'needs-operator') {
      const current = await changeLink(ports.links, ids, (found) => found && { ...found, buyerCancel: 'too-late' });
      logEvent(log, 'warn', 'alert.cancel-request-too-late', { flow: ORDER_FLOW, sellerId: ids.sellerId, amazonOrderId: ids.amazonOrderId, m3OrderNumber: current?.m3OrderNumber ?? '' });
      await ports.counters.increment(ORDER_FLOW, 'cancel-too-late');
      return park({
        reason: CANCEL_REQUEST_TOO_LATE,
        message: `the buyer asked to cancel, but M3 order ${current?.m3OrderNumber ?? '?'} is past the point where it can be stopped (${canceled.message}); nothing was sent to Amazon: contact the buyer, or stop the shipment and cancel in Seller Central`,
      });
    }
    await changeLink(ports.links, ids, (found) => found && { ...found, status: 'canceled', buyerCancel: 'canceled' });
    await acknowledge(order, input, canceled.m3OrderNumber, ports, log);
    await changeLink(ports.links, ids, (found) => (found && found.buyerCancel !== 'canceled' ? { ...found, status: 'canceled', buyerCancel: 'canceled' } : undefined));
    await ports.counters.increment(ORDER_FLOW, 'buyer-canceled');
    return result('canceled', 'BUYER_CANCELED', `buyer's cancellation request honored: ${canceled.message}; Amazon told (BuyerCanceled)`, canceled.m3OrderNumber);
  }
  if (link?.status === 'created' && order.status !== 'canceled') {
    const fromM3 = await followM3Cancellation(order, link, input, ports, log, park);
    if (fromM3) return fromM3;
    return closeCanceledItems(order, link.m3OrderNumber, input, mappings, ports, log);
  }
  return undefined;
}

async function acknowledge(order: CanonicalOrder, input: OrderInstanceInput, m3OrderNumber: string, ports: OrderPorts, log: LogSink): Promise<void> {
  await acknowledgeCancellation({
    sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, marketplaceId: order.marketplaceId ?? input.marketplaceId ?? '',
    orderItemIds: order.lines.map((l) => l.orderItemId), reason: 'BuyerCanceled', m3OrderNumber,
  }, ports, log);
}

/** Items Amazon canceled on an order that stays open: their M3 lines are closed (CloLine, mapped reason), once each. */
async function closeCanceledItems(order: CanonicalOrder, m3OrderNumber: string, input: OrderInstanceInput, mappings: Mappings, ports: OrderPorts, log: LogSink): Promise<OrderOutcome | undefined> {
  const canceledIds = new Set(order.lines.filter((l) => l.canceledBy !== undefined).map((l) => l.orderItemId));
  if (canceledIds.size === 0) return undefined;
  const link = await ports.links.get(input.sellerId, input.amazonOrderId);
  if (!link) return undefined;
  const toClose = link.lines.filter((l) => canceledIds.has(l.orderItemId) && !l.canceled);
  if (toClose.length === 0) return undefined;
  for (const line of toClose) {
    if (line.lineNumber !== undefined) {
      await ois100mi.cloLine(ports.m3, m3OrderNumber, String(line.lineNumber), { RSCD: mappings.cancellation.reasonCode });
    }
    // Recorded line by line, so a retry after a crash closes only what is still open.
    await changeLink(ports.links, input, (found) => found && { ...found, lines: found.lines.map((l) => (l.orderItemId === line.orderItemId ? { ...l, canceled: true } : l)) });
  }
  await ports.counters.increment(ORDER_FLOW, 'lines-canceled', toClose.length);
  logEvent(log, 'info', 'order.lines-canceled', { flow: ORDER_FLOW, sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, m3OrderNumber, lines: toClose.length });
  return result('lines-canceled', 'AMAZON_CANCELED_ITEMS', `Amazon canceled ${toClose.length} item(s): M3 line(s) ${toClose.map((l) => l.lineNumber ?? '?').join(', ')} closed`, m3OrderNumber);
}

function result(outcome: OrderOutcome['outcome'], reason: string, message: string, m3OrderNumber: string): OrderOutcome {
  return { outcome, reason, message, m3OrderNumber, lines: 0 };
}
