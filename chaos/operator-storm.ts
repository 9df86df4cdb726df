/**
 * Operator storm: orders arrive while M3 loses Confirm replies (it confirms, the answer never comes back), answers 503s
 * and fails bulk requests half way, and meanwhile everything that can start or wake an order runs at once — duplicate
 * and re-sent notifications, sweeps, a backfill, operator restarts and rewinds of order instances, and re-drives of
 * orders parked because M3 refused their batch order. Expected: exactly one M3 order per Amazon order; a refused batch
 * order is continued by its re-drive, never doubled; a restart of a live order instance is refused.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { ParkedStore, createTableAccess } from '../connectors/storage';
import type { ScenarioResult } from './chaos-report';
import { inParallel, postJson, unfinishedInstances, until, type ChaosSandbox } from './chaos-sandbox';
import { countOrders, orderNotification, seedOrders, type ChaosOrder } from './chaos-orders';
import { seededRandom, shuffle } from './seeded-random';
import { pause } from './host-process';

/** An item M3 holds (status 10): Confirm keeps the batch order at status 25 until an operator releases the item. */
const HELD_SKU = 'CHAOS-HELD';

const InstancesSchema = z.object({ instances: z.array(z.object({ instanceId: z.string(), runtimeStatus: z.string() }).passthrough()) }).passthrough();

export interface StormOptions { seed: number; orders: number; held: number; log: (line: string) => void }

export async function operatorStorm(sandbox: ChaosSandbox, options: StormOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const random = seededRandom(options.seed + 7);
  const { m3 } = sandbox.services;
  const tick = (): Promise<void> => sandbox.advanceClock(30_000);
  const parked = new ParkedStore(createTableAccess(sandbox.services.connectionString));
  const tally = new Map<string, number>();
  const note = (what: string): void => { tally.set(what, (tally.get(what) ?? 0) + 1); };

  await postJson(`${m3.url}/_sim/items`, [{ ITNO: HELD_SKU, ITDS: 'Chaos item held in M3', STAT: '10' }]);
  const orders = await seedOrders(sandbox, options.seed + 6000, options.orders);
  const held = await seedOrders(sandbox, options.seed + 6500, options.held, [HELD_SKU]);
  const everything = [...orders, ...held];
  const lostReplies = Math.max(3, Math.round(options.orders * 0.15));
  const m3Faults = {
    seed: options.seed, errorRate: 0.05, errorStatus: 503,
    transactions: {
      // M3 confirms, the reply is lost: the caller sees a dropped connection after the order exists.
      'OIS100MI/Confirm': { dropAfterCommit: true, times: lostReplies },
      // A bulk request that fails half way: the lines before the address were added, the rest were not (no Confirm
      // was sent, so the retry removes that batch order and builds a new one).
      'OIS100MI/AddBatchAddress': { status: 503, times: 3 },
    },
  };
  options.log(`operator-storm seed ${options.seed}: ${orders.length} orders + ${held.length} held in M3; M3 ${JSON.stringify(m3Faults)}`);
  await postJson(`${m3.url}/_sim/faults`, m3Faults);

  // Notifications: each order twice under one NotificationId and once under another, shuffled.
  const deliveries = shuffle(everything.flatMap((order) => [`storm-${order.orderId}-a`, `storm-${order.orderId}-a`, `storm-${order.orderId}-b`].map((id) => ({ order, id }))), random);
  let stormOver = false;
  const notifications = inParallel(deliveries, 8, async ({ order, id }) => {
    await sandbox.intake('/api/amazon/notifications', orderNotification(sandbox, order, id), 'application/json');
    note('notification');
  });
  const sweeps = (async () => {
    for (let round = 0; round < 3 && !stormOver; round++) {
      await pause(400 + Math.floor(random() * 600));
      note(`sweep ${await admin(sandbox, 'amazon-order-sweep')}`);
    }
    const since = new Date(Date.now() - 3 * 24 * 60 * 60 * 1000).toISOString();
    note(`backfill ${(await ops(sandbox, 'POST', 'sweep/orders', { since })).status}`);
  })();
  // Operators: restart and rewind whatever they see, re-drive what is parked (the held orders once M3 releases the item).
  let released = false;
  const operators = (async () => {
    while (!stormOver) {
      const listed = await ops(sandbox, 'GET', 'instances?process=order-to-cash&top=200');
      const instances = listed.status === 200 ? InstancesSchema.parse(listed.body).instances : [];
      for (const instance of shuffle(instances, random).slice(0, 4)) {
        const id = encodeURIComponent(instance.instanceId);
        if (instance.runtimeStatus === 'Failed' && random() < 0.5) note(`rewind ${(await ops(sandbox, 'POST', `instances/${id}/rewind`, { reason: 'storm' })).status}`);
        else {
          const restarted = await ops(sandbox, 'POST', `instances/${id}/restart`, {});
          note(`restart ${restarted.status}`);
          if (restarted.status >= 500) options.log(`  operator-storm: restart of ${instance.instanceId} answered ${restarted.status}: ${JSON.stringify(restarted.body).slice(0, 300)}`);
        }
      }
      const parkedHeld = (await Promise.all(held.map((o) => parked.get('order-to-cash', o.orderId)))).filter((p) => p?.status === 'parked');
      if (!released && parkedHeld.length === held.length) {
        await postJson(`${m3.url}/_sim/items`, [{ ITNO: HELD_SKU, ITDS: 'Chaos item held in M3', STAT: '20' }]);
        released = true;
        note('item released');
      }
      if (released) {
        for (const item of parkedHeld) note(`redrive ${(await ops(sandbox, 'POST', `parked/order-to-cash/${encodeURIComponent(item!.id)}/redrive`, {})).status}`);
        if (parkedHeld.length > 0) note(`redrive-by-reason ${(await ops(sandbox, 'POST', 'redrive', { reason: 'M3_BATCH_REJECTED', flow: 'order-to-cash' })).status}`);
      }
      await tick();
      await pause(150);
    }
  })();

  await notifications;
  let lastReport = performance.now();
  const settled = await until(async () => {
    const counts = await countOrders(sandbox, everything);
    const running = await unfinishedInstances(sandbox);
    if (performance.now() - lastReport > 10_000) {
      lastReport = performance.now();
      options.log(`  operator-storm: ${counts.actual}/${everything.length} in M3, running: ${running?.length ?? '?'}, ${JSON.stringify(Object.fromEntries(tally))}`);
    }
    return counts.actual >= everything.length && released && running !== undefined && running.length === 0;
  }, 420_000, 300, tick);
  stormOver = true;
  await Promise.all([sweeps, operators]);
  // The storm is over: let whatever the last actions started finish before counting.
  await until(async () => (await unfinishedInstances(sandbox))?.length === 0, 60_000, 200, tick);
  await postJson(`${m3.url}/_sim/faults`, {});
  const counts = await countOrders(sandbox, everything);
  const restartsRefused = tally.get('restart 409') ?? 0;
  const restarts = [...tally].filter(([k]) => k.startsWith('restart')).reduce((n, [, v]) => n + v, 0);
  const redrives = [...tally].filter(([k]) => k.startsWith('redrive 200')).reduce((n, [, v]) => n + v, 0);
  // 503 is the documented answer while a dependency (the task hub's storage) is busy; 500 is an unexpected failure.
  const serverErrors = [...tally].filter(([k]) => k.endsWith(' 500'));
  options.log(`  operator-storm actions: ${JSON.stringify(Object.fromEntries(tally))}`);
  return {
    name: 'operator-storm', seed: options.seed,
    injected: lostReplies + 3 + deliveries.length - everything.length + restarts + redrives + 4,
    expected: everything.length, actual: counts.actual, lost: counts.lost, duplicated: counts.duplicated,
    checks: [
      { name: 'settled', ok: settled },
      { name: 'every link correct', ok: counts.badLinks.length === 0, detail: counts.badLinks.slice(0, 5).join(', ') },
      { name: 'held orders parked, then re-driven into their batch order', ok: released && redrives > 0, detail: `${redrives} re-drives` },
      { name: 'operator actions answered', ok: restarts > 0 && serverErrors.length === 0, detail: `${restarts} restarts (${restartsRefused} refused while alive); ${serverErrors.map(([k, v]) => `${k}×${v}`).join(', ')}` },
    ],
    seconds: (performance.now() - started) / 1000,
  };
}

/** The ops API with the key operators use (the ops key when the sandbox has one, else the intake key of older setups). */
async function ops(sandbox: ChaosSandbox, method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const services = sandbox.services as typeof sandbox.services & { opsKey?: string };
  const key = services.opsKey ?? services.env.OPS_API_KEY ?? services.intakeKey;
  try {
    const response = await fetch(`${sandbox.host().url}/api/ops/${path}`, {
      method, headers: { 'x-api-key': key, ...(body === undefined ? {} : { 'content-type': 'application/json' }) }, ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    let parsed: unknown;
    try { parsed = JSON.parse(text); } catch { parsed = text; }
    return { status: response.status, body: parsed };
  } catch {
    return { status: 0, body: undefined };
  }
}

/** Runs a timer function now, through the host's admin API (master key). */
async function admin(sandbox: ChaosSandbox, name: string): Promise<number> {
  try {
    const response = await fetch(`${sandbox.host().url}/admin/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': sandbox.masterKey }, body: '{}' });
    await response.text();
    return response.status;
  } catch {
    return 0;
  }
}

export type { ChaosOrder };
