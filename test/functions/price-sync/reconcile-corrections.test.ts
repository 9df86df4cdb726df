import type { z } from 'zod';
import { PriceStore, type PriceDocuments } from '../../../functions/price-sync/price-stores';
import { queuePriceCorrections } from '../../../functions/price-sync/reconcile-prices';

const DE = 'A1PA6795UKMFR9';

function memoryDocuments(): PriceDocuments {
  const docs = new Map<string, string>();
  return {
    async read<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T) {
      const text = docs.get(name);
      return { value: text === undefined ? empty() : schema.parse(JSON.parse(text)) };
    },
    async update<T>(name: string, schema: z.ZodType<T, z.ZodTypeDef, unknown>, empty: () => T, change: (value: T) => boolean) {
      const text = docs.get(name);
      const value = text === undefined ? empty() : schema.parse(JSON.parse(text));
      if (change(value)) docs.set(name, JSON.stringify(value));
    },
    async names(prefix: string) { return [...docs.keys()].filter((n) => n.startsWith(prefix)).sort(); },
  } as PriceDocuments;
}

describe('reconcile corrections of business offers', () => {
  it('queues the removal of Amazon\'s business offer where M3 gives no business price (m3 empty on a B2B row)', async () => {
    const store = new PriceStore(memoryDocuments());
    const result = await queuePriceCorrections([
      { sellerId: 'S1', marketplaceId: DE, sku: 'SKU-A', itemNumber: 'ITEM-A', currency: 'EUR', audience: 'B2B', m3: '' },
    ], { sellers: [{ sellerId: 'S1', region: 'EU', marketplaceIds: [DE] }], pending: store.pending });
    expect(result).toEqual({ queued: 1, skipped: 0, regions: [{ sellerId: 'S1', region: 'EU' }] });
    expect(await store.pending.list('S1', 'EU', DE)).toEqual([{ sku: 'SKU-A', itemNumber: 'ITEM-A', marketplaceId: DE, currency: 'EUR', amount: '', audience: 'B2B', remove: true }]);
  });
});
