/**
 * Decides per SKU and marketplace what happens to the price M3 holds: nothing (Amazon already has it, or it waits to
 * be sent), send it, or park it for approval (beyond the allowed change, below the floor). A zero or negative price is
 * never sent. Prices are compared as exact decimals, rounded to the currency's two decimals first.
 */
import Decimal from 'decimal.js';

export interface PriceCandidate {
  sku: string;
  itemNumber: string;
  /** M3's price, decimal text. */
  amount: string;
}

export interface PriceKnowledge {
  /** What Amazon last accepted. */
  accepted?: string;
  /** A value waiting in the buffer. */
  pending?: string;
  /** A value an operator approved (re-driven parked item). */
  approved?: string;
}

export type PriceDecision =
  | { kind: 'unchanged'; sku: string }
  | { kind: 'send'; sku: string; itemNumber: string; amount: string }
  | { kind: 'park'; sku: string; itemNumber: string; amount: string; reason: 'ZERO_PRICE' | 'BELOW_FLOOR' | 'PRICE_CHANGE_TOO_LARGE'; message: string };

export interface PriceGuardrails {
  maxChangePercent: number;
  floor: string;
}

/** Amazon offer prices carry two decimals in every currency the app maps (JPY prices are whole numbers in M3 anyway). */
export function offerAmount(amount: Decimal.Value): string {
  return new Decimal(amount).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

export function decidePrice(candidate: PriceCandidate, known: PriceKnowledge, guard: PriceGuardrails): PriceDecision {
  const amount = offerAmount(candidate.amount);
  const { sku, itemNumber } = candidate;
  if (known.pending === amount || (known.pending === undefined && known.accepted === amount)) return { kind: 'unchanged', sku };
  const value = new Decimal(amount);
  if (value.lte(0)) return { kind: 'park', sku, itemNumber, amount, reason: 'ZERO_PRICE', message: `M3 gives SKU ${sku} a price of ${amount}; a zero price is never sent` };
  if (known.approved === amount) return { kind: 'send', sku, itemNumber, amount };
  if (value.lt(guard.floor)) return { kind: 'park', sku, itemNumber, amount, reason: 'BELOW_FLOOR', message: `price ${amount} of SKU ${sku} is below the floor ${offerAmount(guard.floor)}` };
  if (known.accepted !== undefined && new Decimal(known.accepted).gt(0)) {
    const before = new Decimal(known.accepted);
    const percent = value.minus(before).abs().div(before).times(100);
    if (percent.gt(guard.maxChangePercent)) {
      return { kind: 'park', sku, itemNumber, amount, reason: 'PRICE_CHANGE_TOO_LARGE', message: `price of SKU ${sku} would change from ${known.accepted} to ${amount} (${percent.toDecimalPlaces(1).toFixed()} %, more than ${guard.maxChangePercent} %); re-drive to approve` };
    }
  }
  return { kind: 'send', sku, itemNumber, amount };
}
