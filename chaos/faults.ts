/**
 * Fault suite: both simulators at 10% 5xx, 5% 429, latency spikes, dropped connections, M3 "not available" windows and
 * expired tokens mid-run → every order is created exactly once (durable retries on a virtual clock); then an unknown
 * SKU and an M3 NOK on data are parked, not retried; an Amazon auth failure parks the order and raises an alert.
 */
import { performance } from 'node:perf_hooks';
import { ParkedStore, createTableAccess } from '../connectors/storage';
import type { ScenarioResult } from './chaos-report';
import { inParallel, postJson, unfinishedInstances, until, type ChaosSandbox } from './chaos-sandbox';
import { countOrders, orderNotification, seedOrders, type ChaosOrder } from './chaos-orders';

export async function faults(sandbox: ChaosSandbox, options: { seed: number; orders: number; log: (line: string) => void }): Promise<ScenarioResult> {
  const started = performance.now();
  const { amazon, m3 } = sandbox.services;
  const tick = (): Promise<void> => sandbox.advanceClock(30_000);
  const idle = async (): Promise<boolean> => {
    const running = await unfinishedInstances(sandbox);
    return running !== undefined && running.length === 0;
  };
  const send = async (list: readonly ChaosOrder[], tag: string): Promise<void> => {
    await inParallel(list, 8, async (order) => { await sandbox.intake('/api/amazon/notifications', orderNotification(sandbox, order, `${tag}-${order.orderId}`), 'application/json'); });
  };
  const amazonFaults = { seed: options.seed, errorRate: 0.1, throttleRate: 0.05, latencySpikeRate: 0.05, latencySpikeMs: 400, dropRate: 0.03, expireTokens: true };
  const m3Faults = { seed: options.seed, errorRate: 0.1, errorStatus: 503, notAvailable: { calls: 5 }, dropRate: 0.03, expireTokens: true };
  options.log(`faults seed ${options.seed}: ${options.orders} orders; Amazon ${JSON.stringify(amazonFaults)}; M3 ${JSON.stringify(m3Faults)}`);

  const orders = await seedOrders(sandbox, options.seed + 2000, options.orders);
  await postJson(`${amazon.url}/_sim/faults`, amazonFaults);
  await postJson(`${m3.url}/_sim/faults`, m3Faults);
  await send(orders, 'fault');
  // A second "not available" window and another token expiry mid-run.
  await postJson(`${m3.url}/_sim/faults`, { ...m3Faults, notAvailable: { calls: 8 } });
  let lastReport = performance.now();
  const settled = await until(async () => {
    const actual = (await countOrders(sandbox, orders)).actual;
    const running = await unfinishedInstances(sandbox);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      options.log(`  faults: ${actual}/${orders.length} in M3, running: ${running === undefined ? '?' : running.slice(0, 5).join(', ')}${(running?.length ?? 0) > 5 ? ' …' : ''}`);
    }
    return actual >= orders.length && running !== undefined && running.length === 0;
  }, 300_000, 200, tick);
  const counts = await countOrders(sandbox, orders);
  await postJson(`${amazon.url}/_sim/faults`, {});
  await postJson(`${m3.url}/_sim/faults`, {});

  // Permanent errors: an unknown SKU, and an M3 NOK on the order line.
  const parked = new ParkedStore(createTableAccess(sandbox.services.connectionString));
  const [unknownSku] = await seedOrders(sandbox, options.seed + 3000, 1, ['CHAOS-NO-SUCH-ITEM']);
  await send([unknownSku!], 'bad-sku');
  const [nokOrder] = await seedOrders(sandbox, options.seed + 4000, 1);
  await until(idle, 60_000, 200, tick);
  await postJson(`${m3.url}/_sim/faults`, { transactions: { 'OIS100MI/AddBatchLine': { nok: { message: 'Item number is blocked', code: 'WITNO', field: 'ITNO' }, times: 1 } } });
  await send([nokOrder!], 'nok');
  await until(async () => (await parked.get('order-to-cash', nokOrder!.orderId)) !== undefined && (await idle()), 60_000, 200, tick);
  await postJson(`${m3.url}/_sim/faults`, {});

  // Auth: Amazon refuses getOrder twice (the connector refreshes its token once on a 403, then gives up).
  const [authOrder] = await seedOrders(sandbox, options.seed + 5000, 1);
  await postJson(`${amazon.url}/_sim/faults`, { operations: { getOrder: { status: 403, times: 2 } } });
  await send([authOrder!], 'auth');
  await until(async () => (await parked.get('order-to-cash', authOrder!.orderId)) !== undefined && (await idle()), 60_000, 200, tick);
  await postJson(`${amazon.url}/_sim/faults`, {});

  const parkedAs = async (order: ChaosOrder): Promise<string> => (await parked.get('order-to-cash', order.orderId))?.reason ?? 'not parked';
  const inM3 = async (order: ChaosOrder): Promise<number> => (await countOrders(sandbox, [order])).byOrder.get(order.orderId)?.length ?? 0;
  const skuReason = await parkedAs(unknownSku!);
  const nokReason = await parkedAs(nokOrder!);
  const authReason = await parkedAs(authOrder!);
  const alerts = sandbox.host().output.filter((line) => line.includes('alert.auth-failed')).length;
  return {
    name: 'faults', seed: options.seed, injected: 0, expected: orders.length, actual: counts.actual, lost: counts.lost, duplicated: counts.duplicated,
    checks: [
      { name: 'settled under faults', ok: settled },
      { name: 'every link correct', ok: counts.badLinks.length === 0, detail: counts.badLinks.slice(0, 5).join(', ') },
      { name: 'unknown SKU parked', ok: skuReason === 'SKU_NOT_FOUND' && (await inM3(unknownSku!)) === 0, detail: skuReason },
      { name: 'NOK on data parked', ok: nokReason !== 'not parked' && (await inM3(nokOrder!)) === 0, detail: nokReason },
      { name: 'auth failure parked with an alert', ok: authReason === 'AUTH_FAILED' && alerts >= 1, detail: `${authReason}, ${alerts} alert(s)` },
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
