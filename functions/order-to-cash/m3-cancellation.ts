/**
 * An order or line canceled in M3 (no stock, customer service) reaching Amazon. Looked at only when something in M3
 * changed (a Sync.SalesOrder, or the sweep's look at linked open orders: trigger `m3-…`), and decided on what M3 says
 * now (OIS100MI GetHead / LstLine), never on the BOD alone:
 * - the whole order is gone (deleted, head status 90, or every Amazon line closed at 99): Amazon cancels it through the
 *   acknowledgement feed with reason NoInventory, once (the link records it);
 * - some lines closed while the rest ships: Amazon's feed cancels whole orders only, so the order is parked as
 *   PARTIAL_CANCEL_NEEDS_ADJUSTMENT with what the operator must do in Seller Central; never dropped silently.
 * M3 answering GetHead with NOK for an order it had is read as "deleted" (inferred: DelHead removes the head record).
 */
import { PermanentError } from '../../core/errors';
import type { CanonicalOrder } from '../../core/orders/canonical-order';
import type { OrderLink } from '../../connectors/storage';
import { ois100mi } from '../../connectors/m3';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { acknowledgeCancellation } from './acknowledge-cancellation';
import { changeLink } from './link-writer';
import { M3_TRIGGER_PREFIX } from './m3-order-change';
import { ORDER_FLOW } from './names';
import type { OrderInstanceInput, OrderOutcome } from './order-outcome';
import type { OrderPorts } from './order-ports';

export const PARTIAL_CANCEL_NEEDS_ADJUSTMENT = 'PARTIAL_CANCEL_NEEDS_ADJUSTMENT';

export async function followM3Cancellation(
  order: CanonicalOrder, link: OrderLink, input: OrderInstanceInput, ports: OrderPorts, log: LogSink,
  park: (p: { reason: string; message: string }) => Promise<OrderOutcome>,
): Promise<OrderOutcome | undefined> {
  if (!input.trigger.startsWith(M3_TRIGGER_PREFIX)) return undefined;
  if (link.status !== 'created' || link.m3Cancel !== undefined || link.buyerCancel !== undefined || order.channel !== 'merchant') return undefined;
  if (!['pending', 'unshipped', 'partially-shipped'].includes(order.status)) return undefined;
  const orderNumber = link.m3OrderNumber;
  const head = await ois100mi.getHead(ports.m3, orderNumber).catch((error: unknown) => {
    if (error instanceof PermanentError) return undefined;
    throw error;
  });
  const headStatus = (head?.STAT ?? head?.ORST ?? '').trim();
  let closedLines: OrderLink['lines'] = [];
  let whole = head === undefined || headStatus === ois100mi.ORDER_DELETED;
  if (!whole) {
    const m3Lines = await ois100mi.lstLine(ports.m3, orderNumber);
    const statusOf = new Map(m3Lines.map((l) => [Number(l.PONR.trim()), l.ORST.trim()]));
    const open = link.lines.filter((l) => !l.canceled && l.lineNumber !== undefined);
    closedLines = open.filter((l) => statusOf.get(l.lineNumber!) === ois100mi.LINE_CLOSED || !statusOf.has(l.lineNumber!));
    whole = open.length > 0 && closedLines.length === open.length;
  }
  const ids = { sellerId: input.sellerId, amazonOrderId: input.amazonOrderId };
  if (whole && order.status !== 'partially-shipped') {
    await acknowledgeCancellation({
      ...ids, marketplaceId: order.marketplaceId ?? link.marketplaceId, orderItemIds: order.lines.map((l) => l.orderItemId), reason: 'NoInventory', m3OrderNumber: orderNumber,
    }, ports, log);
    await changeLink(ports.links, ids, (current) => ({ ...(current ?? link), status: 'canceled', m3Cancel: 'sent' }));
    await ports.counters.increment(ORDER_FLOW, 'm3-canceled');
    logEvent(log, 'info', 'order.m3-canceled', { flow: ORDER_FLOW, ...ids, m3OrderNumber: orderNumber });
    return { outcome: 'canceled', reason: 'M3_CANCELED', message: `M3 order ${orderNumber} was canceled in M3: canceled on Amazon (NoInventory)`, m3OrderNumber: orderNumber, lines: 0 };
  }
  if (closedLines.length === 0 && !whole) return undefined;
  const items = whole ? link.lines.filter((l) => !l.canceled) : closedLines;
  const closedIds = new Set(items.map((l) => l.orderItemId));
  await changeLink(ports.links, ids, (found) => {
    const current = found ?? link;
    return { ...current, m3Cancel: 'partial-parked', lines: current.lines.map((l) => (closedIds.has(l.orderItemId) ? { ...l, canceled: true } : l)) };
  });
  await ports.counters.increment(ORDER_FLOW, 'partial-cancel-parked');
  logEvent(log, 'warn', 'alert.partial-cancel', { flow: ORDER_FLOW, ...ids, m3OrderNumber: orderNumber, lines: items.length });
  return park({
    reason: PARTIAL_CANCEL_NEEDS_ADJUSTMENT,
    message: `M3 closed line(s) ${items.map((l) => l.lineNumber ?? '?').join(', ')} of order ${orderNumber} (Amazon order items ${items.map((l) => `${l.orderItemId} × ${l.quantity}`).join(', ')}) while the rest ships. `
      + 'Amazon\'s order feed cancels whole orders only: let the rest ship and be confirmed, then in Seller Central cancel or refund those items '
      + '(Manage Orders › Cancel items, or a refund with reason No inventory), and resolve this item.',
  });
}
