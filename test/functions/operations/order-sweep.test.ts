import type { SearchOrdersQuery } from '../../../connectors/amazon';
import { SearchOrdersResponseSchema } from '../../../core/orders/amazon-order-2026';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { FIRST_SWEEP_LOOKBACK_MS, SWEEP_OVERLAP_MS, cursorName, sweepTarget, type SweepPorts } from '../../../functions/order-to-cash/sweep';

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
