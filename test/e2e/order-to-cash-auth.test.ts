/** Acceptance: an auth failure stops the flow with a clear alert instead of burning retries (one sandbox per file: the app is loaded once per test module). */
import { memorySink } from '../../local/host';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { ParkedStore, createTableAccess } from '../../connectors/storage';
import { getJson, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';
import type { AmazonOrder } from './order-fixtures';

const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

describe('order-to-cash when Amazon refuses our credentials', () => {
  let sandbox: Sandbox;
  const sink = memorySink();

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink, env: { SPAPI_LWA_CLIENT_SECRET: 'not-the-secret' } });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('stops the order with an auth alert instead of retrying, and writes nothing to M3', async () => {
    const [order] = generateOrders({ seed: 19, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
    await settled(sandbox);
    const item = await new ParkedStore(createTableAccess(sandbox.connectionString)).get('order-to-cash', order!.orderId);
    expect(item).toMatchObject({ reason: 'AUTH_FAILED', status: 'parked' });
    const alerts = sink.entries.filter((e) => e.message.includes('alert.auth-failed'));
    expect(alerts.length).toBe(1);
    const attempts = sink.entries.filter((e) => e.function === 'o2c-process-order' && e.message.includes('order.'));
    expect(attempts.length).toBeLessThanOrEqual(1);
    expect(await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).toEqual([]);
  });
});
