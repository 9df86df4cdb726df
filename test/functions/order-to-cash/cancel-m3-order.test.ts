/** Amazon cancellations reaching M3: batch orders deleted before Confirm, confirmed orders deleted while nothing was picked, later ones held for an operator. */
import { createM3ClientFromIonApi, type M3Client } from '../../../connectors/m3/m3-client';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { createTableAccess } from '../../../connectors/storage';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import { planOrder } from '../../../core/orders/plan-order';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { simOrderPorts } from './sim-order-ports';
import { writeM3Order } from '../../../functions/order-to-cash/write-m3-order';
import { cancelM3Order } from '../../../functions/order-to-cash/cancel-m3-order';
import { azuriteConnectionString } from '../../support/storage';

const SKUS = ['SKU-0001', 'SKU-0002'];

describe('cancelM3Order', () => {
  let sim: M3Simulator;
  let client: M3Client;
  const mappings = loadShippedMappings();
  const tables = createTableAccess(azuriteConnectionString());

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: { ...m3SeedFromMappings(mappings), items: SKUS.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })) } });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
  });
  afterAll(async () => { await sim?.close(); });

  function ports(): OrderPorts {
    return simOrderPorts(client, tables, mappings);
  }

  async function createdOrder(seed: number, p: OrderPorts): Promise<{ ids: { sellerId: string; amazonOrderId: string }; orderNumber: string }> {
    const [generated] = generateOrders({ seed, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0, giftRate: 0 });
    const order = toCanonicalOrder({ order: generated });
    const plan = planOrder(order, mappings, { items: new Map(SKUS.map((s) => [s, s])) });
    const ids = { sellerId: 'S1', amazonOrderId: order.orderId, marketplaceId: order.marketplaceId ?? '' };
    const written = await writeM3Order(ids, plan, order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity })), p);
    if (written.kind !== 'created') throw new Error(`order not created: ${JSON.stringify(written)}`);
    return { ids, orderNumber: written.m3OrderNumber };
  }

  it('deletes a confirmed order that nothing was picked for', async () => {
    const p = ports();
    const { ids, orderNumber } = await createdOrder(71, p);
    const result = await cancelM3Order(ids, p);
    expect(result).toMatchObject({ kind: 'canceled', m3OrderNumber: orderNumber });
    expect((await p.links.get('S1', ids.amazonOrderId))?.status).toBe('canceled');
    expect(await cancelM3Order(ids, p)).toMatchObject({ kind: 'nothing-to-cancel' });
  });

  it('holds an order already on a picking list for an operator', async () => {
    const p = ports();
    const { ids, orderNumber } = await createdOrder(72, p);
    await fetch(`${sim.url}/_sim/order-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ORNO: orderNumber, ORST: '44' }) });
    expect(await cancelM3Order(ids, p)).toMatchObject({ kind: 'needs-operator', reason: 'CANCEL_AFTER_PICKING' });
  });

  it('cancels the real order behind a link left at "creating" by a crash after Confirm', async () => {
    const p = ports();
    const { ids, orderNumber } = await createdOrder(73, p);
    const link = (await p.links.get('S1', ids.amazonOrderId))!;
    await p.links.write({ ...link, status: 'creating', m3OrderNumber: '' }, (await p.links.read('S1', ids.amazonOrderId))!.etag);
    expect(await cancelM3Order(ids, p)).toMatchObject({ kind: 'canceled', m3OrderNumber: orderNumber });
  });

  it('lets an M3 outage propagate instead of marking the order canceled', async () => {
    const p = ports();
    const { ids } = await createdOrder(74, p);
    const link = (await p.links.get('S1', ids.amazonOrderId))!;
    await p.links.write({ ...link, status: 'creating', m3OrderNumber: '' }, (await p.links.read('S1', ids.amazonOrderId))!.etag);
    sim.configureFaults({ errorRate: 1, errorStatus: 503 });
    await expect(cancelM3Order(ids, p)).rejects.toThrow();
    sim.configureFaults({});
    expect((await p.links.get('S1', ids.amazonOrderId))?.status).toBe('creating');
  });

  it('reports nothing to cancel for an order that never reached M3', async () => {
    expect(await cancelM3Order({ sellerId: 'S1', amazonOrderId: '999-0000000-0000000' }, ports())).toMatchObject({ kind: 'nothing-to-cancel' });
  });
});
