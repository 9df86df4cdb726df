/** The number/date locale of a settlement flat file, from its marketplace: EU files write "1.234,56" (research/spapi/FACTS.md §10.3). */
import { marketplaceById } from '../../connectors/amazon';

const LOCALE_BY_COUNTRY: Record<string, string> = {
  US: 'en_US', CA: 'en_CA', MX: 'es_MX', BR: 'pt_BR', GB: 'en_GB', UK: 'en_GB', DE: 'de_DE', FR: 'fr_FR', IT: 'it_IT', ES: 'es_ES', NL: 'nl_NL',
  SE: 'sv_SE', PL: 'pl_PL', BE: 'fr_BE', TR: 'tr_TR', IE: 'en_IE', JP: 'ja_JP', IN: 'en_IN', AU: 'en_AU', SG: 'en_SG', AE: 'en_AE',
};

/** Undefined for an unknown marketplace: the parser then infers the decimal separator and refuses ambiguous amounts. */
export function settlementLocale(marketplaceId: string | undefined): string | undefined {
  if (marketplaceId === undefined) return undefined;
  const country = marketplaceById(marketplaceId)?.country;
  return country === undefined ? undefined : LOCALE_BY_COUNTRY[country];
}
