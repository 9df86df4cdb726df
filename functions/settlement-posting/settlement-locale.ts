/** The number/date locale of a settlement flat file, from its marketplace (EU files write "1.234,56"). */
import { settlementLocaleOf } from '../../core/marketplaces';

/** Undefined for an unknown marketplace: the parser then infers the decimal separator and refuses ambiguous amounts. */
export function settlementLocale(marketplaceId: string | undefined): string | undefined {
  return settlementLocaleOf(marketplaceId);
}
