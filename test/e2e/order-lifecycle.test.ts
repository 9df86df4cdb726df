/**
 * End to end: what happens after an order is in M3. Buyer cancellation requests (before and after release for
 * picking, and repeated), Amazon canceling one of two items, Ship+ and Easy Ship shipments reported by Amazon's own
 * flow, and one order from each of Amazon's 23 marketplaces fetched and confirmed at its own region's endpoint.
 * Driven through the sandbox control API only (simulators' /_sim routes, the intake endpoints).
 */
import { z } from 'zod';
import { startSandbox, sourceAppFiles, type Sandbox } from '../../local/sandbox/sandbox';
import { VirtualClock } from '../../local/host/durable';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import { createTableAccess, FlowCounterStore, OrderLinkStore, ParkedStore } from '../../connectors/storage';
import { AMAZON_MARKETPLACES } from '../../core/marketplaces';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { shipmentBodXml } from '../fixtures/shipments/fill-shipment-bod';
import { uniqueName } from '../support/storage';
import { http } from './sandbox-support';

const SKUS = ['LIFE-A', 'LIFE-B'];
const UPS = { code: 'UPS', name: 'United Parcel Service', service: 'GND' };

const M3OrderSchema = z.object({ ORNO: z.string(), CUOR: z.string(), STAT: z.string(), lines: z.array(z.object({ PONR: z.string(), ITNO: z.string(), ORQT: z.string(), STAT: z.string().optional() }).passthrough()) }).passthrough();
const AckSchema = z.object({ statusCode: z.string(), cancelReason: z.string().optional(), items: z.array(z.object({ orderItemId: z.string(), cancelReason: z.string().optional() })).optional() });
const AmazonOrderSchema = z.object({
  orderId: z.string(),
  orderItems: z.array(z.object({ orderItemId: z.string(), quantityOrdered: z.number(), product: z.object({ sellerSku: z.string() }).passthrough() }).passthrough()),
  fulfillment: z.object({ fulfillmentStatus: z.string() }).passthrough(),
  acknowledgements: z.array(AckSchema),
  endpoints: z.array(z.object({ operation: z.string(), region: z.string() })),
}).passthrough();
type M3Order = z.infer<typeof M3OrderSchema>;

describe('after the order is in M3', () => {
  const clock = new VirtualClock(new Date('2026-03-02T08:00:00.000Z'));
  let sandbox: Sandbox;
  let seed = 4100;

  beforeAll(async () => {
    sandbox = await startSandbox({ appFiles: sourceAppFiles(), clock, taskHub: uniqueName('lifehub'), timeScale: 20, amazon: { feedProcessingSeconds: 1 } });
    await http(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Lifecycle item ${ITNO}`, STAT: '20' })));
  }, 120_000);
  afterAll(async () => { await sandbox?.stop(); });

  async function idle(): Promise<void> {
    await sandbox.amazon.notifications.flush();
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  }

  /** Feeds finish on the simulator's clock; then the ORDER_CHANGE they cause reaches the app. */
  async function feedsDone(): Promise<void> {
    for (let i = 0; i < 50; i++) {
      const feeds = z.array(z.object({ processingStatus: z.string() }).passthrough()).parse(await http(`${sandbox.amazon.url}/_sim/feeds`));
      if (feeds.every((f) => ['DONE', 'FATAL', 'CANCELLED'].includes(f.processingStatus))) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    await idle();
  }

  const amazonOrder = async (id: string) => AmazonOrderSchema.parse(await http(`${sandbox.amazon.url}/_sim/orders/${id}`));
  const m3OrderOf = async (id: string): Promise<M3Order | undefined> => z.array(M3OrderSchema).parse(await http(`${sandbox.m3.url}/_sim/orders`)).find((o) => o.CUOR === id);
  const parked = async (id: string) => (await new ParkedStore(createTableAccess(sandbox.connectionString)).list({ flow: 'order-to-cash' })).filter((p) => p.id === id && p.status === 'parked');

  /** A merchant order through order-to-cash into M3; `lines` items, all from SKUS, no gift (one item line per Amazon item). */
  async function createOrder(opts: { marketplaceId?: string; lines?: number; programs?: string[] } = {}): Promise<{ orderId: string; itemIds: string[]; m3: M3Order }> {
    for (let attempt = 0; attempt < 40; attempt++) {
      const [order] = generateOrders({ seed: seed++, count: 1, skus: SKUS, marketplaceIds: [opts.marketplaceId ?? 'ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0, giftRate: 0, businessRate: 0 });
      const items = order!.orderItems as Array<{ orderItemId: string }>;
      if (opts.lines !== undefined && items.length !== opts.lines) continue;
      if (opts.programs) order!.programs = opts.programs;
      await http(`${sandbox.amazon.url}/_sim/orders`, order);
      await idle();
      const orderId = String(order!.orderId);
      const m3 = await m3OrderOf(orderId);
      if (!m3) throw new Error(`order-to-cash did not create Amazon order ${orderId} in M3`);
      return { orderId, itemIds: items.map((i) => i.orderItemId), m3 };
    }
    throw new Error('no generated order fits the test');
  }

  async function ship(order: { orderId: string; m3: M3Order }): Promise<void> {
    const lines = order.m3.lines.filter((l) => SKUS.includes(l.ITNO)).map((l) => ({ item: l.ITNO, quantity: Number(l.ORQT), m3Order: order.m3.ORNO, m3Line: l.PONR, amazonOrderId: order.orderId }));
    const spec = { bodId: uniqueName('bod'), documentId: `D${order.m3.ORNO}`, variation: 1, shippedAt: '2026-03-02T09:30:00.000Z', carrier: UPS, packages: [{ id: 'PK-1', tracking: `1Z${order.m3.ORNO}`, lines }] };
    await http(`${sandbox.url}/api/ion/bods`, shipmentBodXml(spec), { 'x-api-key': sandbox.intakeKey });
    await idle();
  }

  const confirmationsFor = async (orderId: string) => z.array(z.object({ orderId: z.string(), body: z.unknown() })).parse(await http(`${sandbox.amazon.url}/_sim/confirmations`)).filter((c) => c.orderId === orderId);

  describe('a buyer asks to cancel', () => {
    it('before release for picking: the M3 order is gone and Amazon holds one acknowledgement with BuyerCanceled', async () => {
      const order = await createOrder();
      await http(`${sandbox.amazon.url}/_sim/orders/${order.orderId}/cancel-request`, {});
      await idle();
      await feedsDone();
      const m3 = await m3OrderOf(order.orderId);
      expect(m3 === undefined || m3.STAT === '90').toBe(true);
      expect(m3?.lines ?? []).toEqual([]);
      const amazon = await amazonOrder(order.orderId);
      expect(amazon.acknowledgements).toEqual([{ statusCode: 'Failure', cancelReason: 'BuyerCanceled', items: order.itemIds.map((orderItemId) => ({ orderItemId, cancelReason: 'BuyerCanceled' })) }]);
      expect(amazon.fulfillment.fulfillmentStatus).toBe('CANCELLED');
      expect(await parked(order.orderId)).toEqual([]);
      // The order's instance reads the acknowledgement feed's processing report back once its poll comes round.
      for (let minute = 0; minute < 5; minute++) {
        await clock.advance(60_000);
        await idle();
      }
      const link = await new OrderLinkStore(createTableAccess(sandbox.connectionString)).get(sandbox.sellerId, order.orderId);
      expect(link?.acknowledgement).toMatchObject({ reason: 'BuyerCanceled', state: 'accepted' });
    });

    it('a repeated request (the same change notified again, the sweep reading it) changes nothing', async () => {
      const order = await createOrder();
      await http(`${sandbox.amazon.url}/_sim/orders/${order.orderId}/cancel-request`, {});
      await idle();
      // Amazon notified before the acknowledgement was processed; the same request arrives again meanwhile.
      const current = await http(`${sandbox.amazon.url}/_sim/orders/${order.orderId}`) as Record<string, unknown>;
      delete current.acknowledgements;
      delete current.endpoints;
      await http(`${sandbox.amazon.url}/_sim/orders`, current);
      await idle();
      await sandbox.host.invokeTimer('amazon-order-sweep');
      await feedsDone();
      await sandbox.host.invokeTimer('amazon-order-sweep');
      await idle();
      const amazon = await amazonOrder(order.orderId);
      expect(amazon.acknowledgements).toHaveLength(1);
      const feeds = z.array(z.object({ feedType: z.string(), messages: z.array(z.unknown()) }).passthrough()).parse(await http(`${sandbox.amazon.url}/_sim/feeds`));
      const mine = feeds.filter((f) => f.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA' && JSON.stringify(f.messages).includes(order.orderId));
      expect(mine).toHaveLength(1);
    });

    it('after release for picking: parked CANCEL_REQUEST_TOO_LATE, nothing sent, the M3 order stays', async () => {
      const order = await createOrder();
      await http(`${sandbox.m3.url}/_sim/order-status`, { ORNO: order.m3.ORNO, ORST: '44' });
      await http(`${sandbox.amazon.url}/_sim/orders/${order.orderId}/cancel-request`, {});
      await idle();
      await feedsDone();
      expect((await amazonOrder(order.orderId)).acknowledgements).toEqual([]);
      expect((await m3OrderOf(order.orderId))?.lines.length).toBeGreaterThan(0);
      expect((await parked(order.orderId)).map((p) => p.reason)).toEqual(['CANCEL_REQUEST_TOO_LATE']);
    });
  });

  it('Amazon cancels 1 of 2 items: that M3 line is closed, the other stays', async () => {
    const order = await createOrder({ lines: 2 });
    await http(`${sandbox.amazon.url}/_sim/orders/${order.orderId}/cancel`, { orderItemIds: [order.itemIds[0]] });
    await idle();
    const m3 = await m3OrderOf(order.orderId);
    const itemLines = m3!.lines.filter((l) => SKUS.includes(l.ITNO));
    const statusOf = (line: Record<string, unknown>) => String(line.ORST ?? line.STAT ?? '');
    expect(statusOf(itemLines[0]!)).toBe('99');
    expect(statusOf(itemLines[1]!)).not.toBe('99');
    expect((await amazonOrder(order.orderId)).acknowledgements).toEqual([]);
  });

  describe('M3 cancels', () => {
    let variation = 10;
    /** The shipped Sync.SalesOrder template, for this order, with the lines M3 now shows. */
    function salesOrderBod(order: { orderId: string; m3: M3Order }): string {
      const template = readFileSync(path.join(__dirname, '../../bod-templates/sync-sales-order.xml'), 'utf8');
      return template
        .replace('00000000-0000-4000-8000-000000000101', uniqueName('bod'))
        .replace('variationID="3"', `variationID="${variation++}"`)
        .replace('>1000012345<', `>${order.m3.ORNO}<`)
        .replace('>113-1234567-1234567<', `>${order.orderId}<`);
    }
    const acknowledgementsOf = async (id: string) => (await amazonOrder(id)).acknowledgements;

    it('an order canceled in M3 (Sync.SalesOrder) is canceled on Amazon with one acknowledgement NoInventory', async () => {
      const order = await createOrder();
      await http(`${sandbox.m3.url}/_sim/order-status`, { ORNO: order.m3.ORNO, ORST: '99' });
      await http(`${sandbox.url}/api/ion/bods`, salesOrderBod(order), { 'x-api-key': sandbox.intakeKey });
      await idle();
      await feedsDone();
      await http(`${sandbox.url}/api/ion/bods`, salesOrderBod(order), { 'x-api-key': sandbox.intakeKey });
      await idle();
      await feedsDone();
      expect(await acknowledgementsOf(order.orderId)).toEqual([{ statusCode: 'Failure', cancelReason: 'NoInventory', items: order.itemIds.map((orderItemId) => ({ orderItemId, cancelReason: 'NoInventory' })) }]);
      expect((await amazonOrder(order.orderId)).fulfillment.fulfillmentStatus).toBe('CANCELLED');
    });

    it('without a BOD, the sweep notices the M3 cancellation and Amazon is told once', async () => {
      const order = await createOrder();
      await http(`${sandbox.m3.url}/_sim/order-status`, { ORNO: order.m3.ORNO, ORST: '99' });
      await sandbox.host.invokeTimer('amazon-order-sweep');
      await idle();
      await feedsDone();
      await sandbox.host.invokeTimer('amazon-order-sweep');
      await idle();
      expect((await acknowledgementsOf(order.orderId)).map((a) => a.cancelReason)).toEqual(['NoInventory']);
    });

    it('a line canceled in M3 while the rest ships: parked PARTIAL_CANCEL_NEEDS_ADJUSTMENT with the Seller Central action, nothing sent', async () => {
      const order = await createOrder({ lines: 2 });
      const first = order.m3.lines.find((l) => SKUS.includes(l.ITNO))!;
      await http(`${sandbox.m3.url}/_sim/order-status`, { ORNO: order.m3.ORNO, PONR: first.PONR, ORST: '99' });
      await http(`${sandbox.url}/api/ion/bods`, salesOrderBod(order), { 'x-api-key': sandbox.intakeKey });
      await idle();
      const items = await parked(order.orderId);
      expect(items.map((p) => p.reason)).toEqual(['PARTIAL_CANCEL_NEEDS_ADJUSTMENT']);
      expect(items[0]!.message).toMatch(/Seller Central/);
      expect(await acknowledgementsOf(order.orderId)).toEqual([]);
    });
  });

  it('a Ship+ and an Easy Ship order shipped in M3: no confirmation sent, counted as reported by Amazon, nothing parked', async () => {
    const counters = new FlowCounterStore(createTableAccess(sandbox.connectionString));
    const count = async () => (await counters.day(new Date().toISOString().slice(0, 10))).filter((c) => c.flow === 'shipment-confirmation' && c.outcome === 'reported-by-amazon').reduce((n, c) => n + c.count, 0);
    const before = await count();
    const shipPlus = await createOrder({ programs: ['FBM_SHIP_PLUS'] });
    const easyShip = await createOrder({ programs: ['AMAZON_EASY_SHIP'] });
    await ship(shipPlus);
    await ship(easyShip);
    expect(await confirmationsFor(shipPlus.orderId)).toEqual([]);
    expect(await confirmationsFor(easyShip.orderId)).toEqual([]);
    expect(await count()).toBe(before + 2);
    const shipmentParked = (await new ParkedStore(createTableAccess(sandbox.connectionString)).list({ flow: 'shipment-confirmation' })).filter((p) => p.status === 'parked' && [`D${shipPlus.m3.ORNO}`, `D${easyShip.m3.ORNO}`].includes(p.id));
    expect(shipmentParked).toEqual([]);
    const res = await fetch(`${sandbox.url}/api/ops/summary`, { headers: { 'x-api-key': sandbox.opsKey } });
    const summary = z.object({ summary: z.object({ lifecycle: z.object({ reportedByAmazon: z.number(), buyerCanceled: z.number(), cancelTooLate: z.number() }).passthrough() }).passthrough() }).parse(await res.json()).summary;
    expect(summary.lifecycle.reportedByAmazon).toBeGreaterThanOrEqual(2);
  });

  it('an order from each of the 23 marketplaces is fetched from its region\'s endpoint and its shipment confirmed there', async () => {
    expect(AMAZON_MARKETPLACES).toHaveLength(23);
    for (const market of AMAZON_MARKETPLACES) {
      const order = await createOrder({ marketplaceId: market.id });
      await ship(order);
      const amazon = await amazonOrder(order.orderId);
      const region = market.region.toLowerCase();
      expect({ marketplace: market.country, getOrder: amazon.endpoints.filter((e) => e.operation === 'getOrder').map((e) => e.region) }).toEqual({ marketplace: market.country, getOrder: expect.arrayContaining([region]) });
      expect(amazon.endpoints.filter((e) => e.region !== region)).toEqual([]);
      expect(amazon.endpoints.some((e) => e.operation === 'confirmShipment' && e.region === region)).toBe(true);
      expect(await confirmationsFor(order.orderId)).toHaveLength(1);
    }
  }, 600_000);
});
