/**
 * SP-API endpoints per region for the connector. The marketplaces themselves (ids, regions, currencies) live in one
 * table in core/marketplaces; this file only turns it into what an HTTP client needs.
 */
import { AMAZON_MARKETPLACES, REGION_ENDPOINTS as ENDPOINTS, marketplaceById, regionOfMarketplace, type AmazonMarketplace, type AmazonRegion } from '../../core/marketplaces';

export type SpApiRegion = AmazonRegion;
export type Marketplace = AmazonMarketplace;

export const REGION_ENDPOINTS: Record<SpApiRegion, string> = { NA: ENDPOINTS.NA.production, EU: ENDPOINTS.EU.production, FE: ENDPOINTS.FE.production };
export const SANDBOX_ENDPOINTS: Record<SpApiRegion, string> = { NA: ENDPOINTS.NA.sandbox, EU: ENDPOINTS.EU.sandbox, FE: ENDPOINTS.FE.sandbox };

export const LWA_TOKEN_URL = 'https://api.amazon.com/auth/o2/token';

export const MARKETPLACES: readonly Marketplace[] = AMAZON_MARKETPLACES;
export { marketplaceById, regionOfMarketplace };

/**
 * The base URL of a region: the region's production host, or an override. An override may hold `{region}` (replaced by
 * `na`, `eu` or `fe`), so one test server can stand in for the three regional hosts and still tell them apart.
 */
export function regionBaseUrl(region: SpApiRegion, override?: string): string {
  const url = override ? override.replace(/\{region\}/g, region.toLowerCase()) : REGION_ENDPOINTS[region];
  return url.replace(/\/+$/, '');
}
