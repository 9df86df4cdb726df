/**
 * order-burst benchmark (docs/contracts.md, Benchmarks and the chaos suite): N unshipped orders appear at Amazon at once (each announced by
 * ORDER_CHANGE); the whole sandbox (simulators time-scaled, the app on the local host) drains them into M3. The floor
 * is what Amazon's getOrder bucket allows — (N − burst) / rate in simulated seconds — since each order needs one
 * getOrder; drainSeconds is measured on the same simulated clock. Fails loudly when an order is lost or duplicated.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { assertNoModelViolations, startSandbox } from '../local/sandbox/sandbox';
import { memorySink } from '../local/host';
import { generateOrders } from '../local/sim/amazon/order-generator';
import { startProcessMeter, round } from './process-meter';
import { countStorageOps } from './storage-op-counter';

export interface OrderBurstOptions {
  orders?: number;
  /** Simulated seconds per real second (Amazon's buckets and the app's governor alike). */
  timeScale?: number;
  seed?: number;
  /** App modules (tests pass the TypeScript sources; default: the built app). */
  appFiles?: string[];
  /** Storage to use instead of starting Azurite (tests pass the test Azurite). */
  connectionString?: string;
  /** Give up after this many real seconds. */
  timeoutSeconds?: number;
  progress?: (line: string) => void;
}

export interface OrderBurstResult {
  scenario: 'order-burst';
  orders: number;
  created: number;
  duplicates: number;
  lost: number;
  drainSeconds: number;
  floorSeconds: number;
  ratio: number;
  /** The same floor, named for what it is: reading every order with getOrder at Amazon's rate. */
  getOrderFloorSeconds: number;
  /** Orders in M3 per real second, from the first order seeded to the last one in M3. */
  ordersPerSecond: number;
  throttledAfterWarmup: number;
  amazonCallsPerOrder: number;
  m3RoundTripsPerOrder: number;
  storageOpsPerOrder: number;
  cpuSeconds: number;
  peakRssMb: number;
}

const SimStatsSchema = z.object({
  operations: z.record(z.string(), z.object({ accepted: z.number(), throttled: z.number(), failed: z.number(), dropped: z.number() })),
});
type SimStats = z.infer<typeof SimStatsSchema>;

const SKUS = Array.from({ length: 50 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

export async function runOrderBurstBench(opts: OrderBurstOptions = {}): Promise<OrderBurstResult> {
  const count = opts.orders ?? 2000;
  const timeScale = opts.timeScale ?? 100;
  const progress = opts.progress ?? (() => undefined);
  const meter = startProcessMeter();
  const sink = memorySink();
  const sandbox = await startSandbox({ timeScale, taskHub: `bench${randomBytes(3).toString('hex')}`, appFiles: opts.appFiles, connectionString: opts.connectionString, sink });
  const storage = countStorageOps(sandbox.connectionString);
  try {
    await post(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
    const orders = generateOrders({ seed: opts.seed ?? 10, count, skus: SKUS, pendingRate: 0, cancelledRate: 0 });
    const wanted = new Set(orders.map((o) => String(o.orderId)));
    const getOrder = sandbox.amazon.rates.limitOf('getOrder');
    const floorSeconds = Math.max(0, count - getOrder.burst) / getOrder.rate;
    const m3Before = sandbox.m3.stats().roundTrips;
    const storageBefore = storage.count;
    const started = sandbox.amazon.clock.now();
    const startedReal = Date.now();

    // All orders appear at once (one request: the simulator stores them together, then announces each by
    // ORDER_CHANGE), placed "now" on Amazon's clock as sale-day orders are (the generator spreads its orders over days).
    const now = sandbox.amazon.clock.now();
    await post(`${sandbox.amazon.url}/_sim/orders`, orders.map((o) => placedAt(o, now)));
    progress(`seeded ${count} orders; floor ${round(floorSeconds, 1)} simulated s (getOrder ${getOrder.rate}/s, burst ${getOrder.burst}), time scale ${timeScale}`);

    let warmupThrottled: number | undefined;
    let created = new Map<string, number>();
    const deadline = Date.now() + (opts.timeoutSeconds ?? Math.max(120, (floorSeconds / timeScale) * 4)) * 1000;
    let lastReport = 0;
    for (;;) {
      const stats = await simStats(sandbox.amazon.url);
      const got = stats.operations.getOrder?.accepted ?? 0;
      // Warm-up = until Amazon's initial burst has been spent; after it, every 429 counts.
      if (warmupThrottled === undefined && got >= getOrder.burst) warmupThrottled = totalThrottled(stats);
      created = countCreated(sandbox.m3.state.orders, wanted);
      if (created.size >= count || Date.now() > deadline) break;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        progress(`${created.size}/${count} orders in M3 after ${round((sandbox.amazon.clock.now() - started) / 1000, 0)} simulated s`);
      }
      await pause(250);
    }
    const drainSeconds = (sandbox.amazon.clock.now() - started) / 1000;
    assertNoModelViolations(sandbox.amazon);
    const realSeconds = (Date.now() - startedReal) / 1000;
    const stats = await simStats(sandbox.amazon.url);
    const amazonCalls = Object.values(stats.operations).reduce((n, s) => n + s.accepted + s.throttled + s.failed + s.dropped, 0);
    progress(`Amazon calls: ${Object.entries(stats.operations).map(([op, s]) => `${op} ${s.accepted + s.throttled + s.failed + s.dropped}`).join(', ')}`);
    const events = new Map<string, number>();
    for (const e of sink.entries) {
      const event = /"event":"([^"]+)"/.exec(String(e.message ?? ''))?.[1];
      if (event) events.set(event, (events.get(event) ?? 0) + 1);
      if (event?.startsWith('order-fetch.')) progress(`fetch planner: ${String(e.message)}`);
    }
    progress(`app events: ${[...events].map(([k, n]) => `${k} ${n}`).join(', ')}`);
    const duplicates = [...created.values()].reduce((n, c) => n + (c - 1), 0);
    const measured = {
      m3: sandbox.m3.stats().roundTrips - m3Before,
      storage: storage.count - storageBefore,
    };
    const usage = meter.stop();
    return {
      scenario: 'order-burst',
      orders: count,
      created: created.size,
      duplicates,
      lost: count - created.size,
      drainSeconds: round(drainSeconds, 1),
      floorSeconds: round(floorSeconds, 1),
      ratio: floorSeconds > 0 ? round(drainSeconds / floorSeconds, 3) : 0,
      getOrderFloorSeconds: round(floorSeconds, 1),
      ordersPerSecond: round(created.size / Math.max(realSeconds, 0.001), 2),
      // Without a spent getOrder burst (orders read by pages) there is no warm-up: every 429 counts.
      throttledAfterWarmup: totalThrottled(stats) - (warmupThrottled ?? 0),
      amazonCallsPerOrder: round(amazonCalls / count, 3),
      m3RoundTripsPerOrder: round(measured.m3 / count, 3),
      storageOpsPerOrder: round(measured.storage / count, 1),
      cpuSeconds: usage.cpuSeconds,
      peakRssMb: usage.peakRssMb,
    };
  } finally {
    storage.stop();
    await sandbox.stop();
  }
}

/** The order as created at `now` (simulated ms): its times and windows move with its creation time. */
function placedAt(order: Record<string, unknown>, now: number): Record<string, unknown> {
  const created = Date.parse(String(order.createdTime));
  if (Number.isNaN(created)) return order;
  const shift = (iso: unknown): unknown => (typeof iso === 'string' && !Number.isNaN(Date.parse(iso)) ? new Date(Date.parse(iso) - created + now).toISOString() : iso);
  const copy = JSON.parse(JSON.stringify(order)) as Record<string, unknown>;
  copy.createdTime = new Date(now).toISOString();
  copy.lastUpdatedTime = new Date(now).toISOString();
  const fulfillment = copy.fulfillment as Record<string, Record<string, unknown> | unknown> | undefined;
  for (const window of ['shipByWindow', 'deliverByWindow']) {
    const w = fulfillment?.[window] as Record<string, unknown> | undefined;
    if (w) for (const k of ['earliestDateTime', 'latestDateTime']) if (k in w) w[k] = shift(w[k]);
  }
  return copy;
}

/** M3 orders per Amazon order id of this run (more than one = a duplicate). */
function countCreated(orders: Record<string, { CUOR: string }>, wanted: Set<string>): Map<string, number> {
  const seen = new Map<string, number>();
  for (const order of Object.values(orders)) {
    if (wanted.has(order.CUOR)) seen.set(order.CUOR, (seen.get(order.CUOR) ?? 0) + 1);
  }
  return seen;
}

function totalThrottled(stats: SimStats): number {
  return Object.values(stats.operations).reduce((n, s) => n + s.throttled, 0);
}

async function post(url: string, body: unknown): Promise<void> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!res.ok) throw new Error(`POST ${url} answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
  await res.arrayBuffer();
}

/** The simulator's counters; a few failed reads are tolerated (the process is busy with thousands of deliveries). */
async function simStats(amazonUrl: string): Promise<SimStats> {
  for (let attempt = 1; ; attempt++) {
    try {
      const res = await fetch(`${amazonUrl}/_sim/stats`, { signal: AbortSignal.timeout(60_000) });
      if (!res.ok) throw new Error(`GET /_sim/stats answered ${res.status}`);
      return SimStatsSchema.parse(await res.json());
    } catch (error) {
      if (attempt >= 10) throw error;
      await pause(1000);
    }
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}
