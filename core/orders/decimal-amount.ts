/** Exact decimal arithmetic on Amazon money strings (never floats: amounts are summed and divided). */
import Decimal from 'decimal.js';

/** Plain decimal text without exponent, trailing zeros kept as computed (e.g. "19.99", "0", "-3.5"). */
export function decimalText(value: Decimal): string {
  return value.isZero() ? '0' : value.toFixed();
}

export function parseAmount(text: string): Decimal {
  return new Decimal(text);
}

export function sumAmounts(values: readonly (string | undefined)[]): string | undefined {
  const present = values.filter((v): v is string => v !== undefined);
  if (present.length === 0) return undefined;
  return decimalText(present.reduce((acc, v) => acc.plus(new Decimal(v)), new Decimal(0)));
}

export function absAmount(text: string | undefined): string | undefined {
  return text === undefined ? undefined : decimalText(new Decimal(text).abs());
}

/**
 * Divides a line total by the quantity. Exact when the division terminates within `maxPlaces`
 * decimals; otherwise rounded half-up, and `exact` is false so the plan can report it.
 */
export function divideAmount(total: string, quantity: number, maxPlaces = 6): { value: string; exact: boolean } {
  const quotient = new Decimal(total).dividedBy(quantity);
  const rounded = quotient.toDecimalPlaces(maxPlaces, Decimal.ROUND_HALF_UP);
  return { value: decimalText(rounded), exact: rounded.times(quantity).equals(new Decimal(total)) };
}

export function isPositiveAmount(text: string | undefined): boolean {
  return text !== undefined && new Decimal(text).greaterThan(0);
}
