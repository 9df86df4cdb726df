import { PriceStore } from '../../../functions/price-sync/price-stores';
import { memoryDocuments } from './memory-documents';
import { queuePriceCorrections } from '../../../functions/price-sync/reconcile-prices';

const DE = 'A1PA6795UKMFR9';


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
