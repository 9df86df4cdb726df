/**
 * Crash suite, orders: N orders announced while the host process is SIGKILLed at seeded moments and restarted → every
 * Amazon order is exactly one M3 order, every link is correct, no orchestration is left running.
 */
import { performance } from 'node:perf_hooks';
import type { ScenarioResult } from './chaos-report';
import { fetchPlannerTick, inParallel, killAtProgress, unfinishedInstances, until, waitingHandOvers, type ChaosSandbox } from './chaos-sandbox';
import { countOrders, orderNotification, seedOrders, type ChaosOrder } from './chaos-orders';
import { seededRandom, sortedPoints } from './seeded-random';

export interface CrashOrdersOptions { seed: number; orders: number; kills: number; log: (line: string) => void }

export async function crashOrders(sandbox: ChaosSandbox, options: CrashOrdersOptions): Promise<{ result: ScenarioResult; orders: ChaosOrder[] }> {
  const started = performance.now();
  const random = seededRandom(options.seed);
  const orders = await seedOrders(sandbox, options.seed, options.orders);
  // Kill when this many M3 orders exist (seeded), plus a seeded delay, so kills land in intake, in flight and at the end.
  const thresholds = sortedPoints(options.kills, 1, Math.max(1, options.orders - 1), random);
  const delays = thresholds.map(() => Math.floor(random() * 300));
  options.log(`crash-orders seed ${options.seed}: ${options.orders} orders, SIGKILL when M3 holds ${thresholds.map((t, i) => `${t}+${delays[i]}ms`).join(', ')}`);

  const sending = inParallel(orders, 8, async (order) => {
    if ((await sandbox.intake('/api/amazon/notifications', orderNotification(sandbox, order, `chaos-${order.orderId}`), 'application/json')) !== 202) {
      throw new Error(`notification for ${order.orderId} refused`);
    }
  });
  const kills = await killAtProgress(sandbox, thresholds, delays, () => countOrders(sandbox, orders).then((c) => c.actual + c.duplicated));
  await sending;
  let lastReport = performance.now();
  const settled = await until(async () => {
    const counts = await countOrders(sandbox, orders);
    const running = await unfinishedInstances(sandbox);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      options.log(`  crash-orders: ${counts.actual}/${orders.length} in M3, ${running?.length ?? '?'} instances running`);
    }
    return counts.actual >= orders.length && running !== undefined && running.length === 0 && (await waitingHandOvers(sandbox)) === 0;
  }, 600_000, 500, fetchPlannerTick(sandbox));
  const counts = await countOrders(sandbox, orders);
  const stuck = (await unfinishedInstances(sandbox)) ?? ['(host not answering)'];
  return {
    orders,
    result: {
      name: 'crash-orders', seed: options.seed, injected: kills, expected: orders.length, actual: counts.actual, lost: counts.lost, duplicated: counts.duplicated,
      checks: [
        { name: 'settled', ok: settled },
        { name: 'every link correct', ok: counts.badLinks.length === 0, detail: counts.badLinks.slice(0, 5).join(', ') },
        { name: 'no instance stuck', ok: stuck.length === 0, detail: stuck.slice(0, 5).join(', ') },
      ],
      seconds: (performance.now() - started) / 1000,
    },
  };
}
