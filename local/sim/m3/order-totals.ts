/**
 * What a customer order is worth, as the sandbox shows it: net, VAT and gross in the order's currency. A customer with
 * TINC 1 ("VAT included", CRS610 order info) sends gross prices, so VAT is taken out of them; with TINC 0 prices are
 * net and VAT is added. How real M3 applies TINC is not publicly documented; this is the plain reading of the flag.
 */
import Decimal from 'decimal.js';
import type { CustomerOrder, SimData } from './m3-sim-state';

/** Standard VAT / GST rates (percent) per country code, the simulator's own table; 0 where sales tax is outside M3. */
const STANDARD_VAT: Record<string, number> = {
  DE: 19, FR: 20, IT: 22, ES: 21, NL: 21, SE: 25, PL: 23, BE: 21, IE: 23, UK: 20, GB: 20, TR: 20, AE: 5, SA: 15,
  EG: 14, IN: 18, ZA: 15, JP: 10, AU: 10, SG: 9, MX: 16, CA: 0, US: 0, BR: 0,
};

export interface OrderTotals { CUCD: string; net: string; vat: string; gross: string }

export function orderTotals(data: SimData, order: CustomerOrder): OrderTotals {
  const customer = data.customers[order.CUNO];
  const percent = new Decimal(customer?.vatPercent ?? STANDARD_VAT[customer?.CSCD ?? ''] ?? 0);
  const included = (order.head.TINC ?? customer?.TINC ?? '0') === '1';
  let amount = new Decimal(0);
  // Lines closed without delivery (99) are no longer sold.
  for (const line of order.lines) if (line.ORST !== '99') amount = amount.plus(new Decimal(line.ORQT).times(line.SAPR || '0'));
  for (const charge of order.charges) amount = amount.plus(charge.fields.CRAM || '0');
  const rate = percent.dividedBy(100);
  const net = included ? amount.dividedBy(rate.plus(1)).toDecimalPlaces(2) : amount.toDecimalPlaces(2);
  const gross = included ? amount.toDecimalPlaces(2) : net.times(rate.plus(1)).toDecimalPlaces(2);
  return { CUCD: order.head.CUCD || customer?.CUCD || '', net: net.toFixed(2), vat: gross.minus(net).toFixed(2), gross: gross.toFixed(2) };
}
