/**
 * Amazon's marketplaces: the one table every flow and connector reads (region and endpoint for SP-API calls, currency,
 * the locale settlement files are written in). Ids and regions are Amazon's published list
 * (https://developer-docs.amazon.com/sp-api/docs/marketplace-ids); endpoints per region from
 * https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints. Pure data: no I/O.
 */

export type AmazonRegion = 'NA' | 'EU' | 'FE';

export const AMAZON_REGIONS: readonly AmazonRegion[] = ['NA', 'EU', 'FE'];

export interface RegionEndpoints {
  /** Production SP-API host of the region. */
  production: string;
  /** Amazon's static sandbox host of the region. */
  sandbox: string;
}

export const REGION_ENDPOINTS: Readonly<Record<AmazonRegion, RegionEndpoints>> = {
  NA: { production: 'https://sellingpartnerapi-na.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-na.amazon.com' },
  EU: { production: 'https://sellingpartnerapi-eu.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-eu.amazon.com' },
  FE: { production: 'https://sellingpartnerapi-fe.amazon.com', sandbox: 'https://sandbox.sellingpartnerapi-fe.amazon.com' },
};

export interface AmazonMarketplace {
  id: string;
  /** Country code as Amazon shows it (the United Kingdom is "UK"). */
  country: string;
  /** ISO 3166-1 alpha-2 (the United Kingdom is "GB"). */
  isoCountry: string;
  region: AmazonRegion;
  /** ISO 4217 currency buyers pay in. */
  currency: string;
  /** The sales channel name orders carry (v0 `SalesChannel`, v2026 `salesChannel.marketplaceName`). */
  salesChannel: string;
  /**
   * Locale the settlement flat file writes numbers and dates in: it decides the decimal separator ("1.234,56" in
   * Germany). Marked `confirmed: false` where no Amazon sample of that marketplace's file was seen; the parser still
   * refuses an amount that the locale's separator cannot read, so a wrong guess stops a posting instead of skewing it.
   */
  settlementLocale: string;
  settlementLocaleConfirmed: boolean;
}

const m = (id: string, country: string, isoCountry: string, region: AmazonRegion, currency: string, salesChannel: string, settlementLocale: string, settlementLocaleConfirmed = true): AmazonMarketplace =>
  ({ id, country, isoCountry, region, currency, salesChannel, settlementLocale, settlementLocaleConfirmed });

export const AMAZON_MARKETPLACES: readonly AmazonMarketplace[] = [
  m('ATVPDKIKX0DER', 'US', 'US', 'NA', 'USD', 'Amazon.com', 'en_US'),
  m('A2EUQ1WTGCTBG2', 'CA', 'CA', 'NA', 'CAD', 'Amazon.ca', 'en_CA'),
  m('A1AM78C64UM0Y8', 'MX', 'MX', 'NA', 'MXN', 'Amazon.com.mx', 'es_MX'),
  m('A2Q3Y263D00KWC', 'BR', 'BR', 'NA', 'BRL', 'Amazon.com.br', 'pt_BR'),
  m('A1F83G8C2ARO7P', 'UK', 'GB', 'EU', 'GBP', 'Amazon.co.uk', 'en_GB'),
  m('A1PA6795UKMFR9', 'DE', 'DE', 'EU', 'EUR', 'Amazon.de', 'de_DE'),
  m('A13V1IB3VIYZZH', 'FR', 'FR', 'EU', 'EUR', 'Amazon.fr', 'fr_FR'),
  m('APJ6JRA9NG5V4', 'IT', 'IT', 'EU', 'EUR', 'Amazon.it', 'it_IT'),
  m('A1RKKUPIHCS9HS', 'ES', 'ES', 'EU', 'EUR', 'Amazon.es', 'es_ES'),
  m('A1805IZSGTT6HS', 'NL', 'NL', 'EU', 'EUR', 'Amazon.nl', 'nl_NL'),
  m('A2NODRKZP88ZB9', 'SE', 'SE', 'EU', 'SEK', 'Amazon.se', 'sv_SE', false),
  m('A1C3SOZRARQ6R3', 'PL', 'PL', 'EU', 'PLN', 'Amazon.pl', 'pl_PL', false),
  m('AMEN7PMS3EDWL', 'BE', 'BE', 'EU', 'EUR', 'Amazon.com.be', 'fr_BE', false),
  m('A28R8C7NBKEWEA', 'IE', 'IE', 'EU', 'EUR', 'Amazon.ie', 'en_IE', false),
  m('A33AVAJ2PDY3EV', 'TR', 'TR', 'EU', 'TRY', 'Amazon.com.tr', 'tr_TR', false),
  m('A2VIGQ35RCS4UG', 'AE', 'AE', 'EU', 'AED', 'Amazon.ae', 'en_AE', false),
  m('A17E79C6D8DWNP', 'SA', 'SA', 'EU', 'SAR', 'Amazon.sa', 'en_SA', false),
  m('ARBP9OOSHTCHU', 'EG', 'EG', 'EU', 'EGP', 'Amazon.eg', 'en_EG', false),
  m('A21TJRUUN4KGV', 'IN', 'IN', 'EU', 'INR', 'Amazon.in', 'en_IN', false),
  m('AE08WJ6YKNBMC', 'ZA', 'ZA', 'EU', 'ZAR', 'Amazon.co.za', 'en_ZA', false),
  m('A1VC38T7YXB528', 'JP', 'JP', 'FE', 'JPY', 'Amazon.co.jp', 'ja_JP'),
  m('A39IBJ37TRP1C6', 'AU', 'AU', 'FE', 'AUD', 'Amazon.com.au', 'en_AU', false),
  m('A19VAU5U5O7RUS', 'SG', 'SG', 'FE', 'SGD', 'Amazon.sg', 'en_SG', false),
];

const BY_ID: ReadonlyMap<string, AmazonMarketplace> = new Map(AMAZON_MARKETPLACES.map((x) => [x.id, x]));

export function marketplaceById(id: string): AmazonMarketplace | undefined {
  return BY_ID.get(id);
}

/** The region of a marketplace id, or undefined for an id this table does not know. */
export function regionOfMarketplace(id: string): AmazonRegion | undefined {
  return BY_ID.get(id)?.region;
}

export function marketplacesOfRegion(region: AmazonRegion): AmazonMarketplace[] {
  return AMAZON_MARKETPLACES.filter((x) => x.region === region);
}

/** The settlement file locale of a marketplace; undefined for an unknown one (the parser then infers the separator). */
export function settlementLocaleOf(marketplaceId: string | undefined): string | undefined {
  return marketplaceId === undefined ? undefined : BY_ID.get(marketplaceId)?.settlementLocale;
}
