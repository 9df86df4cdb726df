/**
 * Feeding the running sandbox: the sample notification `npm start` prints ends as an M3 order, and orders generated on
 * demand (`POST /_sim/orders {"generate": N}`, what `m3sync sandbox orders` sends) become M3 orders like real ones.
 */
import { z } from 'zod';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { m3SeedFromMappings } from '../../local/sandbox/sandbox';
import { SAMPLE_ORDER_ID, sampleNotification, seedSampleOrder } from '../../local/sandbox/sample-order';
import { getJson, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';

describe('feeding the sandbox', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await seedSampleOrder({ amazon: sandbox.amazon.url, m3: sandbox.m3.url }, m3SeedFromMappings(sandbox.mappings).warehouses);
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  const m3Orders = () => getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);

  it('turns the sample notification npm start prints into an M3 order', async () => {
    const res = await postJson(`${sandbox.url}/api/amazon/notifications`, sampleNotification(sandbox.sellerId, new Date().toISOString()), { 'x-api-key': sandbox.intakeKey });
    expect(res.status).toBeLessThan(300);
    await settled(sandbox);
    const order = (await m3Orders()).find((o) => o.CUOR === SAMPLE_ORDER_ID);
    expect(order).toMatchObject({ CUNO: 'AMZUS', lines: [expect.objectContaining({ ITNO: 'SKU-0001' })] });
    expect(Number(order?.lines[0]?.ORQT)).toBe(2);
  }, 120_000);

  it('seeds the sample only once: a restarted sandbox keeps what it has', async () => {
    await seedSampleOrder({ amazon: sandbox.amazon.url, m3: sandbox.m3.url }, m3SeedFromMappings(sandbox.mappings).warehouses);
    expect((await m3Orders()).filter((o) => o.CUOR === SAMPLE_ORDER_ID)).toHaveLength(1);
  });

  it('creates an M3 order for every order generated on demand', async () => {
    const res = await postJson(`${sandbox.amazon.url}/_sim/orders`, { generate: 3, items: [{ sku: 'SKU-0002', quantity: 3 }] });
    const { orderIds } = z.object({ orderIds: z.array(z.string()) }).parse(res.body);
    await settled(sandbox);
    const created = (await m3Orders()).filter((o) => orderIds.includes(o.CUOR));
    expect(created.map((o) => o.CUOR).sort()).toEqual([...orderIds].sort());
    for (const o of created) expect(o.lines.map((l) => [l.ITNO, Number(l.ORQT)])).toContainEqual(['SKU-0002', 3]);
  }, 120_000);
});
