/**
 * The acceptance through the local host, the simulators and Azurite: every Amazon order becomes exactly one M3
 * customer order, whatever the delivery order or duplication of its notifications; parking, re-drive, cancellation,
 * pending orders; and no personal data outside M3.
 */
import Decimal from 'decimal.js';
import { memorySink } from '../../local/host';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { ParkedStore, createTableAccess } from '../../connectors/storage';
import { scanStorageForPii } from '../support/pii-scan';
import { getJson, m3Violations, postJson, startTestSandbox, type SimM3Order } from './sandbox-support';
import { notificationFor, personalDataOf, shuffled, withStatus, type AmazonOrder } from './order-fixtures';

const SKUS = Array.from({ length: 20 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);
const LONG_SKU = 'AMZ-BUNDLE-WITHOUT-M3-ITEM-01';

describe('order-to-cash: every Amazon order becomes exactly one M3 customer order', () => {
  let sandbox: Sandbox;
  const sink = memorySink();
  const allOrders: AmazonOrder[] = [];
  let notificationCount = 0;

  const notify = async (order: AmazonOrder, id = `n-${++notificationCount}`): Promise<number> =>
    (await postJson(`${sandbox.url}/api/amazon/notifications`, notificationFor(order, sandbox.sellerId, id), { 'x-api-key': sandbox.intakeKey })).status;
  const seed = async (order: AmazonOrder): Promise<void> => {
    const response = await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
    expect(response.status).toBeLessThan(300);
  };
  const m3Orders = (): Promise<SimM3Order[]> => getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
  const ordersFor = async (orderId: string): Promise<SimM3Order[]> => (await m3Orders()).filter((o) => o.CUOR === orderId);
  const idle = (): Promise<void> => sandbox.host.whenIdle({ timeoutMs: 120_000 });
  const parked = () => new ParkedStore(createTableAccess(sandbox.connectionString));
  /** Raises the re-drive event; a second re-drive of an order already created finds its instance completed (410). */
  const redrive = async (orderId: string, okStatuses = [202]): Promise<void> => {
    const instanceId = encodeURIComponent(`o2c:${sandbox.sellerId}:${orderId}`);
    const response = await fetch(`${sandbox.host.durable!.clientBaseUrl}instances/${instanceId}/raiseEvent/redrive`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(okStatuses).toContain(response.status);
  };

  beforeAll(async () => {
    // Notifications are posted by the test (duplicated, shuffled), not by the simulator.
    sandbox = await startTestSandbox({ sink, amazon: { notifyUrl: undefined } });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('creates exactly 50 M3 orders from 50 announced orders, 10 of them notified three times and out of order', async () => {
    const orders = generateOrders({ seed: 11, count: 50, skus: SKUS, pendingRate: 0, cancelledRate: 0, start: '2026-04-01T08:00:00Z' }) as AmazonOrder[];
    allOrders.push(...orders);
    for (const order of orders) await seed(order);
    const deliveries = orders.flatMap((order, i) => (i < 10 ? [order, order, order] : [order]).map((o, copy) => ({ order: o, id: `n-${o.orderId}-${copy === 0 ? 'a' : 'a'}` })));
    // The same NotificationId three times (SQS at-least-once), plus a second distinct notification for five of them.
    const extra = orders.slice(10, 15).map((o) => ({ order: o, id: `n-${o.orderId}-b` }));
    const statuses = await Promise.all(shuffled([...deliveries, ...extra], 5).map((d) => notify(d.order, d.id)));
    expect(statuses.every((s) => s === 202)).toBe(true);
    await idle();

    const created = await m3Orders();
    const ours = created.filter((o) => orders.some((a) => a.orderId === o.CUOR));
    expect(ours).toHaveLength(50);
    expect(new Set(ours.map((o) => o.CUOR)).size).toBe(50);
    for (const order of orders) {
      const [m3] = ours.filter((o) => o.CUOR === order.orderId);
      const items = order.orderItems as Array<{ quantityOrdered: number; product: { sellerSku: string; price: { unitPrice: { amount: string } } } }>;
      for (const item of items) {
        const line = m3!.lines.find((l) => l.ITNO === item.product.sellerSku);
        expect(line).toBeDefined();
        expect(Number(line!.ORQT)).toBe(item.quantityOrdered);
        // M3 answers numbers without trailing zeros (91.10 → 91.1): compare as exact decimals.
        expect(new Decimal(line!.SAPR).equals(item.product.price.unitPrice.amount)).toBe(true);
      }
      const address = (order.recipient as { deliveryAddress: { name: string; city: string; postalCode: string; countryCode: string } }).deliveryAddress;
      // Names longer than CUNM's 36 characters wrap at a word boundary onto the next line, never losing a word.
      expect(address.name.startsWith(m3!.address.CUNM!)).toBe(true);
      expect([...m3!.address.CUNM!].length).toBeLessThanOrEqual(36);
      expect(m3!.address.PONO).toBe(address.postalCode);
      expect(m3!.address.CSCD).toBe(address.countryCode);
    }
  });

  it('parks an order whose SKU has no M3 item, naming the SKU, and creates it once after the alias is added and it is re-driven', async () => {
    const [order] = generateOrders({ seed: 21, count: 1, skus: [LONG_SKU], pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    allOrders.push(order!);
    await seed(order!);
    await notify(order!);
    await idle();
    expect(await ordersFor(order!.orderId)).toHaveLength(0);
    const item = await parked().get('order-to-cash', order!.orderId);
    expect(item).toMatchObject({ reason: 'SKU_NOT_FOUND', status: 'parked' });
    expect(item!.message).toContain(LONG_SKU);

    await postJson(`${sandbox.m3.url}/_sim/aliases`, [{ ALWT: '2', POPN: LONG_SKU, ITNO: 'SKU-0001' }]);
    await redrive(order!.orderId);
    await idle();
    await redrive(order!.orderId, [202, 410]);
    await notify(order!);
    await idle();
    const created = await ordersFor(order!.orderId);
    expect(created).toHaveLength(1);
    expect(created[0]!.lines.map((l) => l.ITNO)).toContain('SKU-0001');
    expect((await parked().get('order-to-cash', order!.orderId))?.status).toBe('resolved');
  });

  it('creates nothing for an order canceled before it reached M3', async () => {
    const [order] = generateOrders({ seed: 31, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    const canceled = withStatus(order!, 'CANCELLED');
    allOrders.push(canceled);
    await seed(canceled);
    await notify(canceled);
    await idle();
    expect(await ordersFor(canceled.orderId)).toHaveLength(0);
  });

  it('waits on a pending order and creates it once Amazon reports it unshipped', async () => {
    const [order] = generateOrders({ seed: 41, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    const pending = withStatus(order!, 'PENDING');
    allOrders.push(order!);
    await seed(pending);
    await notify(pending);
    await idle();
    expect(await ordersFor(order!.orderId)).toHaveLength(0);

    const unshipped = withStatus(pending, 'UNSHIPPED');
    await seed(unshipped);
    await notify(unshipped);
    await idle();
    expect(await ordersFor(order!.orderId)).toHaveLength(1);
  });

  it('keeps buyer names, addresses, phones and e-mails out of logs, durable history, tables, blobs and queues', async () => {
    const values = [...new Set(allOrders.flatMap(personalDataOf))];
    expect(values.length).toBeGreaterThan(20);
    const logs = sink.entries.map((e) => JSON.stringify(e));
    expect(logs.length).toBeGreaterThan(50);
    expect(await scanStorageForPii(sandbox.connectionString, values, logs)).toEqual([]);
  });

  it('made every M3 MI call the way the MI repository describes it (no unknown, over-long or missing fields)', async () => {
    expect(await m3Violations(sandbox)).toEqual([]);
  });
});
