import { decidePrice, purchasableOfferPatch } from '../../../core/prices';
import { buildListingsFeeds } from '../../../core/inventory';

const guard = { maxChangePercent: 30, floor: '5' };
const candidate = (amount: string) => ({ sku: 'SKU-A', itemNumber: 'ITEM-A', amount });

describe('the guarded price decision', () => {
  it('sends a first price and a change within the allowed percentage, rounded to two decimals', () => {
    expect(decidePrice(candidate('19.999'), {}, guard)).toEqual({ kind: 'send', sku: 'SKU-A', itemNumber: 'ITEM-A', amount: '20.00' });
    expect(decidePrice(candidate('25.90'), { accepted: '20.00' }, guard)).toMatchObject({ kind: 'send', amount: '25.90' });
  });

  it('rounds M3\'s price half up to cents, exactly', () => {
    expect(decidePrice(candidate('19.995'), {}, guard)).toMatchObject({ amount: '20.00' });
    expect(decidePrice(candidate('19.9949'), {}, guard)).toMatchObject({ amount: '19.99' });
    expect(decidePrice(candidate('7'), {}, guard)).toMatchObject({ amount: '7.00' });
    expect(decidePrice(candidate('0.004'), {}, { ...guard, floor: '0' })).toMatchObject({ kind: 'park', reason: 'ZERO_PRICE', amount: '0.00' });
  });

  it('allows a change of exactly the mapped percentage and parks one cent more', () => {
    expect(decidePrice(candidate('26.00'), { accepted: '20.00' }, guard)).toMatchObject({ kind: 'send' });
    expect(decidePrice(candidate('26.01'), { accepted: '20.00' }, guard)).toMatchObject({ kind: 'park', reason: 'PRICE_CHANGE_TOO_LARGE' });
    expect(decidePrice(candidate('14.00'), { accepted: '20.00' }, guard)).toMatchObject({ kind: 'send' });
  });

  it('does nothing when Amazon already holds the price or the same price waits to be sent', () => {
    expect(decidePrice(candidate('20'), { accepted: '20.00' }, guard)).toEqual({ kind: 'unchanged', sku: 'SKU-A' });
    expect(decidePrice(candidate('21'), { accepted: '20.00', pending: '21.00' }, guard)).toEqual({ kind: 'unchanged', sku: 'SKU-A' });
  });

  it('parks a 60 % drop for approval, and sends it once that exact amount is approved', () => {
    const parked = decidePrice(candidate('8.00'), { accepted: '20.00' }, guard);
    expect(parked).toMatchObject({ kind: 'park', reason: 'PRICE_CHANGE_TOO_LARGE', amount: '8.00' });
    expect(parked.kind === 'park' && parked.message).toMatch(/60 %/);
    expect(decidePrice(candidate('8.00'), { accepted: '20.00', approved: '8.00' }, guard)).toMatchObject({ kind: 'send', amount: '8.00' });
    expect(decidePrice(candidate('7.00'), { accepted: '20.00', approved: '8.00' }, guard)).toMatchObject({ kind: 'park', reason: 'PRICE_CHANGE_TOO_LARGE' });
  });

  it('parks a price below the floor, and never sends a zero price, not even approved', () => {
    expect(decidePrice(candidate('4.99'), {}, guard)).toMatchObject({ kind: 'park', reason: 'BELOW_FLOOR' });
    expect(decidePrice(candidate('0'), {}, { ...guard, floor: '0' })).toMatchObject({ kind: 'park', reason: 'ZERO_PRICE' });
    expect(decidePrice(candidate('0.001'), { approved: '0.00' }, { ...guard, floor: '0' })).toMatchObject({ kind: 'park', reason: 'ZERO_PRICE' });
  });
});

describe('offer prices in JSON_LISTINGS_FEED messages', () => {
  it('patches purchasable_offer with our_price for audience ALL per marketplace and currency', () => {
    expect(purchasableOfferPatch([{ marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', amount: '19.99' }])).toEqual({
      op: 'merge', path: '/attributes/purchasable_offer',
      value: [{ marketplace_id: 'A1PA6795UKMFR9', currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] }],
    });
  });

  it('puts a SKU\'s quantity and price in one message, and a price-only SKU in a message of its own', () => {
    const offers = new Map([
      ['A', [{ marketplaceId: 'DE', currency: 'EUR', amount: '10.00' }]],
      ['B', [{ marketplaceId: 'DE', currency: 'EUR', amount: '12.50' }, { marketplaceId: 'FR', currency: 'EUR', amount: '12.90' }]],
    ]);
    const [feed] = buildListingsFeeds('S', [{ sku: 'A', quantity: 3 }], { offers });
    expect(feed!.document.messages.map((m) => [m.sku, m.patches.map((p) => p.path)])).toEqual([
      ['A', ['/attributes/fulfillment_availability', '/attributes/purchasable_offer']],
      ['B', ['/attributes/purchasable_offer']],
    ]);
    expect(feed!.document.messages[1]!.patches[0]!.value).toHaveLength(2);
  });
});
