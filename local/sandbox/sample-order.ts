/**
 * What `npm start` needs so that the sample notification it prints ends as an M3 order: the SP-API simulator holds the
 * order the notification names, and the M3 simulator knows its items (and the default SKUs that `m3sync sandbox
 * orders` draws from) with stock in the default mappings' warehouses. Seeded only when missing, so a restarted sandbox
 * keeps what the user changed.
 */
import { z } from 'zod';
import { generateOrders } from '../sim/amazon/order-generator';

export const SAMPLE_ORDER_ID = '113-0000000-0000001';
export const SAMPLE_MARKETPLACE_ID = 'ATVPDKIKX0DER';
/** The SKUs generated orders use by default (and the items M3 gets), SKU-0001 … SKU-0050. */
export const SANDBOX_SKUS = Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

async function request(url: string, method: 'GET' | 'POST', body?: unknown): Promise<{ status: number; body: unknown }> {
  const res = await fetch(url, body === undefined ? { method } : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  let parsed: unknown = text;
  try { parsed = JSON.parse(text); } catch { /* not JSON */ }
  if (method === 'POST' && !res.ok) throw new Error(`POST ${url} answered ${res.status}`);
  return { status: res.status, body: parsed };
}

/** The sample order: one merchant-fulfilled, unshipped US order of two SKU-0001, created a few minutes ago. */
export function sampleOrder(now: number): Record<string, unknown> {
  const [order] = generateOrders({
    seed: 1, count: 1, marketplaceIds: [SAMPLE_MARKETPLACE_ID], items: [{ sku: SANDBOX_SKUS[0]!, quantity: 2 }],
    start: new Date(now - 10 * 60_000).toISOString(), pendingRate: 0, cancelledRate: 0, giftRate: 0, business: false, fulfilledBy: 'MERCHANT',
  });
  return { ...order, orderId: SAMPLE_ORDER_ID };
}

export async function seedSampleOrder(urls: { amazon: string; m3: string }, warehouses: readonly string[], now = Date.now()): Promise<void> {
  const items = z.array(z.object({ ITNO: z.string() }).passthrough()).catch([]).parse((await request(`${urls.m3}/_sim/items`, 'GET')).body);
  const known = new Set(items.map((i) => i.ITNO));
  const missing = SANDBOX_SKUS.filter((sku) => !known.has(sku));
  if (missing.length > 0) {
    await request(`${urls.m3}/_sim/items`, 'POST', missing.map((ITNO) => ({ ITNO, ITDS: `Sandbox item ${ITNO}`, STAT: '20' })));
    await request(`${urls.m3}/_sim/balances`, 'POST', warehouses.flatMap((WHLO) => missing.map((ITNO) => ({ ITNO, WHLO, STQT: '100', ALQT: '0' }))));
  }
  const existing = await request(`${urls.amazon}/_sim/orders/${SAMPLE_ORDER_ID}`, 'GET');
  if (existing.status === 404) await request(`${urls.amazon}/_sim/orders?notify=false`, 'POST', sampleOrder(now));
}

/** The ORDER_CHANGE notification `npm start` prints as its first request to try (the SQS-style PascalCase shape). */
export function sampleNotification(sellerId: string, now: string): Record<string, unknown> {
  return {
    NotificationType: 'ORDER_CHANGE', NotificationVersion: '1.0', PayloadVersion: '1.0', EventTime: now,
    NotificationMetadata: { ApplicationId: 'amzn1.sellerapps.app.sandbox', SubscriptionId: 'sandbox', PublishTime: now, NotificationId: 'sample-0001' },
    Payload: { OrderChangeNotification: { NotificationLevel: 'OrderLevel', SellerId: sellerId, AmazonOrderId: SAMPLE_ORDER_ID, OrderChangeType: 'OrderStatusChange', OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: 'NoReason' }, Summary: { MarketplaceId: SAMPLE_MARKETPLACE_ID, OrderStatus: 'Unshipped', FulfillmentType: 'MFN' } } },
  };
}
