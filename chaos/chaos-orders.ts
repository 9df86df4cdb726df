/** Orders for the chaos scenarios: generated, seeded in the SP-API simulator, announced by ORDER_CHANGE, and counted in M3. */
import { z } from 'zod';
import { generateOrders } from '../local/sim/amazon/order-generator';
import { buildOrderChangeNotification } from '../local/sim/amazon/order-change-notification';
import type { SimOrder } from '../local/sim/amazon/sim-order';
import { OrderLinkStore, createTableAccess } from '../connectors/storage';
import { getJson, postJson, type ChaosSandbox } from './chaos-sandbox';

export const CHAOS_SKUS = Array.from({ length: 20 }, (_, i) => `CHAOS-${String(i + 1).padStart(3, '0')}`);

const AmazonOrderSchema = z.object({
  orderId: z.string(),
  orderItems: z.array(z.object({ orderItemId: z.string(), quantityOrdered: z.number(), product: z.object({ sellerSku: z.string() }).passthrough() }).passthrough()),
}).passthrough();
export type ChaosOrder = z.infer<typeof AmazonOrderSchema>;

const M3OrderSchema = z.object({ ORNO: z.string(), CUOR: z.string(), lines: z.array(z.object({ PONR: z.string(), ITNO: z.string(), ORQT: z.string() }).passthrough()) }).passthrough();
export type ChaosM3Order = z.infer<typeof M3OrderSchema>;

export async function seedItems(sandbox: ChaosSandbox, skus: readonly string[] = CHAOS_SKUS): Promise<void> {
  await postJson(`${sandbox.services.m3.url}/_sim/items`, skus.map((ITNO) => ({ ITNO, ITDS: `Chaos item ${ITNO}`, STAT: '20' })));
}

/** `count` unshipped US orders seeded in the SP-API simulator. */
export async function seedOrders(sandbox: ChaosSandbox, seed: number, count: number, skus: readonly string[] = CHAOS_SKUS): Promise<ChaosOrder[]> {
  const generated = generateOrders({ seed, count, skus: [...skus], marketplaceIds: ['ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0, amazonFulfilledRate: 0 });
  const orders: ChaosOrder[] = [];
  for (const order of generated) {
    await postJson(`${sandbox.services.amazon.url}/_sim/orders`, order);
    orders.push(AmazonOrderSchema.parse(order));
  }
  return orders;
}

export function orderNotification(sandbox: ChaosSandbox, order: ChaosOrder, notificationId: string): string {
  const notification = buildOrderChangeNotification(order as unknown as SimOrder, {
    sellerId: sandbox.services.sellerId, applicationId: 'amzn1.sellerapps.app.chaos', subscriptionId: 'sub-chaos', now: new Date().toISOString(), changeType: 'OrderStatusChange', reason: 'NoReason',
  });
  (notification.NotificationMetadata as Record<string, unknown>).NotificationId = notificationId;
  return JSON.stringify(notification);
}

export async function m3Orders(sandbox: ChaosSandbox): Promise<ChaosM3Order[]> {
  return z.array(M3OrderSchema).parse(await getJson<unknown>(`${sandbox.services.m3.url}/_sim/orders`));
}

/** Expected/actual/lost/duplicated of "each Amazon order is exactly one M3 order", and the orders whose link is wrong. */
export async function countOrders(sandbox: ChaosSandbox, orders: readonly ChaosOrder[]): Promise<{ actual: number; lost: number; duplicated: number; badLinks: string[]; byOrder: Map<string, ChaosM3Order[]> }> {
  const wanted = new Set(orders.map((o) => o.orderId));
  const byOrder = new Map<string, ChaosM3Order[]>();
  for (const m3 of await m3Orders(sandbox)) {
    if (!wanted.has(m3.CUOR)) continue;
    byOrder.set(m3.CUOR, [...(byOrder.get(m3.CUOR) ?? []), m3]);
  }
  const links = new OrderLinkStore(createTableAccess(sandbox.services.connectionString));
  const badLinks: string[] = [];
  for (const order of orders) {
    const created = byOrder.get(order.orderId);
    if (created?.length !== 1) continue;
    const link = await links.get(sandbox.services.sellerId, order.orderId);
    if (link?.status !== 'created' || link.m3OrderNumber !== created[0]!.ORNO) badLinks.push(`${order.orderId} (${link?.status ?? 'no link'})`);
  }
  const actual = byOrder.size;
  const duplicated = [...byOrder.values()].reduce((n, list) => n + list.length - 1, 0);
  return { actual, lost: orders.length - actual, duplicated, badLinks, byOrder };
}
