/**
 * The listings patch that sets offer prices: `purchasable_offer` is an array of offers, each identified by
 * marketplace_id, currency and audience; the price is `our_price[0].schedule[0].value_with_tax`. The consumer offer has
 * audience ALL; the business (Amazon Business) offer has audience B2B and may carry quantity tiers in
 * `quantity_discount_plan[0].schedule[0]`: `discount_type` (`fixed`: each level's value is the unit price; `percent`:
 * each level's value is the percentage off the business price) and `levels` of `lower_bound` and `value`.
 * Amazon lets only top-level attributes be patched, so the patch names /attributes/purchasable_offer and its value is
 * the offers. `merge` keeps offers not named (another marketplace's, the other audience) as they are.
 * In the EU, UK and JP the value is the VAT-inclusive price, as the attribute name says.
 */
import type { DiscountType, QuantityTier } from './business-offer';

export interface QuantityDiscountPlan {
  schedule: [{ discount_type: DiscountType; levels: Array<{ lower_bound: number; value: number }> }];
}

export interface PurchasableOffer {
  marketplace_id: string;
  currency: string;
  audience: 'ALL' | 'B2B';
  our_price: [{ schedule: [{ value_with_tax: number }] }];
  quantity_discount_plan?: [QuantityDiscountPlan];
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
  /** Default ALL (the consumer offer). */
  audience?: 'ALL' | 'B2B';
  /** B2B only: quantity tiers (none: the patch leaves Amazon's plan as it is). */
  discountType?: DiscountType;
  tiers?: readonly QuantityTier[];
}

function offerOf(p: OfferPrice): PurchasableOffer {
  // JSON numbers: the listings schema types value_with_tax as a number; two-decimal text converts exactly enough.
  const offer: PurchasableOffer = { marketplace_id: p.marketplaceId, currency: p.currency, audience: p.audience ?? 'ALL', our_price: [{ schedule: [{ value_with_tax: Number(p.amount) }] }] };
  if (offer.audience === 'B2B' && p.tiers !== undefined && p.tiers.length > 0) {
    offer.quantity_discount_plan = [{ schedule: [{ discount_type: p.discountType ?? 'fixed', levels: p.tiers.map((t) => ({ lower_bound: t.lowerBound, value: Number(t.value) })) }] }];
  }
  return offer;
}

export function purchasableOfferPatch(prices: readonly OfferPrice[]): PurchasableOfferPatch {
  return { op: 'merge', path: '/attributes/purchasable_offer', value: prices.map(offerOf) };
}
