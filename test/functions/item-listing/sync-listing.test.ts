import { PermanentError } from '../../../core/errors';
import type { ItemMasterDocument } from '../../../core/bod';
import type { ParkInput } from '../../../connectors/storage';
import { syncListing, type ListingPorts, type ListingsClient } from '../../../functions/item-listing/sync-listing';
import { testMappings } from '../inventory-sync/inventory-fakes';

const US = 'ATVPDKIKX0DER';
const item: ItemMasterDocument = {
  id: 'KETTLE', variationId: 1, itemNumber: 'KETTLE', descriptions: { GB: 'Kettle' }, status: '20', baseUnit: 'EA', gtin: null,
  weight: null, dimensions: null, attributes: { Brand: 'Acme', 'Item Group': 'KITCHEN' },
};

function fakeAmazon(existing: Set<string>, answer: 'ACCEPTED' | 'INVALID' = 'ACCEPTED') {
  const calls: Array<{ method: string; sku: string; body: unknown }> = [];
  const client: ListingsClient = {
    async getListingsItem(sku) {
      if (!existing.has(sku)) throw new PermanentError('not found', { code: 'NOT_FOUND', system: 'amazon', details: { status: 404 } });
      return { sku };
    },
    async putListingsItem(sku, body) { calls.push({ method: 'PUT', sku, body }); return { sku, status: answer, submissionId: '1', issues: answer === 'INVALID' ? [{ code: '90220', message: 'brand is required', severity: 'ERROR' as const }] : [] }; },
    async patchListingsItem(sku, body) { calls.push({ method: 'PATCH', sku, body }); return { sku, status: answer, submissionId: '2' }; },
  };
  return { client, calls };
}

function ports(client: ListingsClient, parked: ParkInput[] = []): ListingPorts {
  return {
    mappings: async () => testMappings({ warehouses: { [US]: ['A10'] } }),
    sellers: [{ sellerId: 'S1', region: 'NA', marketplaceIds: [US] }],
    listings: () => client,
    parked: { async park(p) { parked.push(p); }, async setStatus() { /* nothing parked */ } },
    counters: { async increment() { /* not counted here */ } },
    switches: { isPaused: () => false, isDryRun: () => false },
  };
}

describe('item → listing', () => {
  it('puts a new listing when Amazon does not know the SKU', async () => {
    const { client, calls } = fakeAmazon(new Set());
    const outcome = await syncListing({ bodId: 'b1', document: item }, ports(client));
    expect(outcome.outcome).toBe('done');
    expect(calls.map((c) => [c.method, c.sku])).toEqual([['PUT', 'KETTLE']]);
  });

  it('patches an existing listing', async () => {
    const { client, calls } = fakeAmazon(new Set(['KETTLE']));
    await syncListing({ bodId: 'b1', document: item }, ports(client));
    expect(calls.map((c) => c.method)).toEqual(['PATCH']);
  });

  it('parks the SKU with Amazon\'s issue code when the submission is invalid', async () => {
    const parked: ParkInput[] = [];
    const { client } = fakeAmazon(new Set(), 'INVALID');
    const outcome = await syncListing({ bodId: 'b1', document: item }, ports(client, parked));
    expect(outcome.outcome).toBe('parked');
    expect(parked.map((p) => [p.flow, p.id, p.reason])).toEqual([['item-listing', `S1:${US}:KETTLE`, '90220']]);
  });

  it('creates no listing for a blocked item Amazon does not have', async () => {
    const { client, calls } = fakeAmazon(new Set());
    const outcome = await syncListing({ bodId: 'b1', document: { ...item, status: '90' } }, ports(client));
    expect(calls).toEqual([]);
    expect(outcome.results).toEqual([expect.objectContaining({ mode: 'skip', issues: ['ITEM_BLOCKED'] })]);
  });
});
