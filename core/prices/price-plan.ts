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

const PLAIN = /^(-?)(\d+)(?:\.(\d*))?$/;

/** Whole cents of decimal text, rounded half up (exact integer arithmetic: a sweep decides 100,000 prices). */
export function cents(amount: string): bigint {
  const m = PLAIN.exec(amount.trim());
  if (!m) return BigInt(new Decimal(amount).times(100).toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toFixed(0));
  const fraction = (m[3] ?? '').padEnd(3, '0');
  let value = BigInt(m[2]!) * 100n + BigInt(fraction.slice(0, 2));
  if (fraction.charCodeAt(2) >= 53) value += 1n; // third decimal ≥ 5: round half up (away from zero)
  return m[1] === '-' ? -value : value;
}

export function centsText(value: bigint): string {
  const sign = value < 0n ? '-' : '';
  const abs = value < 0n ? -value : value;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** The percentage as an exact ratio: 4 decimals of maxChangePercent are kept. */
const PERCENT_SCALE = 10_000n;

/** Whether moving from `before` to `value` (cents) changes the price by more than `maxChangePercent`; the change in percent when it does. */
export function changeBeyond(before: bigint, value: bigint, maxChangePercent: number): string | undefined {
  const change = value > before ? value - before : before - value;
  const limit = BigInt(Math.round(maxChangePercent * Number(PERCENT_SCALE)));
  if (!(before > 0n && change * 100n * PERCENT_SCALE > limit * before)) return undefined;
  return new Decimal(change.toString()).div(before.toString()).times(100).toDecimalPlaces(1).toFixed();
}

export function decidePrice(candidate: PriceCandidate, known: PriceKnowledge, guard: PriceGuardrails): PriceDecision {
  const value = cents(candidate.amount);
  const amount = centsText(value);
  const { sku, itemNumber } = candidate;
  if (known.pending === amount || (known.pending === undefined && known.accepted === amount)) return { kind: 'unchanged', sku };
  if (value <= 0n) return { kind: 'park', sku, itemNumber, amount, reason: 'ZERO_PRICE', message: `M3 gives SKU ${sku} a price of ${amount}; a zero price is never sent` };
  if (known.approved === amount) return { kind: 'send', sku, itemNumber, amount };
  if (value < cents(guard.floor)) return { kind: 'park', sku, itemNumber, amount, reason: 'BELOW_FLOOR', message: `price ${amount} of SKU ${sku} is below the floor ${offerAmount(guard.floor)}` };
  if (known.accepted !== undefined) {
    const percent = changeBeyond(cents(known.accepted), value, guard.maxChangePercent);
    if (percent !== undefined) {
      return { kind: 'park', sku, itemNumber, amount, reason: 'PRICE_CHANGE_TOO_LARGE', message: `price of SKU ${sku} would change from ${known.accepted} to ${amount} (${percent} %, more than ${guard.maxChangePercent} %); re-drive to approve` };
    }
  }
  return { kind: 'send', sku, itemNumber, amount };
}
