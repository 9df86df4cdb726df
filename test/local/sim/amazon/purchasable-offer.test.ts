import { applyPatches, attributeIssues, businessPriceOf, priceOf } from '../../../../local/sim/amazon/listings-store';
import type { ListingRecord } from '../../../../local/sim/amazon/sim-state';

const DE = 'A1PA6795UKMFR9';
const consumer = (value: number) => ({ marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: value }] }] });
const business = (value: number, plan?: unknown) => ({ marketplace_id: DE, currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: value }] }], ...(plan === undefined ? {} : { quantity_discount_plan: plan }) });
const fixedPlan = (...levels: Array<[number, number]>) => [{ schedule: [{ discount_type: 'fixed', levels: levels.map(([lower_bound, value]) => ({ lower_bound, value })) }] }];
const codes = (offers: unknown[]) => attributeIssues({ purchasable_offer: offers }).map((i) => i.code);
const listing = (attributes: Record<string, unknown>): ListingRecord => ({ sellerId: 'S', marketplaceId: DE, sku: 'SKU', productType: 'PRODUCT', attributes, issues: [], createdDate: '', lastUpdatedDate: '' });

describe('the simulated listings check purchasable_offer entries like the product type definitions', () => {
  it('accepts a consumer offer and a B2B offer with falling fixed tiers or growing percentages', () => {
    expect(codes([consumer(19.99), business(18, fixedPlan([5, 17], [10, 16.5]))])).toEqual([]);
    expect(codes([business(18, [{ schedule: [{ discount_type: 'percent', levels: [{ lower_bound: 5, value: 5 }, { lower_bound: 10, value: 10 }] }] }])])).toEqual([]);
  });

  it('refuses an offer without its selectors, an unknown audience, a price that is not a number above zero', () => {
    expect(codes([{ currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 1 }] }] }])).toEqual(['4000007']);
    expect(codes([{ ...consumer(1), audience: 'BUSINESS' }])).toEqual(['4000007']);
    expect(codes([consumer(0)])).toEqual(['4000007']);
    expect(codes([{ ...consumer(1), our_price: [{ schedule: [{ value_with_tax: '19.99' }] }] }])).toEqual(['4000007']);
    expect(codes([consumer(1), consumer(2)])).toEqual(['4000007']);
  });

  it('refuses quantity tiers on the consumer offer, without a business price, rising, or with an unknown discount type', () => {
    expect(codes([{ ...consumer(19.99), quantity_discount_plan: fixedPlan([5, 17]) }])).toEqual(['4000008']);
    expect(codes([{ marketplace_id: DE, currency: 'EUR', audience: 'B2B', quantity_discount_plan: fixedPlan([5, 17]) }])).toEqual(['4000008']);
    expect(codes([business(18, fixedPlan([5, 16], [10, 16.5]))])).toEqual(['4000008']);
    expect(codes([business(18, fixedPlan([5, 18]))])).toEqual(['4000008']);
    expect(codes([business(18, fixedPlan([10, 17], [5, 16]))])).toEqual(['4000008']);
    expect(codes([business(18, [{ schedule: [{ discount_type: 'amount', levels: [{ lower_bound: 5, value: 1 }] }] }])])).toEqual(['4000007']);
    expect(codes([business(18, fixedPlan([2, 17], [3, 16], [4, 15], [5, 14], [6, 13], [7, 12]))])).toEqual(['4000007']);
  });

  it('merges offers by marketplace, currency and audience, and shows the business offer beside the consumer price', () => {
    const { attributes, issues } = applyPatches({ purchasable_offer: [consumer(19.99)] }, [{ op: 'merge', path: '/attributes/purchasable_offer', value: [business(18, fixedPlan([5, 17]))] }]);
    expect(issues).toEqual([]);
    expect(priceOf(listing(attributes))).toEqual({ currency: 'EUR', amount: '19.99' });
    expect(businessPriceOf(listing(attributes))).toEqual({ currency: 'EUR', amount: '18', quantityDiscount: { discountType: 'fixed', levels: [{ lowerBound: 5, value: '17' }] } });
    expect(businessPriceOf(listing({ purchasable_offer: [consumer(19.99)] }))).toBeNull();
  });

  it('deletes only the offer whose selectors the delete names, and refuses a delete by name alone or without selectors', () => {
    const offers = { purchasable_offer: [consumer(19.99), business(18, fixedPlan([5, 17])), { ...consumer(21), marketplace_id: 'A13V1IB3VIYZZH' }] };
    const removed = applyPatches(offers, [{ op: 'delete', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', audience: 'B2B' }] }]);
    expect(removed.issues).toEqual([]);
    expect(removed.attributes.purchasable_offer).toEqual([consumer(19.99), { ...consumer(21), marketplace_id: 'A13V1IB3VIYZZH' }]);
    expect(businessPriceOf(listing(removed.attributes))).toBeNull();
    expect(priceOf(listing(removed.attributes))).toEqual({ currency: 'EUR', amount: '19.99' });
    // Another currency or audience is another offer: nothing matches, nothing is removed.
    expect(applyPatches(offers, [{ op: 'delete', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'GBP', audience: 'B2B' }] }]).attributes).toEqual(offers);
    expect(applyPatches(offers, [{ op: 'delete', path: '/attributes/purchasable_offer' }]).issues.map((i) => i.code)).toEqual(['4000004']);
    expect(applyPatches(offers, [{ op: 'delete', path: '/attributes/purchasable_offer', value: [{ audience: 'B2B' }] }]).issues.map((i) => i.code)).toEqual(['4000004']);
  });

  it('keeps a quantity discount plan a merge does not name, and deletes it on an explicit null', () => {
    const start = { purchasable_offer: [consumer(19.99), business(18, fixedPlan([5, 17]))] };
    const kept = applyPatches(start, [{ op: 'merge', path: '/attributes/purchasable_offer', value: [business(17.5)] }]);
    expect(businessPriceOf(listing(kept.attributes))).toEqual({ currency: 'EUR', amount: '17.5', quantityDiscount: { discountType: 'fixed', levels: [{ lowerBound: 5, value: '17' }] } });
    const cleared = applyPatches(start, [{ op: 'merge', path: '/attributes/purchasable_offer', value: [{ ...business(18), quantity_discount_plan: null }] }]);
    expect(cleared.issues).toEqual([]);
    expect(attributeIssues(cleared.attributes)).toEqual([]);
    expect(businessPriceOf(listing(cleared.attributes))).toEqual({ currency: 'EUR', amount: '18', quantityDiscount: null });
    expect(priceOf(listing(cleared.attributes))).toEqual({ currency: 'EUR', amount: '19.99' });
  });

  it('refuses a merge of an offer without its selectors', () => {
    const { issues } = applyPatches({}, [{ op: 'merge', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 1 }] }] }] }]);
    expect(issues.map((i) => i.code)).toEqual(['4000004']);
  });

  it('replaces the whole attribute on replace: offers not named are gone', () => {
    const { attributes } = applyPatches({ purchasable_offer: [consumer(19.99), business(18, fixedPlan([5, 17]))] }, [{ op: 'replace', path: '/attributes/purchasable_offer', value: [consumer(20)] }]);
    expect(attributes.purchasable_offer).toEqual([consumer(20)]);
    expect(businessPriceOf(listing(attributes))).toBeNull();
  });
});
