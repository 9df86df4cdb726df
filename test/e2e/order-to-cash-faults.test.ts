/**
 * Acceptance under faults: with 10% transient failures on both simulators every order still arrives exactly
 * once (retries wait on virtual time).
 */
import { VirtualClock } from '../../local/host/durable';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';
import type { AmazonOrder } from './order-fixtures';

const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

/** Lets durable retry timers fire: advance virtual time whenever the app has nothing else to do. */
async function settle(sandbox: Sandbox, clock: VirtualClock, done: () => Promise<boolean>, rounds = 40): Promise<void> {
  for (let i = 0; i < rounds; i++) {
    await settled(sandbox);
    if (await done()) return;
    await clock.advance(10 * 60 * 1000);
  }
}

describe('order-to-cash under transient faults', () => {
  let sandbox: Sandbox;
  const clock = new VirtualClock(new Date('2026-05-01T08:00:00Z'));

  beforeAll(async () => {
    sandbox = await startTestSandbox({ clock });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('creates all 50 orders exactly once with 10% transient failures at Amazon and at M3', async () => {
    await postJson(`${sandbox.amazon.url}/_sim/faults`, { errorRate: 0.1, seed: 3 });
    await postJson(`${sandbox.m3.url}/_sim/faults`, { errorRate: 0.1, errorStatus: 503, seed: 4 });
    const orders = generateOrders({ seed: 17, count: 50, skus: SKUS, pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    for (const order of orders) expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, order)).status).toBeLessThan(300);
    const ours = async (): Promise<SimM3Order[]> => (await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).filter((o) => orders.some((a) => a.orderId === o.CUOR));
    await settle(sandbox, clock, async () => (await ours()).length >= 50);
    await postJson(`${sandbox.m3.url}/_sim/faults`, {});
    await postJson(`${sandbox.amazon.url}/_sim/faults`, {});
    const created = await ours();
    const missing = orders.map((a) => a.orderId).filter((id) => !created.some((o) => o.CUOR === id));
    // On failure the diagnosis says where a missing order went: never delivered, parked, or stuck in an instance.
    const diagnosis = missing.length === 0 ? {} : {
      parked: await getJson(`${sandbox.url}/api/ops/parked`, { 'x-api-key': sandbox.opsKey }),
      unfinished: (await getJson<{ instances: Array<{ runtimeStatus: string; customStatus?: { outcome?: string } }> }>(`${sandbox.url}/api/ops/instances`, { 'x-api-key': sandbox.opsKey }))
        .instances.filter((i) => i.runtimeStatus !== 'Completed' || !['created', 'exists'].includes(i.customStatus?.outcome ?? '')),
    };
    expect({ missing, notificationsLost: sandbox.amazon.notifications.failed, diagnosis }).toEqual({ missing: [], notificationsLost: 0, diagnosis: {} });
    expect(created).toHaveLength(50);
    expect(new Set(created.map((o) => o.CUOR)).size).toBe(50);
  }, 240_000);
});
