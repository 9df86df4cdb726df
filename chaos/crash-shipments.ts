/**
 * Crash suite, shipments: orders created through order-to-cash, then one Sync.Shipment BOD per order (some with two
 * packages) posted to /api/ion/bods while the host process is SIGKILLed at seeded moments and restarted → exactly one
 * Amazon confirmation per package (a re-send of the same packageReferenceId is an edit, docs/amazon-facts.md, Shipment confirmation, not a duplicate),
 * none missing, every order fully shipped at Amazon, no orchestration left running.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { shipmentBod, type ShipmentBodInput } from '../local/sandbox/shipment-bod';
import { packageReferenceId } from '../core/shipments';
import type { ScenarioResult } from './chaos-report';
import { fetchPlannerTick, orderFlowIdle, getJson, inParallel, killAtProgress, unfinishedInstances, until, type ChaosSandbox } from './chaos-sandbox';
import { CHAOS_SKUS, countOrders, orderNotification, seedOrders, type ChaosM3Order } from './chaos-orders';
import { seededRandom, sortedPoints, type Random } from './seeded-random';

const ConfirmationsSchema = z.array(z.object({ orderId: z.string(), body: z.object({ packageDetail: z.object({ packageReferenceId: z.string() }).passthrough() }).passthrough() }));
const AmazonOrderStatusSchema = z.object({ fulfillment: z.object({ fulfillmentStatus: z.string() }).passthrough().optional() }).passthrough();
const UPS = { code: 'UPS', name: 'United Parcel Service', service: 'GND' };

export interface CrashShipmentsOptions { seed: number; orders: number; kills: number; log: (line: string) => void }

type ShipmentLine = ShipmentBodInput['packages'][number]['lines'][number];

/** The M3 delivery of one order as M3 would pack it: one package, or (seeded) two — split by line, or one line's quantity split. */
export function packOrder(m3: ChaosM3Order, random: Random): { documentId: string; packages: ShipmentBodInput['packages'] } {
  const lines: ShipmentLine[] = m3.lines.filter((l) => CHAOS_SKUS.includes(l.ITNO))
    .map((l) => ({ itemNumber: l.ITNO, quantity: Number(l.ORQT), orderNumber: m3.ORNO, orderLine: l.PONR, customerOrderRef: m3.CUOR }));
  const documentId = `DLV${m3.ORNO}`;
  const pkg = (n: number, content: ShipmentLine[]): ShipmentBodInput['packages'][number] => ({ id: `PKG${m3.ORNO}-${n}`, trackingNumber: `1Z${m3.ORNO}${n}`, lines: content });
  const split = random() < 0.4;
  if (split && lines.length >= 2) {
    const half = Math.ceil(lines.length / 2);
    return { documentId, packages: [pkg(1, lines.slice(0, half)), pkg(2, lines.slice(half))] };
  }
  if (split && lines.length === 1 && lines[0]!.quantity >= 2) {
    const line = lines[0]!;
    const first = Math.floor(line.quantity / 2);
    return { documentId, packages: [pkg(1, [{ ...line, quantity: first }]), pkg(2, [{ ...line, quantity: line.quantity - first }])] };
  }
  return { documentId, packages: [pkg(1, lines)] };
}

/** Distinct (orderId → packageReferenceIds) Amazon holds, and how many calls it took (re-sends are edits). */
async function confirmedPackages(sandbox: ChaosSandbox): Promise<{ byOrder: Map<string, Set<string>>; calls: number }> {
  const byOrder = new Map<string, Set<string>>();
  const list = ConfirmationsSchema.parse(await getJson<unknown>(`${sandbox.services.amazon.url}/_sim/confirmations`));
  for (const c of list) byOrder.set(c.orderId, (byOrder.get(c.orderId) ?? new Set()).add(c.body.packageDetail.packageReferenceId));
  return { byOrder, calls: list.length };
}

export async function crashShipments(sandbox: ChaosSandbox, options: CrashShipmentsOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const random = seededRandom(options.seed + 6);
  const idle = (): Promise<boolean> => orderFlowIdle(sandbox);

  // The real path: Amazon orders through order-to-cash into M3 (no kills here: crash-orders covers that part).
  const orders = await seedOrders(sandbox, options.seed + 6000, options.orders);
  await inParallel(orders, 8, async (order) => { await sandbox.intake('/api/amazon/notifications', orderNotification(sandbox, order, `ship-${order.orderId}`), 'application/json'); });
  const created = await until(async () => (await countOrders(sandbox, orders)).actual >= orders.length && (await idle()), 600_000, 500, fetchPlannerTick(sandbox));
  const counts = await countOrders(sandbox, orders);
  options.log(`  crash-shipments: ${counts.actual}/${orders.length} orders in M3 after ${((performance.now() - started) / 1000).toFixed(1)} s${created ? '' : ' (not all: shipping those)'}`);

  // In the seeded order of the Amazon orders (not M3's creation order), so --seed repeats the same packages.
  const deliveries = orders.flatMap((o) => counts.byOrder.get(o.orderId)?.slice(0, 1) ?? []).map((m3) => ({ m3, ...packOrder(m3, random) }));
  const expected = new Map(deliveries.map((d) => [d.m3.CUOR, new Set(d.packages.map((p) => packageReferenceId(d.documentId, p.id)))]));
  const packageCount = deliveries.reduce((n, d) => n + d.packages.length, 0);
  const bods = deliveries.map((d) => shipmentBod({
    bodId: `crash-ship-${d.documentId}`, deliveryNumber: d.documentId, variation: 1, warehouse: 'A10', shippedAt: '2026-03-02T15:00:00Z', carrier: UPS, packages: d.packages,
  }));
  const thresholds = sortedPoints(options.kills, 1, Math.max(1, packageCount - 1), random);
  const delays = thresholds.map(() => Math.floor(random() * 300));
  options.log(`crash-shipments seed ${options.seed}: ${deliveries.length} shipments, ${packageCount} packages (${deliveries.filter((d) => d.packages.length > 1).length} with 2), SIGKILL when Amazon holds ${thresholds.map((t, i) => `${t}+${delays[i]}ms`).join(', ')}`);

  const distinct = async (): Promise<number> => [...(await confirmedPackages(sandbox)).byOrder.values()].reduce((n, refs) => n + refs.size, 0);
  const statuses = new Map<number, number>();
  const sending = inParallel(bods, 8, async (xml) => {
    const status = await sandbox.intake('/api/ion/bods', xml, 'application/xml');
    statuses.set(status, (statuses.get(status) ?? 0) + 1);
  });
  const kills = await killAtProgress(sandbox, thresholds, delays, distinct);
  await sending;
  let lastReport = performance.now();
  const settled = await until(async () => {
    const have = await distinct();
    const running = await unfinishedInstances(sandbox);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      options.log(`  crash-shipments: ${have}/${packageCount} packages at Amazon, ${running?.length ?? '?'} instances running`);
    }
    return have >= packageCount && running !== undefined && running.length === 0;
  }, 600_000, 500);

  const { byOrder, calls } = await confirmedPackages(sandbox);
  let actual = 0;
  let lost = 0;
  let duplicated = 0;
  for (const [orderId, wanted] of expected) {
    const got = byOrder.get(orderId) ?? new Set<string>();
    for (const ref of wanted) if (got.has(ref)) actual++; else lost++;
    for (const ref of got) if (!wanted.has(ref)) duplicated++;
  }
  const notShipped: string[] = [];
  await inParallel([...expected.keys()], 8, async (orderId) => {
    const order = AmazonOrderStatusSchema.parse(await getJson<unknown>(`${sandbox.services.amazon.url}/_sim/orders/${encodeURIComponent(orderId)}`));
    if (order.fulfillment?.fulfillmentStatus !== 'SHIPPED') notShipped.push(`${orderId} (${order.fulfillment?.fulfillmentStatus ?? '?'})`);
  });
  const stuck = (await unfinishedInstances(sandbox)) ?? ['(host not answering)'];
  return {
    name: 'crash-shipments', seed: options.seed, injected: kills, expected: packageCount, actual, lost, duplicated,
    checks: [
      { name: 'orders created first', ok: created && counts.lost === 0 && counts.duplicated === 0, detail: `${counts.actual}/${orders.length}` },
      { name: 'settled', ok: settled },
      { name: 'every BOD answered 202', ok: [...statuses.keys()].every((s) => s === 202), detail: JSON.stringify([...statuses]) },
      { name: 'every order fully shipped at Amazon', ok: notShipped.length === 0, detail: notShipped.slice(0, 5).join(', ') },
      { name: 'no instance stuck', ok: stuck.length === 0, detail: stuck.slice(0, 5).join(', ') },
      // Informational: re-sends after a kill are edits of the same package; they never fail the run.
      { name: 'confirmShipment calls (re-sends are edits)', ok: true, detail: `${calls} calls for ${packageCount} packages` },
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
