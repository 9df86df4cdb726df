/**
 * Minor units of the currencies of Amazon's marketplaces (ISO 4217): the yen has none, every other currency the app
 * maps (EUR, GBP, USD, CAD, MXN, BRL, SEK, PLN, TRY, AED, SAR, EGP, INR, SGD, AUD, …) has two. A derived price is
 * rounded to this many decimals.
 */
const NO_MINOR_UNIT = new Set(['JPY']);

export function currencyDecimals(currency: string): number {
  return NO_MINOR_UNIT.has(currency.toUpperCase()) ? 0 : 2;
}
