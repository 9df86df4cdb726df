/**
 * The VAT basis of the prices the app sends to M3. Amazon's item and charge prices include VAT on most marketplaces
 * (EU, UK, JP, …) and exclude sales tax on US, CA, MX and BR, where the tax comes on top; Amazon reports the tax of
 * each price separately (item tax, shipping tax, gift-wrap tax). The mapped basis decides what SAPR and CRAM mean:
 * gross (M3 customer with prices including VAT) or net.
 *
 * Rounding rule: the line amount on the requested basis is exact (price ± tax, both exact cents from Amazon); the unit
 * price is that amount ÷ quantity, kept exact when it ends within 6 decimals, otherwise rounded half-up to 6 decimals
 * (reported as PRICE_ROUNDED, since quantity × unit price then differs from the line amount by less than a cent).
 */
import Decimal from 'decimal.js';
import type { MarketplaceMapping } from '../mapping/mappings-schema';

export type PriceBasis = 'gross' | 'net';

/** Marketplaces whose prices exclude sales tax: US, CA, MX, BR. */
const TAX_EXCLUSIVE_MARKETPLACES = new Set(['ATVPDKIKX0DER', 'A2EUQ1WTGCTBG2', 'A1AM78C64UM0Y8', 'A2Q3Y263D00KWC']);
const TAX_EXCLUSIVE_COUNTRIES = new Set(['US', 'CA', 'MX', 'BR']);

export function amazonPricesIncludeTax(marketplaceId: string | undefined, marketplace?: Pick<MarketplaceMapping, 'country'>): boolean {
  if (marketplaceId !== undefined && TAX_EXCLUSIVE_MARKETPLACES.has(marketplaceId)) return false;
  return !(marketplace?.country !== undefined && TAX_EXCLUSIVE_COUNTRIES.has(marketplace.country.toUpperCase()));
}

/** The mapped basis, else gross where Amazon's prices include VAT and net where they do not. */
export function priceBasisOf(marketplaceId: string | undefined, marketplace: Pick<MarketplaceMapping, 'country' | 'prices'>): PriceBasis {
  return marketplace.prices ?? (amazonPricesIncludeTax(marketplaceId, marketplace) ? 'gross' : 'net');
}

export const UNIT_PRICE_DECIMALS = 6;

/** An amount of Amazon's moved to the basis: minus its tax (inclusive → net) or plus it (exclusive → gross), else as is. */
export function onBasis(amount: Decimal.Value, tax: Decimal.Value | undefined, includesTax: boolean, basis: PriceBasis): Decimal {
  const a = new Decimal(amount);
  if (tax === undefined) return a;
  if (includesTax && basis === 'net') return a.minus(tax);
  if (!includesTax && basis === 'gross') return a.plus(tax);
  return a;
}

/** Unit price = line amount ÷ quantity per the rounding rule above. */
export function unitPriceOf(lineAmount: Decimal, quantity: number): { price: Decimal; exact: boolean } {
  const exact = lineAmount.div(quantity);
  const rounded = exact.toDecimalPlaces(UNIT_PRICE_DECIMALS, Decimal.ROUND_HALF_UP);
  return { price: rounded, exact: rounded.equals(exact) };
}

/** Whether the basis needs Amazon's tax figure to compute the price sent. */
export function needsTax(includesTax: boolean, basis: PriceBasis): boolean {
  return (includesTax && basis === 'net') || (!includesTax && basis === 'gross');
}
