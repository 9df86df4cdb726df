import { businessOfferText, decideBusinessOffer, parseBusinessOfferText, PricesMappingSchema, purchasableOfferPatch, type QuantityTier } from '../../../core/prices';
import { buildListingsFeeds } from '../../../core/inventory';

const guard = { maxChangePercent: 30, floor: '5' };
const fixed = (amount: string, ...tiers: Array<[number, string]>) => ({
  sku: 'SKU-B', itemNumber: 'ITEM-B', amount, discountType: 'fixed' as const, tiers: tiers.map(([lowerBound, value]): QuantityTier => ({ lowerBound, value })),
});
const percent = (amount: string, ...tiers: Array<[number, string]>) => ({ ...fixed(amount, ...tiers), discountType: 'percent' as const });

describe('the business (B2B) offer decision', () => {
  it('sends a first business price with falling quantity tiers, rounded to cents, and names it by one text', () => {
    const decision = decideBusinessOffer(fixed('18', [5, '17.004'], [10, '16']), {}, guard);
    expect(decision).toEqual({
      kind: 'send', sku: 'SKU-B', itemNumber: 'ITEM-B', text: '18.00; fixed 5:17.00 10:16.00',
      offer: { amount: '18.00', discountType: 'fixed', tiers: [{ lowerBound: 5, value: '17.00' }, { lowerBound: 10, value: '16.00' }] },
    });
    expect(decideBusinessOffer(fixed('18'), {}, guard)).toMatchObject({ kind: 'send', text: '18.00' });
  });

  it('does nothing when Amazon holds the same offer or it waits to be sent', () => {
    expect(decideBusinessOffer(fixed('18', [5, '17']), { accepted: '18.00; fixed 5:17.00' }, guard)).toEqual({ kind: 'unchanged', sku: 'SKU-B' });
    expect(decideBusinessOffer(fixed('18', [5, '16.50']), { accepted: '18.00; fixed 5:17.00', pending: '18.00; fixed 5:16.50' }, guard)).toEqual({ kind: 'unchanged', sku: 'SKU-B' });
  });

  it('sends a changed tier alone as a change of the offer', () => {
    expect(decideBusinessOffer(fixed('18', [5, '16.90']), { accepted: '18.00; fixed 5:17.00' }, guard)).toMatchObject({ kind: 'send', text: '18.00; fixed 5:16.90' });
  });

  it('parks tiers whose prices do not fall, or that are not below the business price, with a reason naming the tier', () => {
    const rising = decideBusinessOffer(fixed('18', [5, '16'], [10, '16.50']), {}, guard);
    expect(rising).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
    expect(rising.kind === 'park' && rising.message).toBe('quantity tier prices of SKU SKU-B must fall: 16.50 from 10 pieces is not below the price 16.00 from 5 pieces');
    expect(decideBusinessOffer(fixed('18', [5, '18']), {}, guard)).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
    expect(decideBusinessOffer(fixed('18', [10, '17'], [5, '16']), {}, guard)).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
  });

  it('parks an invalid tier table even when an operator approved it: Amazon would refuse it', () => {
    const text = '18.00; fixed 5:17.00 10:17.00';
    expect(decideBusinessOffer(fixed('18', [5, '17'], [10, '17']), { approved: text }, guard)).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
  });

  it('checks percentage tiers: growing, above 0 and below 100', () => {
    expect(decideBusinessOffer(percent('18', [5, '5'], [10, '10']), {}, guard)).toMatchObject({ kind: 'send', text: '18.00; percent 5:5.00 10:10.00' });
    expect(decideBusinessOffer(percent('18', [5, '10'], [10, '10']), {}, guard)).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
    expect(decideBusinessOffer(percent('18', [5, '100']), {}, guard)).toMatchObject({ kind: 'park', reason: 'INVALID_QUANTITY_TIERS' });
  });

  it('never sends a zero business price or a zero tier price', () => {
    expect(decideBusinessOffer(fixed('0'), { approved: '0.00' }, { ...guard, floor: '0' })).toMatchObject({ kind: 'park', reason: 'ZERO_PRICE' });
    expect(decideBusinessOffer(fixed('18', [5, '0']), {}, { ...guard, floor: '0' })).toMatchObject({ kind: 'park', reason: 'ZERO_PRICE' });
  });

  it('parks a business price or a tier below the floor, percentage tiers judged by the unit price they give', () => {
    expect(decideBusinessOffer(fixed('4.99'), {}, guard)).toMatchObject({ kind: 'park', reason: 'BELOW_FLOOR' });
    expect(decideBusinessOffer(fixed('18', [5, '4.99']), {}, guard)).toMatchObject({ kind: 'park', reason: 'BELOW_FLOOR' });
    expect(decideBusinessOffer(percent('10', [5, '50.01']), {}, guard)).toMatchObject({ kind: 'park', reason: 'BELOW_FLOOR' });
    expect(decideBusinessOffer(percent('10', [5, '50']), {}, guard)).toMatchObject({ kind: 'send' });
  });

  it('parks a business price change beyond the allowed percentage, and sends it once that exact offer is approved', () => {
    const parked = decideBusinessOffer(fixed('8', [5, '7']), { accepted: '20.00; fixed 5:19.00' }, guard);
    expect(parked).toMatchObject({ kind: 'park', reason: 'PRICE_CHANGE_TOO_LARGE', text: '8.00; fixed 5:7.00' });
    expect(parked.kind === 'park' && parked.message).toMatch(/business price of SKU SKU-B would change from 20.00 to 8.00 \(60 %/);
    expect(decideBusinessOffer(fixed('8', [5, '7']), { accepted: '20.00; fixed 5:19.00', approved: '8.00; fixed 5:7.00' }, guard)).toMatchObject({ kind: 'send' });
    expect(decideBusinessOffer(fixed('8', [5, '6']), { accepted: '20.00; fixed 5:19.00', approved: '8.00; fixed 5:7.00' }, guard)).toMatchObject({ kind: 'park', reason: 'PRICE_CHANGE_TOO_LARGE' });
  });

  it('reads its own text back', () => {
    const offer = { amount: '18.00', discountType: 'percent' as const, tiers: [{ lowerBound: 5, value: '5.00' }] };
    expect(parseBusinessOfferText(businessOfferText(offer))).toEqual(offer);
    expect(parseBusinessOfferText('18.00')).toEqual({ amount: '18.00', discountType: 'fixed', tiers: [] });
    expect(parseBusinessOfferText('18; tiers')).toBeUndefined();
  });
});

describe('the business offer in the purchasable_offer patch', () => {
  it('adds a B2B entry with our_price and a quantity_discount_plan beside the ALL entry', () => {
    const patch = purchasableOfferPatch([
      { marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', amount: '19.99' },
      { marketplaceId: 'A1PA6795UKMFR9', currency: 'EUR', amount: '18.00', audience: 'B2B', discountType: 'fixed', tiers: [{ lowerBound: 5, value: '17.00' }, { lowerBound: 10, value: '16.50' }] },
    ]);
    expect(patch.value).toEqual([
      { marketplace_id: 'A1PA6795UKMFR9', currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] },
      {
        marketplace_id: 'A1PA6795UKMFR9', currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 18 }] }],
        quantity_discount_plan: [{ schedule: [{ discount_type: 'fixed', levels: [{ lower_bound: 5, value: 17 }, { lower_bound: 10, value: 16.5 }] }] }],
      },
    ]);
  });

  it('sends a business offer without tiers with quantity_discount_plan null, which makes Amazon\'s merge delete a plan it holds', () => {
    expect(purchasableOfferPatch([{ marketplaceId: 'DE', currency: 'EUR', amount: '18.00', audience: 'B2B', tiers: [] }]).value[0]).toEqual({ marketplace_id: 'DE', currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 18 }] }], quantity_discount_plan: null });
  });

  it('carries the consumer and the business price of a SKU in one message', () => {
    const offers = new Map([['A', [{ marketplaceId: 'DE', currency: 'EUR', amount: '10.00' }, { marketplaceId: 'DE', currency: 'EUR', amount: '9.00', audience: 'B2B' as const }]]]);
    const [feed] = buildListingsFeeds('S', [], { offers });
    expect(feed!.document.messages).toHaveLength(1);
    expect(feed!.document.messages[0]!.patches[0]!.value).toHaveLength(2);
  });
});

describe('the business price mapping', () => {
  const parse = (business: unknown) => PricesMappingSchema.safeParse({ sources: { DE: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR', business } } });
  const messages = (business: unknown) => {
    const r = parse(business);
    return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  };

  it('takes a business price list, with tiers from price lists or as percentages off', () => {
    expect(messages({ priceList: 'AMZDEB2B' })).toEqual([]);
    expect(messages({ priceList: 'AMZDEB2B', floor: '3', tiers: [{ lowerBound: 5, priceList: 'AMZDEB5' }, { lowerBound: 10, priceList: 'AMZDEB10' }] })).toEqual([]);
    expect(messages({ priceList: 'AMZDEB2B', tiers: [{ lowerBound: 5, percentOff: '3' }, { lowerBound: 10, percentOff: 5 }] })).toEqual([]);
  });

  it('refuses tiers that do not increase, mix kinds, start below 2 pieces, or are more than 5', () => {
    expect(messages({ priceList: 'B', tiers: [{ lowerBound: 10, priceList: 'T10' }, { lowerBound: 5, priceList: 'T5' }] })).toEqual(['sources.DE.business.tiers.1.lowerBound: lower bounds must increase: 5 follows 10']);
    expect(messages({ priceList: 'B', tiers: [{ lowerBound: 5, priceList: 'T5' }, { lowerBound: 10, percentOff: '5' }] })).toEqual(['sources.DE.business.tiers.1: tiers are either all price lists (fixed unit prices) or all percentages off the business price']);
    expect(messages({ priceList: 'B', tiers: [{ lowerBound: 5, percentOff: '5' }, { lowerBound: 10, percentOff: '5' }] })).toEqual(['sources.DE.business.tiers.1.percentOff: percentages must increase with the quantity: 5 follows 5']);
    expect(messages({ priceList: 'B', tiers: [{ lowerBound: 1, priceList: 'T1' }] })).toHaveLength(1);
    expect(messages({ priceList: 'B', tiers: [2, 3, 4, 5, 6, 7].map((lowerBound) => ({ lowerBound, priceList: `T${lowerBound}` })) })).toHaveLength(1);
    expect(messages({ priceList: 'B', currency: 'EUR' })).toHaveLength(1);
  });
});
