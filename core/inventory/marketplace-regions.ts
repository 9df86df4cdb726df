// Per-channel lookups for inventory mappings, written per marketplace id, region or "*"; the regions come from the one
// marketplace table in core/marketplaces.
import { regionOfMarketplace, type AmazonRegion } from '../marketplaces';

export { regionOfMarketplace, type AmazonRegion };

/**
 * Looks a key up in a per-channel table the way mappings are written: marketplace id first, then its region, then "*".
 */
export function lookupByChannel<T>(table: Readonly<Record<string, T>>, marketplaceId: string): T | undefined {
  if (Object.prototype.hasOwnProperty.call(table, marketplaceId)) return table[marketplaceId];
  const region = regionOfMarketplace(marketplaceId);
  if (region !== undefined && Object.prototype.hasOwnProperty.call(table, region)) return table[region];
  if (Object.prototype.hasOwnProperty.call(table, '*')) return table['*'];
  return undefined;
}
