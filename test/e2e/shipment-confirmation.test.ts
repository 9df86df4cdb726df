/**
 * End to end: an Amazon order goes through order-to-cash into M3, then M3's Sync.Shipment BOD comes back through
 * /api/ion/bods and ends as shipment confirmations at the SP-API simulator (docs/design.md, Shipment confirmation), on the local host with
 * its own Azurite, both simulators, and the app configured through the same settings as Azure.
 */
import * as df from 'durable-functions';
import { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { startSandbox, sourceAppFiles, type Sandbox } from '../../local/sandbox/sandbox';
import { VirtualClock } from '../../local/host/durable';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import { createTableAccess, FlowCounterStore, ParkedStore } from '../../connectors/storage';
import { packageReferenceId } from '../../core/shipments';
import { FEED_BATCH_ENTITY } from '../../functions/shipment-confirmation/names';
import { shipmentBodXml, type ShipmentSpec } from '../fixtures/shipments/fill-shipment-bod';
import { uniqueName } from '../support/storage';
import { http } from './sandbox-support';

const MARKETPLACE = 'ATVPDKIKX0DER';
const SKUS = ['SHIPTEST-A', 'SHIPTEST-B', 'SHIPTEST-C'];
const UPS = { code: 'UPS', name: 'United Parcel Service', service: 'GND' };

const M3OrderSchema = z.object({ ORNO: z.string(), CUOR: z.string(), lines: z.array(z.object({ PONR: z.string(), ITNO: z.string(), ORQT: z.string() })) });
const ConfirmationSchema = z.object({
  orderId: z.string(),
  body: z.object({
    marketplaceId: z.string(),
    packageDetail: z.object({
      packageReferenceId: z.string(), carrierCode: z.string(), carrierName: z.string().optional(), shippingMethod: z.string().optional(), trackingNumber: z.string(), shipDate: z.string(),
      orderItems: z.array(z.object({ orderItemId: z.string(), quantity: z.number() })),
    }),
  }),
});
const AmazonOrderSchema = z.object({ orderId: z.string(), orderItems: z.array(z.object({ orderItemId: z.string(), quantityOrdered: z.number(), product: z.object({ sellerSku: z.string() }).passthrough() }).passthrough()), packages: z.array(z.unknown()).optional() }).passthrough();
type M3Order = z.infer<typeof M3OrderSchema>;

describe('shipment confirmation end to end', () => {
  const clock = new VirtualClock(new Date('2026-03-02T08:00:00.000Z'));
  let sandbox: Sandbox;
  let seed = 700;

  beforeAll(async () => {
    sandbox = await startSandbox({ appFiles: sourceAppFiles(), clock, taskHub: uniqueName('shiphub'), timeScale: 20, amazon: { feedProcessingSeconds: 1 } });
    await http(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Shipment test item ${ITNO}`, STAT: '20' })));
  }, 120_000);
  afterAll(async () => { await sandbox?.stop(); });

  async function idle(): Promise<void> {
    await sandbox.amazon.notifications.flush();
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  }

  /** An Amazon order through order-to-cash: seeded in the simulator, whose ORDER_CHANGE reaches the app, which writes M3. */
  async function createOrder(accept: (o: M3Order) => boolean = () => true): Promise<{ amazon: z.infer<typeof AmazonOrderSchema>; m3: M3Order }> {
    for (let attempt = 0; attempt < 20; attempt++) {
      const [order] = generateOrders({ seed: seed++, count: 1, skus: SKUS, marketplaceIds: [MARKETPLACE], pendingRate: 0, cancelledRate: 0, giftRate: 0 });
      await http(`${sandbox.amazon.url}/_sim/orders`, order);
      const amazon = AmazonOrderSchema.parse(await http(`${sandbox.amazon.url}/_sim/orders/${String(order!.orderId)}`));
      // Orders announced in a burst are read together by the fetch planner; its timer (every minute in Azure) runs
      // whatever a run left waiting, so the order is in M3 once that has run too.
      await idle();
      await sandbox.host.invokeTimer('o2c-fetch-planner');
      await idle();
      const m3 = z.array(M3OrderSchema).parse(await http(`${sandbox.m3.url}/_sim/orders`)).find((o) => o.CUOR === amazon.orderId);
      if (!m3) throw new Error(`order-to-cash did not create Amazon order ${amazon.orderId} in M3`);
      if (accept(m3)) return { amazon, m3 };
    }
    throw new Error('no generated order fits the test');
  }

  function linesOf(m3: M3Order): Array<{ item: string; quantity: number; m3Order: string; m3Line: string; amazonOrderId: string }> {
    return m3.lines.filter((l) => SKUS.includes(l.ITNO)).map((l) => ({ item: l.ITNO, quantity: Number(l.ORQT), m3Order: m3.ORNO, m3Line: l.PONR, amazonOrderId: m3.CUOR }));
  }

  async function postBod(spec: ShipmentSpec): Promise<void> {
    await http(`${sandbox.url}/api/ion/bods`, shipmentBodXml(spec), { 'x-api-key': sandbox.intakeKey });
    await idle();
  }

  async function confirmationsFor(orderId: string): Promise<Array<z.infer<typeof ConfirmationSchema>>> {
    return z.array(ConfirmationSchema).parse(await http(`${sandbox.amazon.url}/_sim/confirmations`)).filter((c) => c.orderId === orderId);
  }

  /** M3 writes the Amazon lines in their order (one AddBatchLine each), so the n-th item line is the n-th Amazon order item. */
  function expectedItems(amazon: z.infer<typeof AmazonOrderSchema>, m3: M3Order, lines: Array<{ m3Line: string; quantity: number }>): Array<{ orderItemId: string; quantity: number }> {
    const m3ItemLines = m3.lines.filter((l) => SKUS.includes(l.ITNO));
    return lines.map((l) => ({ orderItemId: amazon.orderItems[m3ItemLines.findIndex((m) => m.PONR === l.m3Line)]!.orderItemId, quantity: l.quantity }));
  }

  describe('one shipment, re-sent and corrected', () => {
    let order: Awaited<ReturnType<typeof createOrder>>;
    let spec: ShipmentSpec;

    beforeAll(async () => {
      order = await createOrder();
      spec = {
        bodId: uniqueName('bod'), documentId: `D${order.m3.ORNO}`, variation: 1, shippedAt: '2026-03-02T09:30:00.000Z', carrier: UPS,
        packages: [{ id: 'PK-1', tracking: '1Z999AA10123456784', lines: linesOf(order.m3) }],
      };
    }, 120_000);

    it('confirms the package at Amazon with the order item ids, quantities, carrier and tracking', async () => {
      await postBod(spec);
      const confirmations = await confirmationsFor(order.amazon.orderId);
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]!.body).toEqual({
        marketplaceId: MARKETPLACE,
        packageDetail: {
          packageReferenceId: packageReferenceId(spec.documentId, 'PK-1'), carrierCode: 'UPS', shippingMethod: 'GND', trackingNumber: '1Z999AA10123456784',
          shipDate: '2026-03-02T09:30:00.000Z', orderItems: expectedItems(order.amazon, order.m3, spec.packages[0]!.lines),
        },
      });
      const amazon = AmazonOrderSchema.parse(await http(`${sandbox.amazon.url}/_sim/orders/${order.amazon.orderId}`));
      expect(amazon.packages).toHaveLength(1);
    });

    it('sends nothing new when the same BOD arrives again, or the same variation under a new BOD id', async () => {
      await postBod(spec);
      await postBod({ ...spec, bodId: uniqueName('bod') });
      expect(await confirmationsFor(order.amazon.orderId)).toHaveLength(1);
    });

    it('edits the package under the same packageReferenceId when a higher variation corrects the tracking number', async () => {
      await postBod({ ...spec, bodId: uniqueName('bod'), variation: 2, packages: [{ ...spec.packages[0]!, tracking: '1Z999AA10123456799' }] });
      const confirmations = await confirmationsFor(order.amazon.orderId);
      expect(confirmations).toHaveLength(2);
      expect(confirmations[1]!.body.packageDetail.packageReferenceId).toBe(confirmations[0]!.body.packageDetail.packageReferenceId);
      expect(confirmations[1]!.body.packageDetail.trackingNumber).toBe('1Z999AA10123456799');
      const amazon = AmazonOrderSchema.parse(await http(`${sandbox.amazon.url}/_sim/orders/${order.amazon.orderId}`));
      expect(amazon.packages).toHaveLength(1);
    });

    it('drops a lower variation arriving late, and records that it did', async () => {
      const counters = new FlowCounterStore(createTableAccess(sandbox.connectionString));
      const staleBefore = (await counters.day(new Date().toISOString().slice(0, 10))).filter((c) => c.flow === 'ion-bods' && c.outcome === 'stale-dropped').reduce((n, c) => n + c.count, 0);
      await postBod({ ...spec, bodId: uniqueName('bod'), variation: 1, packages: [{ ...spec.packages[0]!, tracking: 'STALE-TRACKING' }] });
      expect(await confirmationsFor(order.amazon.orderId)).toHaveLength(2);
      const staleAfter = (await counters.day(new Date().toISOString().slice(0, 10))).filter((c) => c.flow === 'ion-bods' && c.outcome === 'stale-dropped').reduce((n, c) => n + c.count, 0);
      expect(staleAfter).toBeGreaterThan(staleBefore);
    });
  });

  it('sends two confirmations for a shipment in two packages', async () => {
    const order = await createOrder((o) => linesOf(o).length >= 2 || linesOf(o).some((l) => l.quantity >= 2));
    const lines = linesOf(order.m3);
    const [first, ...rest] = lines.length >= 2 ? [[lines[0]!], lines.slice(1)] : [[{ ...lines[0]!, quantity: 1 }], [{ ...lines[0]!, quantity: lines[0]!.quantity - 1 }]];
    const spec: ShipmentSpec = {
      bodId: uniqueName('bod'), documentId: `D${order.m3.ORNO}`, variation: 1, shippedAt: '2026-03-02T10:00:00.000Z', carrier: { code: 'SPEDX', name: 'Spedition Xaver', service: 'LTL' },
      packages: [{ id: 'PK-1', tracking: 'TRK-0001', lines: first! }, { id: 'PK-2', tracking: 'TRK-0002', lines: rest[0]! }],
    };
    await postBod(spec);
    const confirmations = await confirmationsFor(order.amazon.orderId);
    expect(confirmations.map((c) => c.body.packageDetail.trackingNumber).sort()).toEqual(['TRK-0001', 'TRK-0002']);
    expect(new Set(confirmations.map((c) => c.body.packageDetail.packageReferenceId)).size).toBe(2);
    // An M3 forwarding agent the mappings do not know goes as Other + its name (docs/amazon-facts.md, Shipment confirmation).
    expect(confirmations[0]!.body.packageDetail).toMatchObject({ carrierCode: 'Other', carrierName: 'Spedition Xaver' });
  });

  it('stops a shipment at the first credential refusal with one alert, and sends every package once re-driven', async () => {
    const order = await createOrder((o) => linesOf(o).length >= 2 || linesOf(o).some((l) => l.quantity >= 2));
    const lines = linesOf(order.m3);
    const [first, ...rest] = lines.length >= 2 ? [[lines[0]!], lines.slice(1)] : [[{ ...lines[0]!, quantity: 1 }], [{ ...lines[0]!, quantity: lines[0]!.quantity - 1 }]];
    const spec: ShipmentSpec = {
      bodId: uniqueName('bod'), documentId: `D${order.m3.ORNO}`, variation: 1, shippedAt: '2026-03-02T11:00:00.000Z', carrier: UPS,
      packages: [{ id: 'PK-1', tracking: 'TRK-AUTH-1', lines: first! }, { id: 'PK-2', tracking: 'TRK-AUTH-2', lines: rest[0]! }],
    };
    // Refused twice: the app refreshes its token once, then takes the second 403 as a real permission problem.
    const refused = { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] }, times: 2 };
    await http(`${sandbox.amazon.url}/_sim/faults`, { operations: { confirmShipment: refused } });
    try {
      await postBod(spec);
    } finally {
      await http(`${sandbox.amazon.url}/_sim/faults`, {});
    }
    // Nothing reached Amazon: the second package was not tried with the refused credentials.
    expect(await confirmationsFor(order.amazon.orderId)).toEqual([]);
    const parked = await new ParkedStore(createTableAccess(sandbox.connectionString)).get('shipment-confirmation', spec.documentId);
    expect(parked).toMatchObject({ reason: 'AUTH_FAILED', status: 'parked' });

    await http(`${sandbox.url}/api/ops/parked/shipment-confirmation/${encodeURIComponent(spec.documentId)}/redrive`, {}, { 'x-api-key': sandbox.opsKey });
    await idle();
    const confirmations = await confirmationsFor(order.amazon.orderId);
    expect(confirmations.map((c) => c.body.packageDetail.trackingNumber).sort()).toEqual(['TRK-AUTH-1', 'TRK-AUTH-2']);
  });

  it('sends a backlog as one POST_ORDER_FULFILLMENT_DATA feed and lands each message result on its shipment', async () => {
    const orders = [await createOrder(), await createOrder(), await createOrder()];
    // Amazon cancels the third order after M3 created it: its message in the feed must fail, the others succeed.
    const canceled = orders[2]!;
    const stored = z.record(z.unknown()).parse(await http(`${sandbox.amazon.url}/_sim/orders/${canceled.amazon.orderId}`));
    await http(`${sandbox.amazon.url}/_sim/orders`, { ...stored, lastUpdatedTime: '2026-03-02T10:30:00Z', fulfillment: { ...z.record(z.unknown()).parse(stored.fulfillment), fulfillmentStatus: 'CANCELLED' } });
    await idle();

    // Threshold 0: every confirmation waits for a feed (operators tune it per seller × region the same way).
    const engine = sandbox.host.durable!;
    const clientInput = df.input.durableClient();
    const context = new InvocationContext({ functionName: 'test-client', options: { extraInputs: [clientInput] } });
    context.extraInputs.set(clientInput, engine.clientInputData());
    await df.getClient(context).signalEntity(new df.EntityId(FEED_BATCH_ENTITY, `${sandbox.sellerId}:NA`), 'configure', { threshold: 0 });
    await idle();

    const feedsBefore = z.array(z.object({ feedType: z.string() })).parse(await http(`${sandbox.amazon.url}/_sim/feeds`)).filter((f) => f.feedType === 'POST_ORDER_FULFILLMENT_DATA').length;
    for (const [i, o] of orders.entries()) {
      await http(`${sandbox.url}/api/ion/bods`, shipmentBodXml({
        bodId: uniqueName('bod'), documentId: `D${o.m3.ORNO}`, variation: 1, shippedAt: '2026-03-02T11:00:00.000Z', carrier: UPS,
        packages: [{ id: 'PK-1', tracking: `FEEDTRK-${i}`, lines: linesOf(o.m3) }],
      }), { 'x-api-key': sandbox.intakeKey });
    }
    await idle();
    expect(await confirmationsFor(orders[0]!.amazon.orderId)).toHaveLength(0);
    await clock.advance(61_000); // the feed's collection window
    await idle();
    await clock.advance(31_000); // the first getFeed poll
    await idle();

    const feeds = z.array(z.object({ feedId: z.string(), feedType: z.string(), processingStatus: z.string(), messages: z.array(z.unknown()) })).parse(await http(`${sandbox.amazon.url}/_sim/feeds`)).filter((f) => f.feedType === 'POST_ORDER_FULFILLMENT_DATA');
    expect(feeds).toHaveLength(feedsBefore + 1);
    expect(feeds.at(-1)).toMatchObject({ processingStatus: 'DONE' });
    expect(feeds.at(-1)!.messages).toHaveLength(3);

    for (const o of orders.slice(0, 2)) {
      const confirmations = await confirmationsFor(o.amazon.orderId);
      expect(confirmations).toHaveLength(1);
      expect(confirmations[0]!.body.packageDetail.packageReferenceId).toBe(packageReferenceId(`D${o.m3.ORNO}`, 'PK-1'));
      expect(confirmations[0]!.body.packageDetail.orderItems).toEqual(expectedItems(o.amazon, o.m3, linesOf(o.m3)));
    }
    expect(await confirmationsFor(canceled.amazon.orderId)).toHaveLength(0);
    const parked = await new ParkedStore(createTableAccess(sandbox.connectionString)).list({ flow: 'shipment-confirmation', reason: 'AMAZON_REJECTED' });
    const rejection = parked.find((p) => p.id === `D${canceled.m3.ORNO}:PK-1:${canceled.amazon.orderId}`);
    expect(rejection?.message).toMatch(/canceled/i);
    expect(parked.filter((p) => orders.slice(0, 2).some((o) => p.id.includes(o.amazon.orderId)))).toEqual([]);
  });
});
