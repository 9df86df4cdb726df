/**
 * One writer per Amazon order, and unknown outcome means look, never delete — the M3 write path against the M3
 * simulator: concurrent writers confirm once, a lost Confirm reply is found again, a refused batch order stays linked
 * and is continued, a SearchHead hit counts only when its head carries the Amazon order id, and no buyer value
 * reaches an error message in any case or spacing.
 */
import { createM3ClientFromIonApi, type BulkCall, type M3Client } from '../../../connectors/m3/m3-client';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { createTableAccess } from '../../../connectors/storage';
import { TransientError } from '../../../core/errors';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import { planOrder } from '../../../core/orders/plan-order';
import { toMiCalls } from '../../../core/orders/structured-order-plan';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { simOrderPorts } from './sim-order-ports';
import { writeM3Order } from '../../../functions/order-to-cash/write-m3-order';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const SKUS = ['SKU-0001', 'SKU-0002', 'SKU-0003'];

describe('one writer per Amazon order; unknown outcome means look, never delete', () => {
  let sim: M3Simulator;
  let client: M3Client;
  const mappings = loadShippedMappings();
  const tables = createTableAccess(azuriteConnectionString());

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: m3SeedFromMappings(mappings) });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
  });
  afterAll(async () => { await sim?.close(); });
  beforeEach(async () => {
    await sim.reset();
    await seedItems(SKUS.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })));
  });

  async function seedItems(items: Array<{ ITNO: string; ITDS: string; STAT: string }>): Promise<void> {
    await fetch(`${sim.url}/_sim/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(items) });
  }

  type Bulk = (program: string, calls: BulkCall[]) => ReturnType<M3Client['executeBulk']>;
  /** Ports of one orchestration instance (`owner`); links and leases shared through the table names. */
  function ports(owner: string, shared: { links: string; leases: string }, wrapBulk: (bulk: Bulk) => Bulk = (b) => b): OrderPorts {
    return simOrderPorts(client, tables, mappings, { owner, links: shared.links, leases: shared.leases, wrapBulk });
  }

  function tablesFor(): { links: string; leases: string } {
    return { links: uniqueName('links'), leases: uniqueName('leases') };
  }

  function orderWith(seed: number, sku = SKUS[0]!) {
    const [generated] = generateOrders({ seed, count: 1, skus: [sku], pendingRate: 0, cancelledRate: 0, giftRate: 0 });
    const order = toCanonicalOrder({ order: generated });
    const plan = planOrder(order, mappings, { items: new Map([...SKUS, sku].map((s) => [s, s])) });
    const skuLines = order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity }));
    return { order, plan, skuLines, ids: { sellerId: 'S1', amazonOrderId: order.orderId, marketplaceId: order.marketplaceId ?? '' } };
  }

  const calls = (key: string): number => sim.stats().calls[key] ?? 0;

  it('lets two concurrent writers of one order (an instance and its restart) confirm exactly once', async () => {
    const { plan, skuLines, ids } = orderWith(31);
    const shared = tablesFor();
    const results = await Promise.allSettled([
      writeM3Order(ids, plan, skuLines, ports(`o2c:S1:${ids.amazonOrderId}`, shared)),
      writeM3Order(ids, plan, skuLines, ports(`o2c:S1:${ids.amazonOrderId}~restart-1`, shared)),
    ]);
    expect(calls('OIS100MI/Confirm')).toBe(1);
    expect(calls('OIS100MI/AddBatchHead')).toBe(1);
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const r of refused) expect(r.reason).toMatchObject({ kind: 'transient', code: 'ORDER_LEASE_HELD' });
    // The writer that waited retries later and finds the order, instead of writing it again.
    expect(await writeM3Order(ids, plan, skuLines, ports(`o2c:S1:${ids.amazonOrderId}~restart-1`, shared))).toMatchObject({ kind: 'exists' });
    expect(calls('OIS100MI/Confirm')).toBe(1);
  });

  it('after a lost Confirm reply, finds the order M3 created by its exact CUOR and deletes nothing', async () => {
    const { plan, skuLines, ids } = orderWith(32);
    const p = ports('o2c:S1:lost-reply', tablesFor());
    sim.configureFaults({ transactions: { 'OIS100MI/Confirm': { dropAfterCommit: true, times: 1 } } });
    await expect(writeM3Order(ids, plan, skuLines, p)).rejects.toMatchObject({ kind: 'transient' });
    sim.configureFaults({});
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'creating', batchPhase: 'confirm' });
    const [created] = Object.values(sim.state.orders);
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'exists', m3OrderNumber: created!.ORNO });
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect(calls('OIS100MI/DelBatchHead')).toBe(0);
    expect(calls('OIS100MI/AddBatchHead')).toBe(1);
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'created', m3OrderNumber: created!.ORNO });
  });

  it('sends Confirm again on the same batch order when the request never reached M3, opening no second one', async () => {
    const { plan, skuLines, ids } = orderWith(33);
    const shared = tablesFor();
    let failNextConfirm = true;
    const p = ports('o2c:S1:no-confirm', shared, (bulk) => async (program, batch) => {
      if (failNextConfirm && batch.some((c) => c.transaction === 'Confirm')) {
        failNextConfirm = false;
        throw new TransientError('M3 OIS100MI.bulk: timed out', { code: 'TIMEOUT', system: 'm3' });
      }
      return bulk(program, batch);
    });
    await expect(writeM3Order(ids, plan, skuLines, p)).rejects.toMatchObject({ code: 'TIMEOUT' });
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'created' });
    expect(calls('OIS100MI/AddBatchHead')).toBe(1);
    expect(calls('OIS100MI/DelBatchHead')).toBe(0);
    const [batch] = Object.values(sim.state.batchOrders);
    expect(batch?.STAT).toBe('90');
    expect(batch?.charges.filter((c) => c.PONR !== undefined)).toHaveLength(toMiCalls(plan).filter((c) => c.transaction === 'AddBatchLineChg').length);
  });

  it('keeps a batch order M3 refused linked, and a re-drive continues it instead of opening a second one', async () => {
    await seedItems([{ ITNO: 'SKU-HELD', ITDS: 'held item', STAT: '10' }]);
    const { plan, skuLines, ids } = orderWith(34, 'SKU-HELD');
    const p = ports('o2c:S1:refused', tablesFor());
    const first = await writeM3Order(ids, plan, skuLines, p);
    expect(first).toMatchObject({ kind: 'rejected', reason: 'M3_BATCH_REJECTED' });
    const link = await p.links.get('S1', ids.amazonOrderId);
    expect(link).toMatchObject({ status: 'failed', batchPhase: 'confirm' });
    expect(sim.state.batchOrders[link!.tempOrderNumber]?.STAT).toBe('25');
    // The operator releases the item in M3 and re-drives: the same batch order is confirmed.
    await seedItems([{ ITNO: 'SKU-HELD', ITDS: 'held item', STAT: '20' }]);
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ kind: 'created' });
    expect(calls('OIS100MI/AddBatchHead')).toBe(1);
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect(Object.values(sim.state.orders)[0]?.tempORNO).toBe(link!.tempOrderNumber);
  });

  it('removes a still-refused batch order explicitly before a re-drive opens another, so two never exist', async () => {
    await seedItems([{ ITNO: 'SKU-HELD', ITDS: 'held item', STAT: '10' }]);
    const { plan, skuLines, ids } = orderWith(35, 'SKU-HELD');
    const p = ports('o2c:S1:still-refused', tablesFor());
    expect(await writeM3Order(ids, plan, skuLines, p)).toMatchObject({ reason: 'M3_BATCH_REJECTED' });
    const again = await writeM3Order(ids, plan, skuLines, p);
    expect(again).toMatchObject({ reason: 'M3_BATCH_REJECTED' });
    expect(calls('OIS100MI/DelBatchHead')).toBe(1);
    expect(Object.values(sim.state.batchOrders)).toHaveLength(1);
    expect(Object.values(sim.state.orders)).toHaveLength(0);
  });

  it('counts a SearchHead hit as ours only when the head of that order carries the Amazon order id', async () => {
    const other = orderWith(36);
    const shared = tablesFor();
    const created = await writeM3Order(other.ids, other.plan, other.skuLines, ports('o2c:S1:other', shared));
    expect(created.kind).toBe('created');
    const otherNumber = created.kind === 'created' ? created.m3OrderNumber : '';
    // A loose search index answers another order for this CUOR (SearchHead returns no CUOR to check it against).
    const loose = ports('o2c:S1:mine', shared, (bulk) => async (program, batch) => {
      const outcomes = await bulk(program, batch);
      return outcomes.map((o) => (o.ok && o.transaction === 'SearchHead' ? { ...o, records: [{ ORNO: otherNumber }] } : o));
    });
    const mine = orderWith(37);
    expect(await writeM3Order(mine.ids, mine.plan, mine.skuLines, loose)).toMatchObject({ kind: 'created' });
    expect(Object.values(sim.state.orders)).toHaveLength(2);
  });

  it('cuts the buyer out of M3 batch messages whatever case or spacing M3 wrote the name in', async () => {
    const { plan, skuLines, ids } = orderWith(38);
    const name = toMiCalls(plan).find((c) => c.transaction === 'AddBatchAddress')?.params.CUNM ?? '';
    expect(name.length).toBeGreaterThan(2);
    const shouted = name.toUpperCase().split(/\s+/).join('  ');
    sim.configureFaults({ transactions: { 'OIS100MI/Confirm': { nok: { message: `Delivery address of ${shouted} is incomplete`, code: 'WAD0101', field: 'ADRT' }, times: 1 } } });
    const result = await writeM3Order(ids, plan, skuLines, ports('o2c:S1:pii', tablesFor()));
    sim.configureFaults({});
    expect(result).toMatchObject({ kind: 'rejected', reason: 'M3_BATCH_REJECTED' });
    const message = result.kind === 'rejected' ? result.message : '';
    expect(message).toContain('[redacted]');
    for (const word of name.split(/\s+/).filter((w) => w.length > 2)) expect(message.toLowerCase()).not.toContain(word.toLowerCase());
  });
});
