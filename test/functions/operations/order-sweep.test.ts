import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchOrdersQuery } from '../../../connectors/amazon';
import { OrderLinkSchema, type OrderLink } from '../../../connectors/storage';
import { loadMappingsText } from '../../../core/mapping/load-mappings';
import type { Mappings } from '../../../core/mapping/mappings-schema';
import { OrderSchema, SearchOrdersResponseSchema, type Order } from '../../../core/orders/amazon-order-2026';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { FIRST_SWEEP_LOOKBACK_MS, SWEEP_OVERLAP_MS, cursorName, reasonToSkip, sweepPage, sweepTarget, type SkipPorts, type SweepPorts } from '../../../functions/order-to-cash/sweep';

const target = { sellerId: 'A1', region: 'EU', marketplaceIds: ['A1PA6795UKMFR9'] };
const now = new Date('2026-06-01T12:00:00.000Z');
const all = generateOrders({ seed: 9, count: 5, marketplaceIds: ['A1PA6795UKMFR9'], start: '2026-06-01T09:00:00Z' });

class Cursors {
  readonly values = new Map<string, string>();
  async get(name: string): Promise<{ value: string } | undefined> { const v = this.values.get(name); return v ? { value: v } : undefined; }
  async advance(name: string, value: string): Promise<boolean> { if ((this.values.get(name) ?? '') >= value) return false; this.values.set(name, value); return true; }
}

function ports(options: { failOn?: string } = {}): SweepPorts & { queries: SearchOrdersQuery[]; handed: string[] } {
  const p = {
    queries: [] as SearchOrdersQuery[],
    handed: [] as string[],
    search: async (_t: typeof target, query: SearchOrdersQuery) => {
      p.queries.push(query);
      const second = query.paginationToken === 'page-2';
      return SearchOrdersResponseSchema.parse({
        orders: second ? all.slice(3) : all.slice(0, 3),
        pagination: second ? undefined : { nextToken: 'page-2' },
        lastUpdatedBefore: '2026-06-01T11:58:00Z',
      });
    },
    handOver: async (input: { amazonOrderId: string; trigger: string }) => {
      if (input.amazonOrderId === options.failOn) throw new Error('durable unavailable');
      p.handed.push(`${input.amazonOrderId}:${input.trigger}`);
      return 'started' as const;
    },
  };
  return p;
}

describe('amazon-order-sweep', () => {
  it('first looks back a day, hands every order over page by page and moves the cursor to what Amazon answered up to', async () => {
    const cursors = new Cursors();
    const p = ports();
    const summary = await sweepTarget(p, cursors, target, now);
    expect(p.queries[0]).toMatchObject({ lastUpdatedAfter: new Date(now.getTime() - FIRST_SWEEP_LOOKBACK_MS).toISOString(), marketplaceIds: ['A1PA6795UKMFR9'] });
    expect(p.queries[1]?.paginationToken).toBe('page-2');
    expect(p.handed).toEqual(all.map((o) => `${String(o.orderId)}:sweep`));
    expect(summary).toMatchObject({ pages: 2, orders: 5, started: 5, cursor: '2026-06-01T11:58:00.000Z' });
    expect(cursors.values.get(cursorName(target))).toBe('2026-06-01T11:58:00.000Z');
  });

  it('re-reads an overlap before the cursor on the next run', async () => {
    const cursors = new Cursors();
    cursors.values.set(cursorName(target), '2026-06-01T11:00:00.000Z');
    const p = ports();
    await sweepTarget(p, cursors, target, now);
    expect(p.queries[0]?.lastUpdatedAfter).toBe(new Date(Date.parse('2026-06-01T11:00:00Z') - SWEEP_OVERLAP_MS).toISOString());
  });

  it('leaves the cursor after the last page handed over when a hand-over fails', async () => {
    const cursors = new Cursors();
    const p = ports({ failOn: String(all[4]!.orderId) });
    await expect(sweepTarget(p, cursors, target, now)).rejects.toThrow('durable unavailable');
    const firstPageLatest = all.slice(0, 3).map((o) => new Date(String(o.lastUpdatedTime)).toISOString()).sort().at(-1);
    expect(cursors.values.get(cursorName(target))).toBe(firstPageLatest);
  });
});

describe('amazon-order-sweep skips orders that need nothing', () => {
  const repo = path.resolve(__dirname, '../../..');
  const defaults = (): Mappings => loadMappingsText(readFileSync(path.join(repo, 'mappings/default.json'), 'utf8'), 'default.json');
  const generated = generateOrders({ seed: 21, count: 1, marketplaceIds: ['A1PA6795UKMFR9'], start: '2026-06-01T09:00:00Z', pendingRate: 0, cancelledRate: 0 });
  const base = OrderSchema.parse(generated[0]);
  const withStatus = (status: string | undefined, fulfilledBy = 'MERCHANT'): Order => {
    const order: Order = { ...base, orderId: `ORD-${status ?? 'none'}-${fulfilledBy}` };
    if (status === undefined) delete order.fulfillment;
    else order.fulfillment = { ...base.fulfillment, fulfillmentStatus: status, fulfilledBy };
    return order;
  };
  const link = (status: OrderLink['status'], extra: Partial<OrderLink> = {}): OrderLink =>
    OrderLinkSchema.parse({ sellerId: 'A1', amazonOrderId: 'x', status, m3OrderNumber: status === 'created' ? '1000123' : '', ...extra });
  const skipPorts = (found?: OrderLink, mappings = defaults()): SkipPorts & { lookups: number } => {
    const p = {
      lookups: 0,
      mappings: async () => mappings,
      link: async () => {
        p.lookups++;
        return found;
      },
    };
    return p;
  };

  it('leaves alone an order linked as created in M3 whose status is not canceled', async () => {
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(link('created')))).toBe('in-m3');
    expect(await reasonToSkip('A1', withStatus('PARTIALLY_SHIPPED'), skipPorts(link('created')))).toBe('in-m3');
  });

  it('hands over a created order that Amazon now reports canceled, so its instance cancels it in M3', async () => {
    expect(await reasonToSkip('A1', withStatus('CANCELLED'), skipPorts(link('created')))).toBeUndefined();
  });

  it('leaves alone an order canceled at Amazon and already canceled in M3', async () => {
    expect(await reasonToSkip('A1', withStatus('CANCELLED'), skipPorts(link('canceled')))).toBe('in-m3');
  });

  it('hands over a cancellation without a canceled link: an instance may be creating that order right now', async () => {
    expect(await reasonToSkip('A1', withStatus('CANCELLED'), skipPorts(undefined))).toBeUndefined();
  });

  it('hands over orders that are not finished in M3: no link, still creating, failed, or custom fields pending', async () => {
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(undefined))).toBeUndefined();
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(link('creating', { tempOrderNumber: '9000001' })))).toBeUndefined();
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(link('failed')))).toBeUndefined();
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(link('created', { customFieldsPending: true })))).toBeUndefined();
  });

  it('leaves alone pending orders without looking up a link (their next change moves lastUpdatedTime)', async () => {
    const p = skipPorts(undefined);
    expect(await reasonToSkip('A1', withStatus('PENDING'), p)).toBe('waiting');
    expect(await reasonToSkip('A1', withStatus('PENDING_AVAILABILITY'), p)).toBe('waiting');
    expect(p.lookups).toBe(0);
  });

  it('leaves alone orders the mappings ignore (shipped by statusActions, a whole fulfilment channel)', async () => {
    expect(await reasonToSkip('A1', withStatus('SHIPPED'), skipPorts(undefined))).toBe('ignored');
    const mappings = defaults();
    mappings.fulfillment.amazon = 'ignore';
    expect(await reasonToSkip('A1', withStatus('SHIPPED', 'AMAZON'), skipPorts(undefined, mappings))).toBe('ignored');
    const merchantIgnored = defaults();
    merchantIgnored.fulfillment.merchant = 'ignore';
    expect(await reasonToSkip('A1', withStatus('UNSHIPPED'), skipPorts(undefined, merchantIgnored))).toBe('ignored');
  });

  it('hands over an order whose page carries no status (FULFILLMENT not included)', async () => {
    const p = skipPorts(link('created'));
    expect(await reasonToSkip('A1', withStatus(undefined), p)).toBeUndefined();
    expect(p.lookups).toBe(0);
  });

  it('asks every page for FULFILLMENT, skips in the timed sweep, counts skipped orders toward the cursor', async () => {
    const cursors = new Cursors();
    const p = ports();
    const skipped = new Set([String(all[1]!.orderId), String(all[4]!.orderId)]);
    const summary = await sweepTarget({ ...p, reasonToSkip: async (_s, order) => (skipped.has(order.orderId) ? 'in-m3' : undefined) }, cursors, target, now);
    expect(p.queries.every((q) => q.includedData?.includes('FULFILLMENT'))).toBe(true);
    expect(p.handed).toEqual(all.filter((o) => !skipped.has(String(o.orderId))).map((o) => `${String(o.orderId)}:sweep`));
    expect(summary).toMatchObject({ pages: 2, orders: 5, started: 3, skipped: 2, cursor: '2026-06-01T11:58:00.000Z' });
  });

  it('hands every order over in a backfill, which an operator asked for', async () => {
    const p = ports();
    const page = await sweepPage({ ...p, reasonToSkip: async () => 'in-m3' }, target, { after: '2026-06-01T00:00:00.000Z' }, 'backfill');
    expect(page).toMatchObject({ orders: 3, started: 3, skipped: 0 });
  });
});
