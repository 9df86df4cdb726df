/** After the order is in M3: a buyer's cancellation request, items Amazon cancels, and orders M3 cancels — decided once each. */
import { createM3ClientFromIonApi, type M3Client } from '../../../connectors/m3/m3-client';
import { FlowCounterStore, OrderLeaseStore, OrderLinkStore, ParkedStore, createTableAccess } from '../../../connectors/storage';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { type CanonicalOrder } from '../../../core/orders/canonical-order';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import { planOrder } from '../../../core/orders/plan-order';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';
import { m3ItemLookup, m3OrderPort } from '../../../functions/order-to-cash/m3-order-adapter';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { writeM3Order } from '../../../functions/order-to-cash/write-m3-order';
import { followOrderLifecycle } from '../../../functions/order-to-cash/order-lifecycle';
import type { OrderOutcome } from '../../../functions/order-to-cash/order-outcome';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const SKUS = ['SKU-0001', 'SKU-0002'];
const log = { info: () => undefined, warn: () => undefined, error: () => undefined };

describe('following an order after it is in M3', () => {
  let sim: M3Simulator;
  let client: M3Client;
  const shipped = loadShippedMappings();
  const tables = createTableAccess(azuriteConnectionString());

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: { ...m3SeedFromMappings(shipped), items: SKUS.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })) } });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
  });
  afterAll(async () => { await sim?.close(); });

  interface World { ports: OrderPorts; feeds: string[]; parked: Array<{ reason: string; message: string }> }

  function world(): World {
    const executor = { execute: client.execute.bind(client), executeBulk: client.executeBulk.bind(client) };
    const feeds: string[] = [];
    const ports: OrderPorts = {
      getAmazonOrder: async () => { throw new Error('not used'); },
      feeds: () => ({
        createFeedDocument: async () => ({ feedDocumentId: `doc-${feeds.length}`, url: 'http://upload.invalid' }),
        uploadFeedDocument: async (_url: string, content: string | Buffer) => { feeds.push(String(content)); },
        createFeed: async () => `feed-${feeds.length}`,
      }),
      m3: m3OrderPort(executor), items: m3ItemLookup(executor),
      links: new OrderLinkStore(tables, uniqueName('links')), leases: new OrderLeaseStore(tables, uniqueName('leases')).forOwner('o2c:test'), parked: new ParkedStore(tables, uniqueName('parked')),
      counters: new FlowCounterStore(tables, uniqueName('counters')), mappings: async () => shipped,
      switches: { isPaused: () => false, isDryRun: () => false },
    };
    return { ports, feeds, parked: [] };
  }

  async function createdOrder(seed: number, w: World, lines?: number): Promise<{ order: CanonicalOrder; orderNumber: string; raw: Record<string, any> }> {
    for (let s = seed; s < seed + 50; s++) {
      const [generated] = generateOrders({ seed: s, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0, giftRate: 0 });
      if (lines !== undefined && (generated!.orderItems as unknown[]).length !== lines) continue;
      const order = toCanonicalOrder({ order: generated });
      const plan = planOrder(order, shipped, { items: new Map(SKUS.map((k) => [k, k])) });
      const written = await writeM3Order({ sellerId: 'S1', amazonOrderId: order.orderId, marketplaceId: order.marketplaceId ?? '' }, plan, order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity })), w.ports);
      if (written.kind !== 'created') throw new Error('not created');
      return { order, orderNumber: written.m3OrderNumber, raw: generated as Record<string, any> };
    }
    throw new Error('no generated order fits');
  }

  const follow = (w: World, order: CanonicalOrder, mappings: Mappings = shipped, trigger = 'notification') =>
    followOrderLifecycle(order, { sellerId: 'S1', amazonOrderId: order.orderId, trigger }, mappings, w.ports, log as never, async (p) => {
      w.parked.push(p);
      return { outcome: 'parked', reason: p.reason, message: p.message, m3OrderNumber: '', lines: 0 } satisfies OrderOutcome;
    });
  const withRequest = (raw: Record<string, any>) => toCanonicalOrder({ order: { ...raw, orderItems: raw.orderItems.map((i: Record<string, unknown>) => ({ ...i, cancellation: { cancellationRequest: { requester: 'BUYER', cancelReason: 'Changed mind' } } })) } });
  const m3Order = async (orderNumber: string) => (await client.execute('OIS100MI', 'GetHead', { ORNO: orderNumber }))[0];

  it('honors a buyer request before release: deletes the M3 order and sends one BuyerCanceled acknowledgement, however often it is seen', async () => {
    const w = world();
    const { raw, orderNumber } = await createdOrder(301, w);
    const order = withRequest(raw);
    expect(await follow(w, order)).toMatchObject({ outcome: 'canceled', reason: 'BUYER_CANCELED' });
    expect((await m3Order(orderNumber))?.STAT).toBe('90');
    expect(w.feeds).toHaveLength(1);
    expect(w.feeds[0]).toContain('<StatusCode>Failure</StatusCode>');
    expect(w.feeds[0]).toContain('<CancelReason>BuyerCanceled</CancelReason>');
    await follow(w, order);
    await follow(w, order);
    expect(w.feeds).toHaveLength(1);
  });

  it('parks a request that comes after release for picking, once, and sends nothing', async () => {
    const w = world();
    const { raw, orderNumber } = await createdOrder(331, w);
    await fetch(`${sim.url}/_sim/order-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ORNO: orderNumber, ORST: '44' }) });
    const order = withRequest(raw);
    expect(await follow(w, order)).toMatchObject({ outcome: 'parked', reason: 'CANCEL_REQUEST_TOO_LATE' });
    await follow(w, order);
    expect(w.parked.map((p) => p.reason)).toEqual(['CANCEL_REQUEST_TOO_LATE']);
    expect(w.feeds).toEqual([]);
  });

  it('closes the M3 lines instead of deleting when the mappings say close-lines', async () => {
    const w = world();
    const { raw, orderNumber } = await createdOrder(361, w);
    const mappings: Mappings = { ...shipped, cancellation: { unstoppableFromStatus: '44', m3Action: 'close-lines', reasonCode: 'AMZ' } };
    expect(await follow(w, withRequest(raw), mappings)).toMatchObject({ outcome: 'canceled' });
    const lines = await client.execute('OIS100MI', 'LstLine', { ORNO: orderNumber });
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((l) => l.ORST === '99')).toBe(true);
  });

  it('closes the M3 line of an item Amazon canceled, once, and leaves the other', async () => {
    const w = world();
    const { raw, orderNumber } = await createdOrder(391, w, 2);
    const order = toCanonicalOrder({ order: { ...raw, orderItems: raw.orderItems.map((i: Record<string, unknown>, n: number) => (n === 0 ? { ...i, cancellation: { cancellationExecution: { cancelledBy: 'AMAZON', cancelReason: 'x' } } } : i)) } });
    expect(await follow(w, order)).toMatchObject({ outcome: 'lines-canceled' });
    expect(await follow(w, order)).toBeUndefined();
    const lines = await client.execute('OIS100MI', 'LstLine', { ORNO: orderNumber });
    const items = lines.filter((l) => SKUS.includes(l.ITNO ?? ''));
    expect(items.map((l) => l.ORST === '99')).toEqual([true, false]);
    expect(w.feeds).toEqual([]);
  });

  it('cancels on Amazon (NoInventory) an order M3 closed, only when M3 changed, and parks a single closed line', async () => {
    const w = world();
    const whole = await createdOrder(421, w);
    await fetch(`${sim.url}/_sim/order-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ORNO: whole.orderNumber, ORST: '99' }) });
    expect(await follow(w, whole.order)).toBeUndefined();
    expect(await follow(w, whole.order, shipped, 'm3-bod:1')).toMatchObject({ outcome: 'canceled', reason: 'M3_CANCELED' });
    expect(w.feeds).toHaveLength(1);
    expect(w.feeds[0]).toContain('<CancelReason>NoInventory</CancelReason>');
    expect(await follow(w, whole.order, shipped, 'm3-bod:2')).toBeUndefined();
    expect(w.feeds).toHaveLength(1);

    const partial = await createdOrder(451, w, 2);
    const lines = await client.execute('OIS100MI', 'LstLine', { ORNO: partial.orderNumber });
    const first = lines.find((l) => SKUS.includes(l.ITNO ?? ''))!;
    await fetch(`${sim.url}/_sim/order-status`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ ORNO: partial.orderNumber, PONR: first.PONR, ORST: '99' }) });
    expect(await follow(w, partial.order, shipped, 'm3-sweep')).toMatchObject({ outcome: 'parked', reason: 'PARTIAL_CANCEL_NEEDS_ADJUSTMENT' });
    expect(await follow(w, partial.order, shipped, 'm3-sweep')).toBeUndefined();
    expect(w.parked.map((p) => p.reason)).toEqual(['PARTIAL_CANCEL_NEEDS_ADJUSTMENT']);
    expect(w.feeds).toHaveLength(1);
  });
});
