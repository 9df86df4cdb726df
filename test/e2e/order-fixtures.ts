/** Orders and notifications for the order-to-cash end-to-end specs, plus the personal data they carry (for PII scans). */
import { buildOrderChangeNotification } from '../../local/sim/amazon/order-change-notification';
import type { SimOrder } from '../../local/sim/amazon/sim-order';

export type AmazonOrder = Record<string, unknown> & { orderId: string };

export function notificationFor(order: AmazonOrder, sellerId: string, notificationId: string): Record<string, unknown> {
  const notification = buildOrderChangeNotification(order as unknown as SimOrder, {
    sellerId, applicationId: 'amzn1.sellerapps.app.test', subscriptionId: 'sub-test', now: new Date().toISOString(), changeType: 'OrderStatusChange', reason: 'NoReason',
  });
  const metadata = notification.NotificationMetadata as Record<string, unknown>;
  metadata.NotificationId = notificationId;
  return notification;
}

/** Every name, address line, phone and e-mail an order carries: none of it may appear outside M3. */
export function personalDataOf(order: AmazonOrder): string[] {
  const values: string[] = [];
  const recipient = (order.recipient as { deliveryAddress?: Record<string, unknown> } | undefined)?.deliveryAddress ?? {};
  for (const key of ['name', 'addressLine1', 'addressLine2', 'addressLine3', 'phone', 'companyName']) {
    const value = recipient[key];
    if (typeof value === 'string' && value.length >= 6) values.push(value);
  }
  const buyer = (order.buyer ?? {}) as Record<string, unknown>;
  for (const key of ['buyerName', 'buyerEmail']) {
    const value = buyer[key];
    if (typeof value === 'string' && value.length >= 6) values.push(value);
  }
  return values;
}

export function withStatus(order: AmazonOrder, status: string): AmazonOrder {
  const fulfillment = { ...(order.fulfillment as Record<string, unknown>), fulfillmentStatus: status };
  return { ...order, fulfillment, lastUpdatedTime: new Date(Date.parse(String(order.lastUpdatedTime)) + 3_600_000).toISOString() };
}

export function shuffled<T>(items: readonly T[], seed: number): T[] {
  const copy = [...items];
  let state = seed;
  for (let i = copy.length - 1; i > 0; i--) {
    state = (state * 1103515245 + 12345) % 2147483648;
    const j = state % (i + 1);
    [copy[i], copy[j]] = [copy[j]!, copy[i]!];
  }
  return copy;
}
