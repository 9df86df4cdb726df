/**
 * Sales prices from M3: OIS017MI (price-list maintenance) and OIS320MI (the price M3 computes for a customer).
 * OIS017MI.LstPriceList is reported by integrators to answer every version whatever filter it gets, so the version
 * valid on a day is picked here from all rows; LstBasePrice then lists that version's item prices.
 */
import { z } from 'zod';
import { PermanentError } from '../../core/errors';
import type { MiExecutor } from './m3-client';
import { allRecords, MiDecimalText, oneRecord } from './mi-records';

const VersionSchema = z.object({ PRRF: z.string(), CUCD: z.string(), FVDT: z.string(), LVDT: z.string().default('') }).passthrough();
const BasePriceSchema = z.object({ ITNO: z.string(), SAPR: MiDecimalText }).passthrough();
const PriceLineSchema = z.object({ SAPR: MiDecimalText, CUCD: z.string().default('') }).passthrough();

export interface BasePrice { itemNumber: string; amount: string }

/** The FVDT of the version of price list × currency valid on `day` (YYYYMMDD), or undefined when none is. */
export async function validVersion(m3: MiExecutor, priceList: string, currency: string, day: string): Promise<string | undefined> {
  const rows = allRecords(VersionSchema, await m3.execute('OIS017MI', 'LstPriceList', { PRRF: priceList, CUCD: currency }, { maxrecs: 0 }), 'OIS017MI.LstPriceList');
  const valid = rows
    .filter((r) => r.PRRF.trim() === priceList && r.CUCD.trim() === currency && r.FVDT <= day && (r.LVDT.trim() === '' || r.LVDT === '0' || day <= r.LVDT))
    .sort((a, b) => b.FVDT.localeCompare(a.FVDT));
  return valid[0]?.FVDT;
}

export async function listBasePrices(m3: MiExecutor, priceList: string, currency: string, validFrom: string): Promise<BasePrice[]> {
  const rows = allRecords(BasePriceSchema, await m3.execute('OIS017MI', 'LstBasePrice', { PRRF: priceList, CUCD: currency, FVDT: validFrom }, { maxrecs: 0 }), 'OIS017MI.LstBasePrice');
  return rows.map((r) => ({ itemNumber: r.ITNO.trim(), amount: r.SAPR }));
}

/** One item's price in a price-list version (OIS017MI.GetBasePrice); undefined when the version has no line for it (NOK). */
export async function basePrice(m3: MiExecutor, priceList: string, currency: string, validFrom: string, itemNumber: string): Promise<string | undefined> {
  try {
    return oneRecord(BasePriceSchema, await m3.execute('OIS017MI', 'GetBasePrice', { PRRF: priceList, CUCD: currency, FVDT: validFrom, ITNO: itemNumber }), 'OIS017MI.GetBasePrice').SAPR;
  } catch (error) {
    // M3 answers NOK for an item without a line; any other failure (transient, auth) propagates.
    if (error instanceof PermanentError && error.code !== 'UNEXPECTED_RESPONSE') return undefined;
    throw error;
  }
}

/** OIS320MI.GetPriceLine: the sales price M3 would put on an order line of this customer today. */
export async function customerPrice(m3: MiExecutor, customer: string, itemNumber: string, currency: string): Promise<string> {
  return oneRecord(PriceLineSchema, await m3.execute('OIS320MI', 'GetPriceLine', { CUNO: customer, ITNO: itemNumber, CUCD: currency }), 'OIS320MI.GetPriceLine').SAPR;
}
