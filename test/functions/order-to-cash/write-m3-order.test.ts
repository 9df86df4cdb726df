/** The M3 write path in bulk round trips against the M3 simulator: fixed round trips whatever the line count, exactly once, refusals never confirm a partial order. */
import { createM3ClientFromIonApi, type M3Client } from '../../../connectors/m3/m3-client';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { createTableAccess } from '../../../connectors/storage';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import { planOrder } from '../../../core/orders/plan-order';
import { toMiCalls } from '../../../core/orders/structured-order-plan';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { simOrderPorts } from './sim-order-ports';
import { writeM3Order } from '../../../functions/order-to-cash/write-m3-order';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const SKUS = Array.from({ length: 15 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

describe('writeM3Order through the MI bulk endpoint', () => {
  let sim: M3Simulator;
  let client: M3Client;
  const mappings = loadShippedMappings();
  const tables = createTableAccess(azuriteConnectionString());

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: m3SeedFromMappings(mappings) });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
    await client.execute('OIS100MI', 'SearchHead', { SQRY: 'CUOR:"warm-up"' }); // token fetched once, outside the counts
  });
  afterAll(async () => { await sim?.close(); });
  beforeEach(async () => {
    await sim.reset();
    await fetch(`${sim.url}/_sim/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SKUS.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' }))) });
  });

  function ports(linkTable = uniqueName('links')): OrderPorts {
    return simOrderPorts(client, tables, mappings, { links: linkTable });
  }

  function orderWith(lines: number, seed: number, withMappings: Mappings = mappings) {
    const [generated] = generateOrders({ seed, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0, giftRate: 0 });
    const items = (generated.orderItems as Array<Record<string, unknown>>);
    const many = Array.from({ length: lines }, (_, i) => ({ ...items[0], orderItemId: `${900000 + i}`, product: { ...(items[0].product as Record<string, unknown>), sellerSku: SKUS[i % SKUS.length] } }));
    const body = { order: { ...generated, orderItems: many } };
    const order = toCanonicalOrder(body);
    const plan = planOrder(order, withMappings, { items: new Map(SKUS.map((s) => [s, s])) });
    const skuLines = order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity }));
    return { order, plan, skuLines, ids: { sellerId: 'S1', amazonOrderId: order.orderId, marketplaceId: order.marketplaceId ?? '' } };
  }

  it.each([1, 12])('creates an order of %i line(s), with line charges and custom fields, in 4 round trips', async (lineCount) => {
    const { plan, skuLines, ids } = orderWith(lineCount, 11);
    expect(toMiCalls(plan).some((c) => c.transaction === 'AddBatchLineChg')).toBe(true);
    const before = sim.stats().roundTrips;
    const result = await writeM3Order(ids, plan, skuLines, ports());
    expect(result).toMatchObject({ kind: 'created', lines: lineCount });
    expect(sim.stats().roundTrips - before).toBe(4);
    const [m3] = Object.values(sim.state.orders);
    expect(m3?.lines).toHaveLength(lineCount);
  });

  it('needs 3 round trips when the mapping has no custom fields', async () => {
    const plain: Mappings = { ...mappings, customFields: [] };
    const { plan, skuLines, ids } = orderWith(5, 12, plain);
    const before = sim.stats().roundTrips;
    expect(await writeM3Order(ids, plan, skuLines, ports())).toMatchObject({ kind: 'created', lines: 5 });
    expect(sim.stats().roundTrips - before).toBe(3);
  });

  it('puts each line charge on the line it follows', async () => {
    const { plan, skuLines, ids } = orderWith(3, 13);
    await writeM3Order(ids, plan, skuLines, ports());
    const [batch] = Object.values(sim.state.batchOrders);
    expect(batch?.charges.map((c) => c.PONR).sort()).toEqual(batch?.lines.map((l) => l.PONR).sort());
  });

  it('links an order M3 already has under its CUOR instead of creating it again, and drops the unused batch head', async () => {
    const { plan, skuLines, ids } = orderWith(2, 14);
    const first = await writeM3Order(ids, plan, skuLines, ports());
    expect(first.kind).toBe('created');
    // The link table is lost (another deployment, a restore): the CUOR look-up still finds the order.
    const again = await writeM3Order(ids, plan, skuLines, ports(uniqueName('links')));
    expect(again.kind).toBe('exists');
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect(Object.values(sim.state.batchOrders).filter((b) => b.STAT !== '90')).toHaveLength(0);
  });

  it('never confirms an order when M3 refuses one of its lines, and deletes the batch order', async () => {
    const { plan, skuLines, ids } = orderWith(3, 15);
    const [first, ...rest] = plan.create!.lines;
    const broken = { ...plan, create: { ...plan.create!, lines: [{ ...first!, line: { ...first!.line, params: { ...first!.line.params, ITNO: 'NO-SUCH-ITEM' } } }, ...rest] } };
    const result = await writeM3Order(ids, broken, skuLines, ports());
    expect(result).toMatchObject({ kind: 'rejected', reason: 'M3_REJECTED' });
    expect(Object.values(sim.state.orders)).toHaveLength(0);
    expect(Object.values(sim.state.batchOrders)).toHaveLength(0);
  });

  it('keeps and links an order whose line charge M3 refused, and reports it for an operator', async () => {
    const { plan, skuLines, ids } = orderWith(2, 16);
    sim.configureFaults({ transactions: { 'OIS100MI/AddBatchLineChg': { nok: { message: 'Charge FRT does not exist', code: 'WCR0103', field: 'CRID' }, times: 1 } } });
    const p = ports();
    const result = await writeM3Order(ids, plan, skuLines, p);
    sim.configureFaults({});
    expect(result).toMatchObject({ kind: 'rejected', reason: 'M3_CHARGE_REFUSED' });
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect((await p.links.get('S1', ids.amazonOrderId))?.status).toBe('created');
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'exists' });
  });

  it('creates nothing when M3 stops the bulk request at a refused line charge before Confirm, and keeps the batch order linked for the re-drive', async () => {
    const { plan, skuLines, ids } = orderWith(2, 16);
    sim.configureFaults({ bulkStopOnFailure: true, transactions: { 'OIS100MI/AddBatchLineChg': { nok: { message: 'Charge FRT does not exist', code: 'WCR0103', field: 'CRID' }, times: 1 } } });
    const result = await writeM3Order(ids, plan, skuLines, ports());
    sim.configureFaults({});
    expect(result).toMatchObject({ kind: 'rejected', reason: 'M3_BATCH_REJECTED' });
    expect(result.kind === 'rejected' ? result.message : '').toContain('Charge FRT does not exist');
    expect(Object.values(sim.state.orders)).toHaveLength(0);
    expect(Object.values(sim.state.batchOrders)).toHaveLength(1);
  });

  it('creates one customer per buyer from the template, once, even when the order is written again', async () => {
    const perBuyer: Mappings = { ...mappings, customer: { policy: 'per-buyer', template: 'AMZUS', match: 'email', prefix: 'AZ' } };
    const { plan, skuLines, ids } = orderWith(2, 18, perBuyer);
    expect(plan.create?.customer).toMatchObject({ program: 'CRS610MI', transaction: 'Add' });
    const p = ports();
    const before = Object.keys(sim.state.customers).length;
    const result = await writeM3Order(ids, plan, skuLines, p);
    expect(result).toMatchObject({ kind: 'created' });
    expect(Object.keys(sim.state.customers)).toHaveLength(before + 1);
    const link = await p.links.get('S1', ids.amazonOrderId);
    const [m3] = Object.values(sim.state.orders);
    expect(m3?.CUNO).toBe(link?.customerNumber);
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'exists' });
    expect(Object.keys(sim.state.customers)).toHaveLength(before + 1);
  });

  describe('per-buyer customers under a number derived from the buyer', () => {
    const perBuyer: Mappings = { ...mappings, customer: { policy: 'per-buyer', template: 'AMZUS', match: 'email', prefix: 'AZ' } };
    const sameBuyerAs = (source: ReturnType<typeof orderWith>, seed: number) => {
      const other = orderWith(1, seed, perBuyer);
      const order = { ...other.order, buyer: { ...other.order.buyer, email: source.order.buyer?.email } };
      return { ...other, order, plan: planOrder(order, perBuyer, { items: new Map(SKUS.map((s) => [s, s])) }) };
    };

    it('gives a returning buyer the customer of their first order', async () => {
      const first = orderWith(1, 21, perBuyer);
      const second = sameBuyerAs(first, 22);
      const before = Object.keys(sim.state.customers).length;
      expect(await writeM3Order(first.ids, first.plan, first.skuLines, ports())).toMatchObject({ kind: 'created' });
      expect(await writeM3Order(second.ids, second.plan, second.skuLines, ports())).toMatchObject({ kind: 'created' });
      expect(Object.keys(sim.state.customers)).toHaveLength(before + 1);
      const [a, b] = Object.values(sim.state.orders);
      expect(a?.CUNO).toMatch(/^AZ[A-Z2-7]{8}$/);
      expect(b?.CUNO).toBe(a?.CUNO);
    });

    it('creates no second customer when an earlier attempt crashed between CRS610MI.Add and the link write', async () => {
      const { plan, skuLines, ids } = orderWith(1, 23, perBuyer);
      const add = plan.create!.customer!;
      await client.execute(add.program, add.transaction, add.params); // the crashed attempt's Add; no link was written
      const before = Object.keys(sim.state.customers).length;
      expect(await writeM3Order(ids, plan, skuLines, ports())).toMatchObject({ kind: 'created' });
      expect(Object.keys(sim.state.customers)).toHaveLength(before);
      expect(Object.values(sim.state.orders)[0]?.CUNO).toBe(add.params.CUNO);
    });

    it('never merges a buyer into another buyer\'s customer under the same number: M3 numbers theirs instead', async () => {
      const { plan, skuLines, ids } = orderWith(1, 24, perBuyer);
      const add = plan.create!.customer!;
      await client.execute(add.program, add.transaction, { ...add.params, MAIL: 'someone.else@example.com' });
      const p = { ...ports(), mappings: async () => perBuyer };
      expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'created' });
      const [m3] = Object.values(sim.state.orders);
      expect(m3?.CUNO).toBeDefined();
      expect(m3?.CUNO).not.toBe(add.params.CUNO);
      expect(sim.state.customers[m3!.CUNO]?.MAIL).toBe(add.params.MAIL);
    });
  });

  it('links the order before its custom fields and completes them on the retry after M3 was unavailable', async () => {
    const { plan, skuLines, ids } = orderWith(1, 19);
    expect(toMiCalls(plan).some((c) => c.program === 'CUSEXTMI')).toBe(true);
    sim.configureFaults({ transactions: { 'CUSEXTMI/AddFieldValue': { status: 503, times: 1 } } });
    const p = ports();
    await expect(writeM3Order(ids, plan, skuLines, p)).rejects.toThrow();
    sim.configureFaults({});
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'created', customFieldsPending: true });
    expect(Object.keys(sim.state.extensionFields)).toHaveLength(0);
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'exists' });
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect(Object.keys(sim.state.extensionFields).length).toBeGreaterThan(0);
    expect((await p.links.get('S1', ids.amazonOrderId))?.customFieldsPending).toBe(false);
  });
});
