import { currencyDecimals, decideBusinessRemovals, percentOffPrice, PricesMappingSchema, purchasableOfferPatches } from '../../../core/prices';

const DE = 'A1PA6795UKMFR9';
const guard = { maxRemovalPercent: 20 };
const held = (n: number): string[] => Array.from({ length: n }, (_, i) => `SKU-${String(i + 1).padStart(2, '0')}`);

describe('removing business offers M3 no longer prices', () => {
  it('removes the business offer of a SKU whose business price line is gone', () => {
    expect(decideBusinessRemovals({ marketplaceId: DE, held: held(10), offered: new Set(held(10).slice(1)), readEmpty: false }, guard)).toEqual({ kind: 'remove', skus: ['SKU-01'] });
  });

  it('removes nothing when M3 still prices every offer Amazon holds', () => {
    expect(decideBusinessRemovals({ marketplaceId: DE, held: held(3), offered: new Set(held(4)), readEmpty: false }, guard)).toEqual({ kind: 'none' });
  });

  it('parks the removals when the business prices read empty, whatever their number', () => {
    const decision = decideBusinessRemovals({ marketplaceId: DE, held: ['SKU-01'], offered: new Set(), readEmpty: true }, guard);
    expect(decision).toEqual({
      kind: 'park', skus: ['SKU-01'], reason: 'EMPTY_BUSINESS_PRICE_LIST',
      message: `M3's business prices for marketplace ${DE} read empty; removing 1 of the 1 business offers Amazon holds on marketplace ${DE} needs approval (re-drive to approve)`,
    });
  });

  it('parks more than the allowed share of removals in one read, but never a single removal', () => {
    expect(decideBusinessRemovals({ marketplaceId: DE, held: held(10), offered: new Set(held(10).slice(3)), readEmpty: false }, guard)).toMatchObject({ kind: 'park', reason: 'TOO_MANY_BUSINESS_REMOVALS', skus: ['SKU-01', 'SKU-02', 'SKU-03'] });
    expect(decideBusinessRemovals({ marketplaceId: DE, held: held(10), offered: new Set(held(10).slice(2)), readEmpty: false }, guard)).toEqual({ kind: 'remove', skus: ['SKU-01', 'SKU-02'] });
    expect(decideBusinessRemovals({ marketplaceId: DE, held: held(2), offered: new Set(['SKU-02']), readEmpty: false }, guard)).toEqual({ kind: 'remove', skus: ['SKU-01'] });
  });

  it('releases exactly the set an operator approved', () => {
    const input = { marketplaceId: DE, held: held(3), offered: new Set<string>(), readEmpty: true };
    expect(decideBusinessRemovals({ ...input, approved: (skus) => skus.join() === 'SKU-01,SKU-02,SKU-03' }, guard)).toEqual({ kind: 'remove', skus: ['SKU-01', 'SKU-02', 'SKU-03'] });
    expect(decideBusinessRemovals({ ...input, approved: (skus) => skus.join() === 'SKU-01,SKU-02' }, guard)).toMatchObject({ kind: 'park' });
  });

  it('sends a removal as a delete naming only the selectors of the B2B offer, after the merge of the offers set', () => {
    expect(purchasableOfferPatches([
      { marketplaceId: DE, currency: 'EUR', amount: '19.99' },
      { marketplaceId: DE, currency: 'EUR', amount: '', audience: 'B2B', remove: true },
    ])).toEqual([
      { op: 'merge', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] }] },
      { op: 'delete', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', audience: 'B2B' }] },
    ]);
    expect(purchasableOfferPatches([{ marketplaceId: DE, currency: 'EUR', amount: '', audience: 'B2B', remove: true }]).map((p) => p.op)).toEqual(['delete']);
  });
});

describe('a business price as a percentage off the consumer price', () => {
  it('is the consumer price less the percentage, rounded half up to the currency\'s minor unit, in exact decimals', () => {
    expect(percentOffPrice('19.99', '10', 'EUR')).toBe('17.99');
    expect(percentOffPrice('10.05', '50', 'EUR')).toBe('5.03');
    expect(percentOffPrice('19.99', '12.5', 'GBP')).toBe('17.49');
    expect(percentOffPrice('0.10', '5', 'EUR')).toBe('0.10');
    expect(percentOffPrice('999', '7', 'JPY')).toBe('929');
    expect(percentOffPrice('1001', '50', 'JPY')).toBe('501');
  });

  it('derives from the consumer price as Amazon receives it (rounded first)', () => {
    expect(percentOffPrice('10.004', '50', 'EUR')).toBe('5.00');
    expect(percentOffPrice('10.005', '50', 'EUR')).toBe('5.01');
  });

  it('knows the yen has no minor unit', () => {
    expect([currencyDecimals('JPY'), currencyDecimals('EUR'), currencyDecimals('usd')]).toEqual([0, 2, 2]);
  });

  it('is mapped as business.percentOff instead of a price list, more than 0 and less than 100', () => {
    const parse = (business: unknown) => PricesMappingSchema.safeParse({ sources: { [DE]: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR', business } } });
    expect(parse({ percentOff: '7.5' }).success).toBe(true);
    expect(parse({ percentOff: 10, tiers: [{ lowerBound: 5, percentOff: '3' }] }).success).toBe(true);
    const issues = (business: unknown) => { const r = parse(business); return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`); };
    expect(issues({ percentOff: '100' })).toEqual([`sources.${DE}.business.percentOff: percentOff must be more than 0 and less than 100, got 100`]);
    expect(issues({ percentOff: '0' })).toEqual([`sources.${DE}.business.percentOff: percentOff must be more than 0 and less than 100, got 0`]);
    expect(issues({ priceList: 'AMZDEB2B', percentOff: '5' })).toEqual([`sources.${DE}.business.percentOff: a business price names a priceList or a percentOff of the consumer price, not both`]);
    expect(issues({ floor: '3' })).toEqual([`sources.${DE}.business: a business price needs a priceList or a percentOff of the consumer price`]);
  });

  it('guards removals by a share that defaults to 20 %', () => {
    expect(PricesMappingSchema.parse({}).maxBusinessRemovalPercent).toBe(20);
  });
});
