/**
 * The business (Amazon Business, audience B2B) offer of a SKU on one marketplace: a business price and optional
 * quantity tiers. Decided like the consumer price (only changes are sent; zero never; floor; allowed change against the
 * business price Amazon last accepted), plus the tiers' own rule: lower bounds increase and the unit price falls with
 * every tier (fixed tiers: each price below the one before and below the business price; percent tiers: each
 * percentage above the one before, between 0 and 100). A tier table breaking that rule is parked, even when approved:
 * Amazon would refuse it.
 */
import Decimal from 'decimal.js';
import { cents, centsText, changeBeyond, offerAmount, type PriceGuardrails, type PriceKnowledge } from './price-plan';

export type DiscountType = 'fixed' | 'percent';

/** One tier: from `lowerBound` pieces, a unit price (`fixed`) or a percentage off the business price (`percent`); decimal text. */
export interface QuantityTier { lowerBound: number; value: string }

export interface BusinessOffer {
  /** Business price, two decimals. */
  amount: string;
  discountType: DiscountType;
  /** Empty: no quantity tiers. Values with two decimals. */
  tiers: QuantityTier[];
}

export interface BusinessCandidate {
  sku: string;
  itemNumber: string;
  /** M3's business price, decimal text. */
  amount: string;
  discountType: DiscountType;
  tiers: readonly QuantityTier[];
}

export type BusinessParkReason = 'ZERO_PRICE' | 'BELOW_FLOOR' | 'PRICE_CHANGE_TOO_LARGE' | 'INVALID_QUANTITY_TIERS';

export type BusinessDecision =
  | { kind: 'unchanged'; sku: string }
  | { kind: 'send'; sku: string; itemNumber: string; offer: BusinessOffer; text: string }
  | { kind: 'park'; sku: string; itemNumber: string; offer: BusinessOffer; text: string; reason: BusinessParkReason; message: string };

/**
 * The offer as one comparable text, kept as what was sent, accepted, is pending or was approved:
 * `18.00`, `18.00; fixed 5:17.00 10:16.00` or `18.00; percent 5:5.00 10:10.00`.
 */
export function businessOfferText(offer: BusinessOffer): string {
  if (offer.tiers.length === 0) return offer.amount;
  return `${offer.amount}; ${offer.discountType} ${offer.tiers.map((t) => `${t.lowerBound}:${t.value}`).join(' ')}`;
}

/** Reads a text written by businessOfferText back; undefined when it is not one. */
export function parseBusinessOfferText(text: string): BusinessOffer | undefined {
  const m = /^(\d+\.\d{2})(?:; (fixed|percent) ((?:\d+:\d+\.\d{2} ?)+))?$/.exec(text.trim());
  if (!m) return undefined;
  const tiers = (m[3] ?? '').trim().split(' ').filter((t) => t !== '').map((t) => {
    const [lowerBound = '0', value = '0'] = t.split(':');
    return { lowerBound: Number(lowerBound), value };
  });
  return { amount: m[1]!, discountType: m[2] === 'percent' ? 'percent' : 'fixed', tiers };
}

function tierProblem(sku: string, amount: bigint, discountType: DiscountType, tiers: readonly { lowerBound: number; value: bigint }[]): { reason: BusinessParkReason; message: string } | undefined {
  let before: { lowerBound: number; value: bigint } | undefined;
  for (const t of tiers) {
    if (!Number.isInteger(t.lowerBound) || t.lowerBound < 2) return { reason: 'INVALID_QUANTITY_TIERS', message: `quantity tier of SKU ${sku} starts at ${t.lowerBound} pieces; a tier starts at 2 or more` };
    if (before !== undefined && t.lowerBound <= before.lowerBound) return { reason: 'INVALID_QUANTITY_TIERS', message: `quantity tiers of SKU ${sku} must have increasing lower bounds: ${t.lowerBound} follows ${before.lowerBound}` };
    if (discountType === 'fixed') {
      if (t.value <= 0n) return { reason: 'ZERO_PRICE', message: `M3 gives SKU ${sku} a tier price of ${centsText(t.value)} from ${t.lowerBound} pieces; a zero price is never sent` };
      const ceiling = before?.value ?? amount;
      if (t.value >= ceiling) {
        const what = before === undefined ? `the business price ${centsText(amount)}` : `the price ${centsText(before.value)} from ${before.lowerBound} pieces`;
        return { reason: 'INVALID_QUANTITY_TIERS', message: `quantity tier prices of SKU ${sku} must fall: ${centsText(t.value)} from ${t.lowerBound} pieces is not below ${what}` };
      }
    } else {
      if (t.value <= 0n || t.value >= 10_000n) return { reason: 'INVALID_QUANTITY_TIERS', message: `quantity discount of SKU ${sku} from ${t.lowerBound} pieces is ${centsText(t.value)} %; it must be more than 0 and less than 100` };
      if (before !== undefined && t.value <= before.value) return { reason: 'INVALID_QUANTITY_TIERS', message: `quantity discounts of SKU ${sku} must grow: ${centsText(t.value)} % from ${t.lowerBound} pieces is not above ${centsText(before.value)} % from ${before.lowerBound}` };
    }
    before = t;
  }
  return undefined;
}

/** The lowest unit price the offer allows a buyer (the last tier's), in cents; a percentage rounds down, to judge the floor safely. */
function lowestUnitPrice(amount: bigint, discountType: DiscountType, tiers: readonly { value: bigint }[]): bigint {
  const last = tiers[tiers.length - 1];
  if (last === undefined) return amount;
  if (discountType === 'fixed') return last.value;
  return BigInt(new Decimal(amount.toString()).times(new Decimal(10_000).minus(last.value.toString())).div(10_000).toDecimalPlaces(0, Decimal.ROUND_DOWN).toFixed(0));
}

/** `known` holds offer texts (businessOfferText). */
export function decideBusinessOffer(candidate: BusinessCandidate, known: PriceKnowledge, guard: PriceGuardrails): BusinessDecision {
  const { sku, itemNumber, discountType } = candidate;
  const value = cents(candidate.amount);
  const tiers = [...candidate.tiers].map((t) => ({ lowerBound: t.lowerBound, value: cents(t.value) }));
  const offer: BusinessOffer = { amount: centsText(value), discountType, tiers: tiers.map((t) => ({ lowerBound: t.lowerBound, value: centsText(t.value) })) };
  const text = businessOfferText(offer);
  if (known.pending === text || (known.pending === undefined && known.accepted === text)) return { kind: 'unchanged', sku };
  const park = (reason: BusinessParkReason, message: string): BusinessDecision => ({ kind: 'park', sku, itemNumber, offer, text, reason, message });
  if (value <= 0n) return park('ZERO_PRICE', `M3 gives SKU ${sku} a business price of ${offer.amount}; a zero price is never sent`);
  const problem = tierProblem(sku, value, discountType, tiers);
  if (problem !== undefined) return park(problem.reason, problem.message);
  if (known.approved === text) return { kind: 'send', sku, itemNumber, offer, text };
  const floor = cents(guard.floor);
  if (value < floor) return park('BELOW_FLOOR', `business price ${offer.amount} of SKU ${sku} is below the floor ${offerAmount(guard.floor)}`);
  const lowest = lowestUnitPrice(value, discountType, tiers);
  if (lowest < floor) return park('BELOW_FLOOR', `quantity tiers of SKU ${sku} bring the business price down to ${centsText(lowest)}, below the floor ${offerAmount(guard.floor)}`);
  const accepted = known.accepted === undefined ? undefined : parseBusinessOfferText(known.accepted);
  if (accepted !== undefined) {
    const percent = changeBeyond(cents(accepted.amount), value, guard.maxChangePercent);
    if (percent !== undefined) return park('PRICE_CHANGE_TOO_LARGE', `business price of SKU ${sku} would change from ${accepted.amount} to ${offer.amount} (${percent} %, more than ${guard.maxChangePercent} %); re-drive to approve`);
  }
  return { kind: 'send', sku, itemNumber, offer, text };
}
