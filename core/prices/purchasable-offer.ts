/**
 * The listings patch that sets offer prices: `purchasable_offer` is an array of offers, each identified by
 * marketplace_id, currency and audience; the price is `our_price[0].schedule[0].value_with_tax`. The consumer offer has
 * audience ALL; the business (Amazon Business) offer has audience B2B and may carry quantity tiers in
 * `quantity_discount_plan[0].schedule[0]`: `discount_type` (`fixed`: each level's value is the unit price; `percent`:
 * each level's value is the percentage off the business price) and `levels` of `lower_bound` and `value`.
 * Amazon lets only top-level attributes be patched, so the patch names /attributes/purchasable_offer and its value is
 * the offers. `merge` keeps offers not named (another marketplace's, the other audience) as they are, and keeps the
 * sub-attributes an entry does not name: a B2B offer without tiers therefore carries `quantity_discount_plan: null`,
 * which Amazon's merge documents as deleting the plan it holds ("Merge a listing"). A business offer that disappeared
 * in M3 is removed with `delete`, whose value names only the selectors of the offer to remove (Amazon deletes attribute
 * instances by their selector values, never by name alone: "Partially update a listing", "Manage purchasable offer").
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
  /** null: delete the plan Amazon holds (merge). */
  quantity_discount_plan?: [QuantityDiscountPlan] | null;
}

export interface PurchasableOfferMergePatch {
  op: 'merge';
  path: '/attributes/purchasable_offer';
  value: PurchasableOffer[];
}

/** The selectors of an offer to remove. */
export interface OfferSelector { marketplace_id: string; currency: string; audience: 'ALL' | 'B2B' }

export interface PurchasableOfferDeletePatch {
  op: 'delete';
  path: '/attributes/purchasable_offer';
  value: OfferSelector[];
}

export type PurchasableOfferPatch = PurchasableOfferMergePatch | PurchasableOfferDeletePatch;

export interface OfferPrice {
  marketplaceId: string;
  currency: string;
  /** Decimal text with at most two decimals (offerAmount). */
  amount: string;
  /** Default ALL (the consumer offer). */
  audience?: 'ALL' | 'B2B';
  /** B2B only: quantity tiers (none: the plan Amazon holds is deleted). */
  discountType?: DiscountType;
  tiers?: readonly QuantityTier[];
  /** B2B only: remove the business offer (amount and tiers are ignored). */
  remove?: true;
}

function offerOf(p: OfferPrice): PurchasableOffer {
  // JSON numbers: the listings schema types value_with_tax as a number; two-decimal text converts exactly enough.
  const offer: PurchasableOffer = { marketplace_id: p.marketplaceId, currency: p.currency, audience: p.audience ?? 'ALL', our_price: [{ schedule: [{ value_with_tax: Number(p.amount) }] }] };
  if (offer.audience === 'B2B') {
    offer.quantity_discount_plan = p.tiers !== undefined && p.tiers.length > 0
      ? [{ schedule: [{ discount_type: p.discountType ?? 'fixed', levels: p.tiers.map((t) => ({ lower_bound: t.lowerBound, value: Number(t.value) })) }] }]
      : null;
  }
  return offer;
}

/** The merge patch of the offers to set (removals, if any, are left out: see purchasableOfferPatches). */
export function purchasableOfferPatch(prices: readonly OfferPrice[]): PurchasableOfferMergePatch {
  return { op: 'merge', path: '/attributes/purchasable_offer', value: prices.filter((p) => p.remove !== true).map(offerOf) };
}

/** The patches of one SKU's message: a merge of the offers to set, then a delete of the business offers to remove. */
export function purchasableOfferPatches(prices: readonly OfferPrice[]): PurchasableOfferPatch[] {
  const patches: PurchasableOfferPatch[] = [];
  if (prices.some((p) => p.remove !== true)) patches.push(purchasableOfferPatch(prices));
  const removed = prices.filter((p) => p.remove === true);
  if (removed.length > 0) patches.push({ op: 'delete', path: '/attributes/purchasable_offer', value: removed.map((p) => ({ marketplace_id: p.marketplaceId, currency: p.currency, audience: p.audience ?? 'B2B' })) });
  return patches;
}
