/**
 * A Confirm M3 answers before its batch job has transferred the batch order: the order flow waits and looks again
 * (a transient outcome, retried with backoff), never parks the order as refused, never confirms it twice and never
 * removes the batch order; only a batch order whose status or messages show a refusal is parked.
 */
import { createM3ClientFromIonApi, type M3Client } from '../../../connectors/m3/m3-client';
import { parseIonApiFile } from '../../../connectors/m3/ionapi-file';
import { createTableAccess } from '../../../connectors/storage';
import { TransientError } from '../../../core/errors';
import { toCanonicalOrder } from '../../../core/orders/read-canonical-order';
import { planOrder } from '../../../core/orders/plan-order';
import { loadShippedMappings, m3SeedFromMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';
import type { OrderPorts } from '../../../functions/order-to-cash/order-ports';
import { simOrderPorts } from './sim-order-ports';
import { writeM3Order } from '../../../functions/order-to-cash/write-m3-order';
import type { WriteResult } from '../../../functions/order-to-cash/write-context';
import { azuriteConnectionString } from '../../support/storage';

const SKUS = ['LATE-0001', 'LATE-0002', 'LATE-0003'];
const BATCH_JOB_MS = 30_000;

describe('a Confirm that M3 finishes after answering it', () => {
  let sim: M3Simulator;
  let client: M3Client;
  let clock = Date.UTC(2026, 5, 1, 8, 0, 0);
  const mappings = loadShippedMappings();
  const tables = createTableAccess(azuriteConnectionString());

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: m3SeedFromMappings(mappings), now: () => clock });
    client = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', divi: 'AAA' });
  });
  afterAll(async () => { await sim?.close(); });
  beforeEach(async () => {
    await sim.reset();
    sim.configureFaults({ confirmDelayMs: BATCH_JOB_MS });
    await fetch(`${sim.url}/_sim/items`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(SKUS.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' }))) });
  });

  function ports(): OrderPorts {
    return simOrderPorts(client, tables, mappings, { owner: 'o2c:S1:late' });
  }

  function anOrder(seed: number) {
    const [generated] = generateOrders({ seed, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0, giftRate: 0 });
    const order = toCanonicalOrder({ order: generated });
    const plan = planOrder(order, mappings, { items: new Map(SKUS.map((s) => [s, s])) });
    const skuLines = order.lines.map((l) => ({ orderItemId: l.orderItemId, sku: l.sku ?? '', quantity: l.quantity }));
    return { order, plan, skuLines, ids: { sellerId: 'S1', amazonOrderId: order.orderId, marketplaceId: order.marketplaceId ?? '' } };
  }

  /** One attempt of the activity: a transient error is what the orchestrator retries with backoff. */
  async function attempt(run: () => Promise<WriteResult>): Promise<WriteResult | TransientError> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof TransientError) return error;
      throw error;
    }
  }

  const confirms = (): number => sim.stats().calls['OIS100MI/Confirm'] ?? 0;

  it('waits while M3 transfers the batch order, then creates the order exactly once without parking it', async () => {
    const { plan, skuLines, ids } = anOrder(41);
    const p = ports();
    const write = () => writeM3Order(ids, plan, skuLines, p);

    const first = await attempt(write);
    expect(first).toBeInstanceOf(TransientError);
    expect((first as TransientError).code).toBe('M3_BATCH_IN_PROGRESS');
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'creating', batchPhase: 'released' });

    // Looking again before the batch job has run: still waiting, and neither a second Confirm nor a removal.
    const confirmsSent = confirms();
    clock += BATCH_JOB_MS / 2;
    expect(await attempt(write)).toBeInstanceOf(TransientError);
    expect(confirms()).toBe(confirmsSent);
    expect(Object.values(sim.state.batchOrders)).toHaveLength(1);

    clock += BATCH_JOB_MS;
    const done = await attempt(write);
    expect(done).toMatchObject({ kind: 'created' });
    expect(Object.values(sim.state.orders)).toHaveLength(1);
    expect(Object.values(sim.state.orders)[0]?.CUOR).toBe(ids.amazonOrderId);
    expect(Object.values(sim.state.batchOrders).map((b) => b.STAT)).toEqual(['90']);
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'created', batchPhase: '', m3OrderNumber: Object.values(sim.state.orders)[0]?.ORNO });

    // Written again later (a duplicate notification): the same order, never a second one.
    expect(await attempt(write)).toMatchObject({ kind: 'exists' });
    expect(Object.values(sim.state.orders)).toHaveLength(1);
  });

  it('parks the order only when the finished batch job shows a refusal, with M3\'s message', async () => {
    const { plan, skuLines, ids } = anOrder(42);
    const customer = plan.create!.head.params.CUNO!;
    await fetch(`${sim.url}/_sim/customers`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify([{ ...sim.state.customers[customer], CUNO: customer, BLCD: '1' }]) });
    const p = ports();
    const write = () => writeM3Order(ids, plan, skuLines, p);

    expect(await attempt(write)).toBeInstanceOf(TransientError);
    clock += BATCH_JOB_MS;
    const refused = await attempt(write);
    expect(refused).toMatchObject({ kind: 'rejected', reason: 'M3_BATCH_REJECTED' });
    expect((refused as { message: string }).message).toMatch(/status 30.*stopped for credit/);
    expect(Object.values(sim.state.orders)).toHaveLength(0);
    expect(await p.links.get('S1', ids.amazonOrderId)).toMatchObject({ status: 'failed', tempOrderNumber: Object.keys(sim.state.batchOrders)[0] });
  });
});
