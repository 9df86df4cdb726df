import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, m3Violations, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';

const SKUS = Array.from({ length: 10 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

describe('order-to-cash end to end', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    sandbox = await startTestSandbox();
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  });
  afterAll(async () => { await sandbox?.stop(); });

  it('creates one M3 order per announced Amazon order, with CUOR, items, quantities and unit prices', async () => {
    const orders = generateOrders({ seed: 7, count: 3, skus: SKUS, pendingRate: 0, cancelledRate: 0 });
    for (const order of orders) {
      const seeded = await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
      expect(seeded.status).toBeLessThan(300);
    }
    await settled(sandbox);
    const created = await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
    expect(created.map((o) => o.CUOR).sort()).toEqual(orders.map((o) => String(o.orderId)).sort());
    for (const order of orders) {
      const m3 = created.find((o) => o.CUOR === order.orderId)!;
      const items = order.orderItems as Array<{ quantityOrdered: number; product: { sellerSku: string; price: { unitPrice: { amount: string } } } }>;
      for (const item of items) {
        const line = m3.lines.find((l) => l.ITNO === item.product.sellerSku);
        expect(line).toBeDefined();
        expect(Number(line!.ORQT)).toBe(item.quantityOrdered);
        expect(Number(line!.SAPR)).toBeCloseTo(Number(item.product.price.unitPrice.amount), 2);
      }
    }
  });

  it('made every M3 MI call the way the MI repository describes it (no unknown, over-long or missing fields)', async () => {
    expect(await m3Violations(sandbox)).toEqual([]);
  });
});
