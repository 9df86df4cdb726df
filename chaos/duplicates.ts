/**
 * Duplicates and order: every ORDER_CHANGE delivered 3× (twice the same NotificationId, once a new one) and every
 * shipment BOD variation 3×, all shuffled, so stale variations arrive after newer ones → one M3 order per Amazon order,
 * one Amazon package per shipment, stale variations recorded as dropped.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { shipmentBod } from '../local/sandbox/shipment-bod';
import type { ScenarioResult } from './chaos-report';
import { fetchPlannerTick, orderFlowIdle, getJson, inParallel, until, type ChaosSandbox } from './chaos-sandbox';
import { CHAOS_SKUS, countOrders, orderNotification, seedOrders } from './chaos-orders';
import { seededRandom, shuffle } from './seeded-random';

const ConfirmationsSchema = z.array(z.object({ orderId: z.string(), body: z.object({ packageDetail: z.object({ packageReferenceId: z.string() }).passthrough() }).passthrough() }));
const VARIATIONS = 3;
const COPIES = 3;

export async function duplicates(sandbox: ChaosSandbox, options: { seed: number; orders: number; log: (line: string) => void }): Promise<ScenarioResult> {
  const started = performance.now();
  const random = seededRandom(options.seed + 1);
  const orders = await seedOrders(sandbox, options.seed + 1000, options.orders);
  const deliveries = shuffle(orders.flatMap((order) => [`dup-${order.orderId}-a`, `dup-${order.orderId}-a`, `dup-${order.orderId}-b`].map((id) => ({ order, id }))), random);
  await inParallel(deliveries, 8, async ({ order, id }) => { await sandbox.intake('/api/amazon/notifications', orderNotification(sandbox, order, id), 'application/json'); });
  const idle = (): Promise<boolean> => orderFlowIdle(sandbox);
  await until(async () => (await countOrders(sandbox, orders)).actual >= orders.length && (await idle()), 300_000, 500, fetchPlannerTick(sandbox));
  const counts = await countOrders(sandbox, orders);

  // Shipments: one package per order, variations 1..3 each sent 3×, shuffled together.
  const bods = shuffle([...counts.byOrder.values()].flatMap(([m3]) => {
    const lines = m3!.lines.filter((l) => CHAOS_SKUS.includes(l.ITNO)).map((l) => ({ itemNumber: l.ITNO, quantity: Number(l.ORQT), orderNumber: m3!.ORNO, orderLine: l.PONR, customerOrderRef: m3!.CUOR }));
    return Array.from({ length: VARIATIONS }, (_, v) => shipmentBod({
      bodId: `dup-ship-${m3!.ORNO}-v${v + 1}`, deliveryNumber: `DLV${m3!.ORNO}`, variation: v + 1, warehouse: 'A10', shippedAt: '2026-03-02T15:00:00Z',
      carrier: { code: 'UPS', name: 'United Parcel Service', service: 'GND' },
      packages: [{ id: `PKG${m3!.ORNO}`, trackingNumber: `1Z${m3!.ORNO}`, lines }],
    })).flatMap((xml) => Array.from({ length: COPIES }, () => xml));
  }), random);
  const statuses = new Map<number, number>();
  await inParallel(bods, 8, async (xml) => {
    const status = await sandbox.intake('/api/ion/bods', xml, 'application/xml');
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const packagesOf = async (): Promise<Map<string, Set<string>>> => {
    const byOrder = new Map<string, Set<string>>();
    for (const c of ConfirmationsSchema.parse(await getJson<unknown>(`${sandbox.services.amazon.url}/_sim/confirmations`))) {
      byOrder.set(c.orderId, (byOrder.get(c.orderId) ?? new Set()).add(c.body.packageDetail.packageReferenceId));
    }
    return byOrder;
  };
  await until(async () => (await packagesOf()).size >= counts.byOrder.size && (await idle()), 300_000, 500);
  const packages = await packagesOf();
  const staleDropped = sandbox.host().output.filter((line) => line.includes('bod.stale-dropped')).length;
  const shipped = [...packages.values()];
  return {
    name: 'duplicates', seed: options.seed, injected: deliveries.length - orders.length + bods.length - counts.byOrder.size,
    expected: orders.length * 2,
    actual: counts.actual + shipped.length,
    lost: counts.lost + (counts.byOrder.size - shipped.length),
    duplicated: counts.duplicated + shipped.reduce((n, refs) => n + refs.size - 1, 0),
    checks: [
      { name: 'every BOD answered 202', ok: [...statuses.keys()].every((s) => s === 202), detail: JSON.stringify([...statuses]) },
      { name: 'stale variations recorded as dropped', ok: staleDropped > 0, detail: `${staleDropped} logged` },
      { name: 'every link correct', ok: counts.badLinks.length === 0, detail: counts.badLinks.slice(0, 5).join(', ') },
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
