import { AMAZON_MARKETPLACES, REGION_ENDPOINTS, marketplaceById, regionOfMarketplace, settlementLocaleOf } from '../../../core/marketplaces';
import { lookupByChannel } from '../../../core/inventory';
import { settlementLocale } from '../../../functions/settlement-posting/settlement-locale';
import { regionBaseUrl } from '../../../connectors/amazon';

/**
 * Amazon's published list, copied from https://developer-docs.amazon.com/sp-api/docs/marketplace-ids
 * (country code as the page shows it, marketplace id, and the region table it sits in).
 */
const PUBLISHED: Array<[country: string, id: string, region: 'NA' | 'EU' | 'FE']> = [
  ['CA', 'A2EUQ1WTGCTBG2', 'NA'], ['US', 'ATVPDKIKX0DER', 'NA'], ['MX', 'A1AM78C64UM0Y8', 'NA'], ['BR', 'A2Q3Y263D00KWC', 'NA'],
  ['IE', 'A28R8C7NBKEWEA', 'EU'], ['ES', 'A1RKKUPIHCS9HS', 'EU'], ['UK', 'A1F83G8C2ARO7P', 'EU'], ['FR', 'A13V1IB3VIYZZH', 'EU'],
  ['BE', 'AMEN7PMS3EDWL', 'EU'], ['NL', 'A1805IZSGTT6HS', 'EU'], ['DE', 'A1PA6795UKMFR9', 'EU'], ['IT', 'APJ6JRA9NG5V4', 'EU'],
  ['SE', 'A2NODRKZP88ZB9', 'EU'], ['ZA', 'AE08WJ6YKNBMC', 'EU'], ['PL', 'A1C3SOZRARQ6R3', 'EU'], ['EG', 'ARBP9OOSHTCHU', 'EU'],
  ['TR', 'A33AVAJ2PDY3EV', 'EU'], ['SA', 'A17E79C6D8DWNP', 'EU'], ['AE', 'A2VIGQ35RCS4UG', 'EU'], ['IN', 'A21TJRUUN4KGV', 'EU'],
  ['SG', 'A19VAU5U5O7RUS', 'FE'], ['AU', 'A39IBJ37TRP1C6', 'FE'], ['JP', 'A1VC38T7YXB528', 'FE'],
];

/** https://developer-docs.amazon.com/sp-api/docs/sp-api-endpoints */
const PUBLISHED_ENDPOINTS = { NA: 'https://sellingpartnerapi-na.amazon.com', EU: 'https://sellingpartnerapi-eu.amazon.com', FE: 'https://sellingpartnerapi-fe.amazon.com' };

describe('the marketplace table', () => {
  it('holds exactly the 23 marketplaces of Amazon\'s published list, each in its region', () => {
    const ours = AMAZON_MARKETPLACES.map((m) => [m.country, m.id, m.region]).sort();
    expect(ours).toEqual([...PUBLISHED].sort());
  });

  it('names each region\'s published endpoint', () => {
    for (const [region, url] of Object.entries(PUBLISHED_ENDPOINTS)) expect(REGION_ENDPOINTS[region as 'NA'].production).toBe(url);
  });

  it('gives every marketplace a currency, a sales channel and a settlement locale, with ids unique', () => {
    expect(new Set(AMAZON_MARKETPLACES.map((m) => m.id)).size).toBe(23);
    for (const m of AMAZON_MARKETPLACES) {
      expect(m.currency).toMatch(/^[A-Z]{3}$/);
      expect(m.salesChannel).toMatch(/^Amazon\./);
      expect(m.settlementLocale).toMatch(/^[a-z]{2}_[A-Z]{2}$/);
    }
    expect(marketplaceById('A1F83G8C2ARO7P')).toMatchObject({ country: 'UK', isoCountry: 'GB', currency: 'GBP' });
  });

  it('is what inventory, settlement and the SP-API connector read (no second copy)', () => {
    expect(regionOfMarketplace('A21TJRUUN4KGV')).toBe('EU');
    expect(lookupByChannel({ FE: 'fe-table' }, 'A19VAU5U5O7RUS')).toBe('fe-table');
    expect(settlementLocale('A2NODRKZP88ZB9')).toBe('sv_SE');
    expect(settlementLocaleOf('A1PA6795UKMFR9')).toBe('de_DE');
    expect(settlementLocale('UNKNOWN')).toBeUndefined();
  });

  it('lets one test server stand in for the three regional hosts through a {region} placeholder', () => {
    expect(regionBaseUrl('EU')).toBe(PUBLISHED_ENDPOINTS.EU);
    expect(regionBaseUrl('FE', 'http://127.0.0.1:7081/{region}/')).toBe('http://127.0.0.1:7081/fe');
    expect(regionBaseUrl('NA', 'http://127.0.0.1:7081')).toBe('http://127.0.0.1:7081');
  });
});
