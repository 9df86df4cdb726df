/**
 * Amazon's 23 marketplaces as the simulator knows them (Amazon's "Marketplace IDs" page), with what the order generator
 * needs to write realistic orders: currency, region, and how prices carry tax there. The simulator keeps its own table so
 * that a marketplace the app forgot shows up as a failure instead of passing unnoticed.
 */

export type SimRegion = 'NA' | 'EU' | 'FE';

/**
 * - `vat-inclusive`: consumer prices include VAT/GST (EU, UK, JP and most of the world); the tax data states the
 *   included part.
 * - `marketplace-facilitator`: prices exclude sales tax, which Amazon adds, collects and remits (US, and CA for GST/HST).
 */
export type TaxModel = 'vat-inclusive' | 'marketplace-facilitator';

export interface SimMarketplace {
  id: string;
  /** Amazon's two-letter marketplace code (UK, not GB). */
  code: string;
  /** ISO 3166-1 country of delivery addresses (GB for the UK). */
  countryCode: string;
  region: SimRegion;
  currency: string;
  /** Digits of the currency's minor unit (JPY has none). */
  decimals: number;
  name: string;
  taxModel: TaxModel;
  /** Standard VAT/GST/sales-tax rate in percent used for generated orders (a simplification: one rate per marketplace). */
  taxRate: number;
  /** Prefix of the buyer VAT number on business orders (the country's VAT id format, simplified). */
  vatPrefix?: string;
}

export const SIM_MARKETPLACES: readonly SimMarketplace[] = [
  { id: 'ATVPDKIKX0DER', code: 'US', countryCode: 'US', region: 'NA', currency: 'USD', decimals: 2, name: 'Amazon.com', taxModel: 'marketplace-facilitator', taxRate: 8.25 },
  { id: 'A2EUQ1WTGCTBG2', code: 'CA', countryCode: 'CA', region: 'NA', currency: 'CAD', decimals: 2, name: 'Amazon.ca', taxModel: 'marketplace-facilitator', taxRate: 13 },
  { id: 'A1AM78C64UM0Y8', code: 'MX', countryCode: 'MX', region: 'NA', currency: 'MXN', decimals: 2, name: 'Amazon.com.mx', taxModel: 'vat-inclusive', taxRate: 16 },
  { id: 'A2Q3Y263D00KWC', code: 'BR', countryCode: 'BR', region: 'NA', currency: 'BRL', decimals: 2, name: 'Amazon.com.br', taxModel: 'vat-inclusive', taxRate: 17 },
  { id: 'A1F83G8C2ARO7P', code: 'UK', countryCode: 'GB', region: 'EU', currency: 'GBP', decimals: 2, name: 'Amazon.co.uk', taxModel: 'vat-inclusive', taxRate: 20, vatPrefix: 'GB' },
  { id: 'A1PA6795UKMFR9', code: 'DE', countryCode: 'DE', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.de', taxModel: 'vat-inclusive', taxRate: 19, vatPrefix: 'DE' },
  { id: 'A13V1IB3VIYZZH', code: 'FR', countryCode: 'FR', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.fr', taxModel: 'vat-inclusive', taxRate: 20, vatPrefix: 'FR' },
  { id: 'APJ6JRA9NG5V4', code: 'IT', countryCode: 'IT', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.it', taxModel: 'vat-inclusive', taxRate: 22, vatPrefix: 'IT' },
  { id: 'A1RKKUPIHCS9HS', code: 'ES', countryCode: 'ES', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.es', taxModel: 'vat-inclusive', taxRate: 21, vatPrefix: 'ES' },
  { id: 'A1805IZSGTT6HS', code: 'NL', countryCode: 'NL', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.nl', taxModel: 'vat-inclusive', taxRate: 21, vatPrefix: 'NL' },
  { id: 'A2NODRKZP88ZB9', code: 'SE', countryCode: 'SE', region: 'EU', currency: 'SEK', decimals: 2, name: 'Amazon.se', taxModel: 'vat-inclusive', taxRate: 25, vatPrefix: 'SE' },
  { id: 'A1C3SOZRARQ6R3', code: 'PL', countryCode: 'PL', region: 'EU', currency: 'PLN', decimals: 2, name: 'Amazon.pl', taxModel: 'vat-inclusive', taxRate: 23, vatPrefix: 'PL' },
  { id: 'AMEN7PMS3EDWL', code: 'BE', countryCode: 'BE', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.com.be', taxModel: 'vat-inclusive', taxRate: 21, vatPrefix: 'BE' },
  { id: 'A28R8C7NBKEWEA', code: 'IE', countryCode: 'IE', region: 'EU', currency: 'EUR', decimals: 2, name: 'Amazon.ie', taxModel: 'vat-inclusive', taxRate: 23, vatPrefix: 'IE' },
  { id: 'A33AVAJ2PDY3EV', code: 'TR', countryCode: 'TR', region: 'EU', currency: 'TRY', decimals: 2, name: 'Amazon.com.tr', taxModel: 'vat-inclusive', taxRate: 20 },
  { id: 'A2VIGQ35RCS4UG', code: 'AE', countryCode: 'AE', region: 'EU', currency: 'AED', decimals: 2, name: 'Amazon.ae', taxModel: 'vat-inclusive', taxRate: 5 },
  { id: 'A17E79C6D8DWNP', code: 'SA', countryCode: 'SA', region: 'EU', currency: 'SAR', decimals: 2, name: 'Amazon.sa', taxModel: 'vat-inclusive', taxRate: 15 },
  { id: 'ARBP9OOSHTCHU', code: 'EG', countryCode: 'EG', region: 'EU', currency: 'EGP', decimals: 2, name: 'Amazon.eg', taxModel: 'vat-inclusive', taxRate: 14 },
  { id: 'A21TJRUUN4KGV', code: 'IN', countryCode: 'IN', region: 'EU', currency: 'INR', decimals: 2, name: 'Amazon.in', taxModel: 'vat-inclusive', taxRate: 18 },
  { id: 'AE08WJ6YKNBMC', code: 'ZA', countryCode: 'ZA', region: 'EU', currency: 'ZAR', decimals: 2, name: 'Amazon.co.za', taxModel: 'vat-inclusive', taxRate: 15 },
  { id: 'A1VC38T7YXB528', code: 'JP', countryCode: 'JP', region: 'FE', currency: 'JPY', decimals: 0, name: 'Amazon.co.jp', taxModel: 'vat-inclusive', taxRate: 10 },
  { id: 'A39IBJ37TRP1C6', code: 'AU', countryCode: 'AU', region: 'FE', currency: 'AUD', decimals: 2, name: 'Amazon.com.au', taxModel: 'vat-inclusive', taxRate: 10 },
  { id: 'A19VAU5U5O7RUS', code: 'SG', countryCode: 'SG', region: 'FE', currency: 'SGD', decimals: 2, name: 'Amazon.sg', taxModel: 'vat-inclusive', taxRate: 9 },
];

export function simMarketplace(id: string): SimMarketplace | undefined {
  return SIM_MARKETPLACES.find((m) => m.id === id);
}

/** By Amazon's code (US, UK, DE …) or by marketplace id. */
export function findMarketplace(idOrCode: string): SimMarketplace | undefined {
  const key = idOrCode.trim();
  return SIM_MARKETPLACES.find((m) => m.id === key || m.code === key.toUpperCase());
}
