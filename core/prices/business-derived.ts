/**
 * A business price derived from the consumer price: the consumer price as Amazon receives it (rounded half up to the
 * currency's minor unit) less `percentOff` percent, rounded half up to the minor unit again. Exact decimals throughout:
 * 10.05 less 50 % is 5.03, never 5.02.
 */
import Decimal from 'decimal.js';
import { currencyDecimals } from './currency';

export function percentOffPrice(consumer: string, percentOff: string, currency: string): string {
  const places = currencyDecimals(currency);
  const base = new Decimal(consumer).toDecimalPlaces(places, Decimal.ROUND_HALF_UP);
  const factor = new Decimal(100).minus(new Decimal(percentOff)).div(100);
  return base.times(factor).toDecimalPlaces(places, Decimal.ROUND_HALF_UP).toFixed(places);
}
