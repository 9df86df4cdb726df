// Amazon marketplace id -> SP-API region, so inventory mappings can be written per region (research/spapi/FACTS.md §1).
export type AmazonRegion = 'NA' | 'EU' | 'FE';

const REGION_BY_MARKETPLACE: Readonly<Record<string, AmazonRegion>> = {
  ATVPDKIKX0DER: 'NA', A2EUQ1WTGCTBG2: 'NA', A1AM78C64UM0Y8: 'NA', A2Q3Y263D00KWC: 'NA',
  A1F83G8C2ARO7P: 'EU', A1PA6795UKMFR9: 'EU', A13V1IB3VIYZZH: 'EU', APJ6JRA9NG5V4: 'EU',
  A1RKKUPIHCS9HS: 'EU', A1805IZSGTT6HS: 'EU', A2NODRKZP88ZB9: 'EU', A1C3SOZRARQ6R3: 'EU',
  AMEN7PMS3EDWL: 'EU', A28R8C7NBKEWEA: 'EU', A33AVAJ2PDY3EV: 'EU', A2VIGQ35RCS4UG: 'EU',
  A17E79C6D8DWNP: 'EU', ARBP9OOSHTCHU: 'EU', A21TJRUUN4KGV: 'EU', AE08WJ6YKNBMC: 'EU',
  A1VC38T7YXB528: 'FE', A39IBJ37TRP1C6: 'FE', A19VAU5U5O7RUS: 'FE',
};

/** The region of a marketplace id, or undefined for an id this table does not know. */
export function regionOfMarketplace(marketplaceId: string): AmazonRegion | undefined {
  return REGION_BY_MARKETPLACE[marketplaceId];
}

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
