import type { SearchOrdersQuery } from '../../../connectors/amazon';
import type { OrderLink, ParkedItem } from '../../../connectors/storage';
import { MappingsSchema } from '../../../core/mapping/mappings-schema';
import { loadShippedMappings } from '../../../local/sandbox/sandbox';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { SearchOrdersResponseSchema } from '../../../core/orders/amazon-order-2026';
import { checkCompleteness, CompletenessReportSchema } from '../../../functions/operations/completeness';

const target = { sellerId: 'A1', region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'] };

function orders(seed: number, opts: { pending?: boolean; cancelled?: boolean; afn?: boolean } = {}): Record<string, unknown> {
  return generateOrders({ seed, count: 1, pendingRate: opts.pending ? 1 : 0, cancelledRate: opts.cancelled ? 1 : 0, amazonFulfilledRate: opts.afn ? 1 : 0, start: '2026-05-01T10:00:00Z' })[0]!;
}

function link(amazonOrderId: string, status: OrderLink['status']): OrderLink {
  return { sellerId: 'A1', amazonOrderId, marketplaceId: 'ATVPDKIKX0DER', fulfilledBy: 'MERCHANT', programs: [], status, tempOrderNumber: '', batchPhase: '', pendingCharges: [], customerNumber: '', customFieldsPending: false, m3OrderNumber: status === 'created' ? 'M1' : '', lines: [], updatedAt: '' };
}

describe('completeness check', () => {
  const inM3 = orders(1);
  const lost = orders(2);
  const parkedOne = orders(3);
  const pending = orders(4, { pending: true });
  const canceled = orders(5, { cancelled: true });
  const fba = orders(6, { afn: true });
  const all = [inM3, lost, parkedOne, pending, canceled, fba];
  const queries: SearchOrdersQuery[] = [];

  const ports = {
    search: async (_t: typeof target, query: SearchOrdersQuery) => {
      queries.push(query);
      // Two pages, so paging is followed.
      const page = query.paginationToken ? all.slice(3) : all.slice(0, 3);
      return SearchOrdersResponseSchema.parse({ orders: page, pagination: query.paginationToken ? undefined : { nextToken: 'p2' } });
    },
    links: async () => [link(String(inM3.orderId), 'created'), link(String(parkedOne.orderId), 'failed')],
    parked: async (): Promise<ParkedItem[]> => [{
      flow: 'order-to-cash', id: String(parkedOne.orderId), reason: 'M3_REJECTED', message: '', sourceRef: '', details: {}, instanceId: '', status: 'parked',
      firstSeen: '', lastSeen: '', attempts: 1, note: '',
    }],
    mappings: async () => loadShippedMappings(),
  };

  it('reports exactly the orders that belong in M3 and are not there, pending, canceled and Amazon-fulfilled excluded', async () => {
    const report = await checkCompleteness(ports, [target], { since: new Date('2026-05-01T00:00:00Z'), until: new Date('2026-05-02T00:00:00Z') }, new Date('2026-05-02T01:00:00Z'));
    expect(CompletenessReportSchema.parse(report)).toEqual(report);
    expect(report.missing.map((m) => m.amazonOrderId).sort()).toEqual([String(lost.orderId), String(parkedOne.orderId)].sort());
    expect(report.missing.find((m) => m.amazonOrderId === parkedOne.orderId)?.knownAs).toBe('parked: M3_REJECTED');
    expect(report.missing.find((m) => m.amazonOrderId === lost.orderId)?.knownAs).toBe('unknown to the app');
    expect(report).toMatchObject({ ok: false, missingTotal: 2, since: '2026-05-01T00:00:00.000Z', until: '2026-05-02T00:00:00.000Z' });
    expect(report.marketplaces).toEqual([{ sellerId: 'A1', marketplaceId: 'ATVPDKIKX0DER', amazonOrders: 6, expectedInM3: 3, inM3: 1, missing: 2 }]);
    expect(queries[0]).toMatchObject({ lastUpdatedAfter: '2026-05-01T00:00:00.000Z', lastUpdatedBefore: '2026-05-02T00:00:00.000Z', includedData: ['FULFILLMENT'] });
    expect(queries[1]?.paginationToken).toBe('p2');
  });

  it('counts Amazon-fulfilled orders when the mappings book them in M3', async () => {
    const base = loadShippedMappings();
    const booking = MappingsSchema.parse({ ...base, fulfillment: { ...base.fulfillment, amazon: 'create-as-fulfilled' } });
    const report = await checkCompleteness({ ...ports, mappings: async () => booking }, [target], { since: new Date('2026-05-01T00:00:00Z'), until: new Date('2026-05-02T00:00:00Z') });
    expect(report.missing.map((m) => m.amazonOrderId)).toContain(String(fba.orderId));
  });
});
