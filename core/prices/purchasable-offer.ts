/**
 * The listings patch that sets an offer price: `purchasable_offer` is an array of offers, each identified by
 * marketplace_id, currency and audience; the consumer price is `our_price[0].schedule[0].value_with_tax` with audience
 * ALL. Amazon lets only top-level attributes be patched, so the patch names /attributes/purchasable_offer and its value
 * is the offers. `merge` keeps offers not named (another marketplace's, a B2B offer) as they are.
 * In the EU, UK and JP the value is the VAT-inclusive consumer price, as the attribute name says.
 */
export interface PurchasableOffer {
  marketplace_id: string;
  currency: string;
  audience: 'ALL';
  our_price: [{ schedule: [{ value_with_tax: number }] }];
}

export interface PurchasableOfferPatch {
  op: 'merge';
  path: '/attributes/purchasable_offer';
  value: PurchasableOffer[];
}

export interface OfferPrice {
  marketplaceId: string;
  currency: string;
  /** Decimal text with at most two decimals (offerAmount). */
  amount: string;
}

export function purchasableOfferPatch(prices: readonly OfferPrice[]): PurchasableOfferPatch {
  return {
    op: 'merge',
    path: '/attributes/purchasable_offer',
    // JSON numbers: the listings schema types value_with_tax as a number; two-decimal text converts exactly enough.
    value: prices.map((p) => ({ marketplace_id: p.marketplaceId, currency: p.currency, audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: Number(p.amount) }] }] })),
  };
}
