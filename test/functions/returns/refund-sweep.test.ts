/**
 * refund-sweep: reads Finances transactions page by page from 48 hours before its cursor (Amazon posts late) up to
 * three minutes ago, moves the cursor once every page was read, and does nothing while paused or while the mapping
 * leaves refunds and returns off.
 */
import type { ListTransactionsQuery } from '../../../connectors/amazon';
import { MappingsSchema } from '../../../core/mapping/mappings-schema';
import { refundCursorName, sweepRefunds, type RefundSweepPorts } from '../../../functions/returns/refund-sweep';
import type { BookingPorts } from '../../../functions/returns/returns-ports';
import { loadShippedMappings } from '../../../local/sandbox/sandbox';

const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };
const NOW = Date.parse('2026-05-20T12:00:00Z');
const shipped = loadShippedMappings();

function ports(enabled: boolean, cursor?: string): RefundSweepPorts & { queries: ListTransactionsQuery[]; advanced: Array<[string, string]> } {
  const queries: ListTransactionsQuery[] = [];
  const advanced: Array<[string, string]> = [];
  const mappings = MappingsSchema.parse({ ...shipped, returns: { ...shipped.returns, enabled } });
  const sale = { transactionId: 'S', transactionType: 'Shipment', postedDate: '2026-05-19T00:00:00Z', relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: '302-1' }] };
  return {
    queries, advanced,
    sellers: [{ sellerId: 'S1', region: 'EU', marketplaceIds: ['A1PA6795UKMFR9'] }],
    listTransactions: async (_s, _m, query) => {
      queries.push(query);
      return query.nextToken ? { payload: { transactions: [sale] } } : { payload: { transactions: [sale], nextToken: 'page-2' } };
    },
    cursors: { get: async () => (cursor ? { value: cursor } : undefined), advance: async (name, value) => { advanced.push([name, value]); return true; } },
    redriven: async () => [],
    booking: async () => ({ mappings } as unknown as BookingPorts),
    isPaused: () => false,
    now: () => NOW,
  };
}

describe('refund-sweep', () => {
  it('reads every page from 48 hours before the cursor to three minutes ago, then moves the cursor', async () => {
    const p = ports(true, '2026-05-19T12:00:00.000Z');
    const result = await sweepRefunds(p, quiet);
    expect(p.queries).toEqual([
      { postedAfter: '2026-05-17T12:00:00.000Z', postedBefore: '2026-05-20T11:57:00.000Z' },
      { postedAfter: '2026-05-17T12:00:00.000Z', postedBefore: '2026-05-20T11:57:00.000Z', nextToken: 'page-2' },
    ]);
    expect(result).toMatchObject({ read: 2, refunds: 0 });
    expect(p.advanced).toEqual([[refundCursorName('S1', 'EU'), '2026-05-20T11:57:00.000Z']]);
  });

  it('starts 30 days back on its first run', async () => {
    const p = ports(true);
    await sweepRefunds(p, quiet);
    expect(p.queries[0]?.postedAfter).toBe('2026-04-20T12:00:00.000Z');
  });

  it('asks Amazon nothing while refunds and returns are off or the flow is paused', async () => {
    const off = ports(false);
    expect(await sweepRefunds(off, quiet)).toMatchObject({ disabled: true });
    const paused = { ...ports(true), isPaused: () => true };
    expect(await sweepRefunds(paused, quiet)).toMatchObject({ paused: true });
    expect([...off.queries, ...paused.queries]).toEqual([]);
  });
});
