/** Exact decimal arithmetic on Amazon money strings (never floats: amounts are summed and divided). */
import Decimal from 'decimal.js';

/**
 * Plain decimal text without exponent, with at least `scale` decimals so Amazon's "12.50" stays "12.50"
 * (e.g. "19.99", "0.00", "1500").
 */
export function decimalText(value: Decimal, scale = 0): string {
  const text = value.toFixed(Math.max(scale, value.decimalPlaces()));
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Decimals written in an amount text ("12.50" → 2, "1500" → 0). */
export function scaleOf(text: string): number {
  const plain = new Decimal(text).toFixed();
  const written = /^-?\d+(?:\.(\d+))?$/.exec(text.trim());
  return Math.max(written?.[1]?.length ?? 0, plain.includes('.') ? plain.split('.')[1].length : 0);
}

/** Amazon's amount text normalized (no exponent), its written decimals kept. */
export function amountText(text: string): string {
  return decimalText(new Decimal(text), scaleOf(text));
}

export function parseAmount(text: string): Decimal {
  return new Decimal(text);
}

export function sumAmounts(values: readonly (string | undefined)[]): string | undefined {
  const present = values.filter((v): v is string => v !== undefined);
  if (present.length === 0) return undefined;
  const scale = Math.max(...present.map(scaleOf));
  return decimalText(present.reduce((acc, v) => acc.plus(new Decimal(v)), new Decimal(0)), scale);
}

export function absAmount(text: string | undefined): string | undefined {
  return text === undefined ? undefined : decimalText(new Decimal(text).abs(), scaleOf(text));
}

/**
 * Divides a line total by the quantity. Exact when the division terminates within `maxPlaces`
 * decimals; otherwise rounded half-up, and `exact` is false so the plan can report it.
 */
export function divideAmount(total: string, quantity: number, maxPlaces = 6): { value: string; exact: boolean } {
  const quotient = new Decimal(total).dividedBy(quantity);
  const rounded = quotient.toDecimalPlaces(Math.max(maxPlaces, scaleOf(total)), Decimal.ROUND_HALF_UP);
  return { value: decimalText(rounded, scaleOf(total)), exact: rounded.times(quantity).equals(new Decimal(total)) };
}

export function isPositiveAmount(text: string | undefined): boolean {
  return text !== undefined && new Decimal(text).greaterThan(0);
}
