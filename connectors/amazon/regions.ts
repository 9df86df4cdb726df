/** SP-API regions, their endpoints and the marketplace ids sold in each (research/spapi/FACTS.md §1, Docs "SP-API Endpoints", "Marketplace IDs"). */

export type SpApiRegion = 'NA' | 'EU' | 'FE';

export const REGION_ENDPOINTS: Record<SpApiRegion, string> = {
  NA: 'https://sellingpartnerapi-na.amazon.com',
  EU: 'https://sellingpartnerapi-eu.amazon.com',
  FE: 'https://sellingpartnerapi-fe.amazon.com',
};

export const SANDBOX_ENDPOINTS: Record<SpApiRegion, string> = {
  NA: 'https://sandbox.sellingpartnerapi-na.amazon.com',
  EU: 'https://sandbox.sellingpartnerapi-eu.amazon.com',
  FE: 'https://sandbox.sellingpartnerapi-fe.amazon.com',
};

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export interface Marketplace {
  id: string;
  country: string;
  region: SpApiRegion;
  currency: string;
  salesChannel: string;
}

export const MARKETPLACES: readonly Marketplace[] = [
  { id: 'ATVPDKIKX0DER', country: 'US', region: 'NA', currency: 'USD', salesChannel: 'Amazon.com' },
  { id: 'A2EUQ1WTGCTBG2', country: 'CA', region: 'NA', currency: 'CAD', salesChannel: 'Amazon.ca' },
  { id: 'A1AM78C64UM0Y8', country: 'MX', region: 'NA', currency: 'MXN', salesChannel: 'Amazon.com.mx' },
  { id: 'A2Q3Y263D00KWC', country: 'BR', region: 'NA', currency: 'BRL', salesChannel: 'Amazon.com.br' },
  // Amazon shows the UK as "UK"; the ISO country code is GB.
  { id: 'A1F83G8C2ARO7P', country: 'GB', region: 'EU', currency: 'GBP', salesChannel: 'Amazon.co.uk' },
  { id: 'A1PA6795UKMFR9', country: 'DE', region: 'EU', currency: 'EUR', salesChannel: 'Amazon.de' },
  { id: 'A13V1IB3VIYZZH', country: 'FR', region: 'EU', currency: 'EUR', salesChannel: 'Amazon.fr' },
  { id: 'APJ6JRA9NG5V4', country: 'IT', region: 'EU', currency: 'EUR', salesChannel: 'Amazon.it' },
  { id: 'A1RKKUPIHCS9HS', country: 'ES', region: 'EU', currency: 'EUR', salesChannel: 'Amazon.es' },
  { id: 'A1805IZSGTT6HS', country: 'NL', region: 'EU', currency: 'EUR', salesChannel: 'Amazon.nl' },
  { id: 'A1VC38T7YXB528', country: 'JP', region: 'FE', currency: 'JPY', salesChannel: 'Amazon.co.jp' },
];

export function marketplaceById(id: string): Marketplace | undefined {
  return MARKETPLACES.find((m) => m.id === id);
}

export function regionOfMarketplace(id: string): SpApiRegion | undefined {
  return marketplaceById(id)?.region;
}
