/** The order fetch planner: a burst is read by searchOrders pages, a single order by getOrder, and nothing is lost. */
import type { SearchOrdersQuery } from '../../../connectors/amazon';
import type { StoredWaitingOrder } from '../../../connectors/storage';
import { OrderSchema, type Order, type SearchOrdersResponse } from '../../../core/orders/amazon-order-2026';
import { DEFAULT_FETCH_OPTIONS, runFetchPlan, type FetchPorts, type HandOverInput, type PlannerMemory } from '../../../functions/order-fetch/fetch-planner';
import { HandedOverOrders } from '../../../functions/order-fetch/handed-over-orders';
import { generateOrders } from '../../../local/sim/amazon/order-generator';

const SELLER = 'A1SELLER';
const TARGET = { sellerId: SELLER, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'] };
/** Amazon's clock in these specs. */
const NOW = Date.parse('2026-12-07T12:00:00Z');

function saleDayOrders(count: number): Order[] {
  return generateOrders({ seed: 7, count, pendingRate: 0, cancelledRate: 0 }).map((raw, i) => {
    const at = new Date(NOW - 60_000 + i * 10).toISOString();
    return OrderSchema.parse({ ...raw, createdTime: at, lastUpdatedTime: at });
  });
}

/** Amazon as far as the planner sees it: searchOrders over a set of orders, every query checked against the model's rules. */
class FakeAmazon {
  readonly queries: SearchOrdersQuery[] = [];
  /** The 1-based numbers of the calls that fail (Amazon answers 5xx after the client's retries). */
  readonly failCalls = new Set<number>();
  constructor(private readonly orders: Order[]) {}

  search(query: SearchOrdersQuery): SearchOrdersResponse {
    this.queries.push(query);
    if (this.failCalls.has(this.queries.length)) throw new Error('searchOrders failed');
    expect(query.createdAfter).toBeUndefined();
    expect(query.lastUpdatedAfter).toEqual(expect.any(String));
    if (query.lastUpdatedBefore) expect(Date.parse(query.lastUpdatedBefore)).toBeLessThanOrEqual(NOW - 120_000);
    expect(query.maxResultsPerPage).toBeLessThanOrEqual(100);
    expect(query.includedData).toEqual(expect.arrayContaining(['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT']));
    const after = Date.parse(query.lastUpdatedAfter!);
    const matching = this.orders.filter((o) => Date.parse(o.lastUpdatedTime) >= after).sort((a, b) => a.lastUpdatedTime.localeCompare(b.lastUpdatedTime));
    const offset = query.paginationToken ? Number(query.paginationToken) : 0;
    const size = query.maxResultsPerPage ?? 100;
    const next = offset + size < matching.length ? String(offset + size) : undefined;
    return { orders: matching.slice(offset, offset + size), lastUpdatedBefore: new Date(NOW).toISOString(), ...(next ? { pagination: { nextToken: next } } : {}) } as SearchOrdersResponse;
  }
}

interface World {
  amazon: FakeAmazon;
  rows: Map<string, StoredWaitingOrder>;
  handedOver: HandOverInput[];
  blobs: Map<string, string>;
  ports: FetchPorts;
}

function world(orders: Order[], announced: Order[], opts: { failHandOverAt?: number; failSearchCall?: number; skip?: Set<string> } = {}): World {
  const amazon = new FakeAmazon(orders);
  if (opts.failSearchCall) amazon.failCalls.add(opts.failSearchCall);
  const rows = new Map<string, StoredWaitingOrder>(announced.map((o, i) => [o.orderId, { amazonOrderId: o.orderId, marketplaceId: 'ATVPDKIKX0DER', changedAt: o.lastUpdatedTime, trigger: `notification-${i}`, etag: 'e1' }]));
  const handedOver: HandOverInput[] = [];
  const blobs = new Map<string, string>();
  let handOvers = 0;
  const ports: FetchPorts = {
    listWaiting: async () => [...rows.values()],
    removeWaiting: async (_queue, removed) => { for (const r of removed) rows.delete(r.amazonOrderId); },
    search: async (_target, query) => amazon.search(query),
    putClaimCheck: async (order) => { const ref = `order-claim-checks/${blobs.size}`; blobs.set(ref, JSON.stringify({ order })); return ref; },
    deleteClaimCheck: async (ref) => { blobs.delete(ref); },
    handOver: async (input) => {
      handOvers++;
      if (opts.failHandOverAt === handOvers) throw new Error('host killed');
      handedOver.push(input);
      return 'started';
    },
    reasonToSkip: async (_seller, order) => (opts.skip?.has(order.orderId) ? 'in-m3' : undefined),
  };
  return { amazon, rows, handedOver, blobs, ports };
}

function memory(promptGetOrders = 25): PlannerMemory {
  return { seen: new HandedOverOrders(), promptGetOrders: () => promptGetOrders, spentGetOrders: () => undefined, searchedUpTo: new Map(), unfinishedSearch: new Map() };
}

describe('order fetch planner', () => {
  it('reads a burst above the threshold by searchOrders pages: 250 orders in 3 calls, each handed over as a claim check', async () => {
    const orders = saleDayOrders(250);
    const w = world(orders, orders);
    const summary = await runFetchPlan(TARGET, w.ports, memory());
    expect(w.amazon.queries).toHaveLength(3);
    expect(summary).toMatchObject({ pages: 3, fromPages: 250, byGetOrder: 0, unannounced: 0 });
    expect(w.handedOver.map((h) => h.amazonOrderId).sort()).toEqual(orders.map((o) => o.orderId).sort());
    expect(w.handedOver.every((h) => h.claimCheck !== undefined)).toBe(true);
    expect(w.rows.size).toBe(0);
  });

  it('still reads a single order by getOrder: handed over without data, no search', async () => {
    const orders = saleDayOrders(1);
    const w = world(orders, orders);
    const summary = await runFetchPlan(TARGET, w.ports, memory());
    expect(w.amazon.queries).toHaveLength(0);
    expect(summary).toMatchObject({ pages: 0, byGetOrder: 1 });
    expect(w.handedOver).toEqual([{ sellerId: SELLER, amazonOrderId: orders[0]!.orderId, marketplaceId: 'ATVPDKIKX0DER', trigger: 'notification-0' }]);
    expect(w.rows.size).toBe(0);
  });

  it('reads by pages as soon as more wait than getOrder can serve promptly', async () => {
    const orders = saleDayOrders(8);
    const w = world(orders, orders);
    await runFetchPlan(TARGET, w.ports, memory(3));
    expect(w.amazon.queries).toHaveLength(1);
    expect(w.handedOver.every((h) => h.claimCheck !== undefined)).toBe(true);
  });

  it('starts the orders on a page that nobody announced, except those that need nothing', async () => {
    const orders = saleDayOrders(60);
    const announced = orders.slice(0, 30);
    const inM3 = orders[45]!.orderId;
    const w = world(orders, announced, { skip: new Set([inM3]) });
    const summary = await runFetchPlan(TARGET, w.ports, memory());
    expect(summary).toMatchObject({ fromPages: 30, unannounced: 29, skipped: 1 });
    const started = new Set(w.handedOver.map((h) => h.amazonOrderId));
    expect(started.size).toBe(59);
    expect(started.has(inM3)).toBe(false);
    expect(w.handedOver.filter((h) => h.trigger === 'page')).toHaveLength(29);
  });

  it('loses nothing when the host dies between a page and its hand-over: the next run hands over what is left', async () => {
    const orders = saleDayOrders(150);
    const w = world(orders, orders, { failHandOverAt: 120 });
    await expect(runFetchPlan(TARGET, w.ports, memory())).rejects.toThrow('host killed');
    expect(w.rows.size).toBeGreaterThan(0);
    // A restarted process remembers nothing; the waiting rows are the record.
    await runFetchPlan(TARGET, w.ports, memory());
    expect(w.rows.size).toBe(0);
    expect(new Set(w.handedOver.map((h) => h.amazonOrderId))).toEqual(new Set(orders.map((o) => o.orderId)));
  });

  it('puts no buyer data into what the orchestration receives: only ids and the claim check name', async () => {
    const orders = saleDayOrders(40);
    const w = world(orders, orders);
    await runFetchPlan(TARGET, w.ports, memory());
    const history = JSON.stringify(w.handedOver);
    for (const order of orders) {
      for (const value of [order.buyer?.buyerName, order.buyer?.buyerEmail, order.recipient?.deliveryAddress?.name, order.recipient?.deliveryAddress?.addressLine1, order.recipient?.deliveryAddress?.phone]) {
        if (value) expect(history).not.toContain(value);
      }
    }
    for (const h of w.handedOver) expect(Object.keys(h).sort()).toEqual(['amazonOrderId', 'claimCheck', 'marketplaceId', 'sellerId', 'trigger']);
    // The order itself (personal data included) is in the claim check only.
    expect([...w.blobs.values()].some((b) => b.includes(orders[0]!.buyer!.buyerName!))).toBe(true);
  });

  it('does not fetch again what a page covered: the late notification of a handed-over order costs nothing', async () => {
    const orders = saleDayOrders(50);
    const w = world(orders, orders.slice(0, 25));
    const mem = memory();
    await runFetchPlan(TARGET, w.ports, mem);
    const handed = w.handedOver.length;
    // The other 25 notifications arrive after the page that started their orders.
    for (const o of orders.slice(25)) w.rows.set(o.orderId, { amazonOrderId: o.orderId, changedAt: o.lastUpdatedTime, trigger: 'late', etag: 'e2' });
    const summary = await runFetchPlan(TARGET, w.ports, mem);
    expect(summary).toMatchObject({ covered: 25, pages: 0, byGetOrder: 0 });
    expect(w.handedOver).toHaveLength(handed);
    expect(w.rows.size).toBe(0);
  });

  it('keeps paging when one hand-over fails: the other orders go on, the failed one is handed over by the next run', async () => {
    const orders = saleDayOrders(300);
    const w = world(orders, orders, { failHandOverAt: 50 });
    const mem = memory();
    await expect(runFetchPlan(TARGET, w.ports, mem)).rejects.toThrow('host killed');
    // Every page was read once, and only the order whose hand-over failed still waits.
    expect(w.amazon.queries).toHaveLength(3);
    expect(w.rows.size).toBe(1);
    const summary = await runFetchPlan(TARGET, w.ports, mem);
    expect(summary).toMatchObject({ pages: 0, byGetOrder: 1 });
    expect(w.amazon.queries).toHaveLength(3);
    expect(new Set(w.handedOver.map((h) => h.amazonOrderId))).toEqual(new Set(orders.map((o) => o.orderId)));
  });

  it('goes on from the next page after a failed searchOrders call instead of asking for the first pages again', async () => {
    const orders = saleDayOrders(500);
    const w = world(orders, orders, { failSearchCall: 3 });
    const mem = memory();
    await expect(runFetchPlan(TARGET, w.ports, mem)).rejects.toThrow('searchOrders failed');
    await runFetchPlan(TARGET, w.ports, mem);
    // Five pages and the one failed call: no page asked twice, so a 2,000-order burst still fits Amazon's 20.
    expect(w.amazon.queries).toHaveLength(6);
    expect(w.amazon.queries.filter((q) => q.paginationToken === undefined)).toHaveLength(1);
    expect(w.rows.size).toBe(0);
    expect(new Set(w.handedOver.map((h) => h.amazonOrderId)).size).toBe(500);
  });

  it('leaves what a page limit did not reach waiting for the rest of the search, not for getOrder', async () => {
    const orders = saleDayOrders(250);
    const w = world(orders, orders);
    const summary = await runFetchPlan(TARGET, w.ports, memory(), { ...DEFAULT_FETCH_OPTIONS, maxPages: 2 });
    expect(w.amazon.queries).toHaveLength(3);
    expect(w.amazon.queries.filter((q) => q.paginationToken === undefined)).toHaveLength(1);
    expect(summary).toMatchObject({ pages: 3, fromPages: 250, byGetOrder: 0 });
    expect(w.rows.size).toBe(0);
  });

  it('warms the item look-up with each page\'s SKUs before handing its orders over, and hands them over when that fails', async () => {
    const orders = saleDayOrders(150);
    const w = world(orders, orders);
    const warmed: string[][] = [];
    let handedWhenWarmed = -1;
    w.ports.warmItems = async (skus) => {
      if (handedWhenWarmed < 0) handedWhenWarmed = w.handedOver.length;
      warmed.push(skus);
      throw new Error('M3 is down');
    };
    await runFetchPlan(TARGET, w.ports, memory());
    expect(warmed).toHaveLength(2);
    expect(handedWhenWarmed).toBe(0);
    const pageSkus = new Set(orders.slice(0, 100).flatMap((o) => o.orderItems.map((i) => i.product.sellerSku)));
    expect(new Set(warmed[0])).toEqual(pageSkus);
    expect(w.handedOver).toHaveLength(150);
  });
});
