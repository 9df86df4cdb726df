/**
 * One SP-API client per seller × region, sharing one LWA token cache per refresh token and one rate governor whose
 * buckets live in Table Storage, so every call of every flow on every instance draws from the same seller × operation
 * bucket (docs/design.md, Error policy; why a table and not a durable entity: bench/README.md).
 */
import { DefaultAzureCredential } from '@azure/identity';
import { LwaTokenProvider, SharedRateGovernor, SpApiClient, TableBucketStore, regionOfMarketplace, type RateGovernor, type SpApiRegion } from '../../connectors/amazon';
import { createTableAccess, type TableAccess } from '../../connectors/storage';
import { AuthError } from '../../core/errors';
import { storageTargetOf, type AppSettings, type SellerSetting } from '../app-settings';

export interface AmazonClients {
  /** The client for a seller in the region of `marketplaceId` (or the seller's only region when not given). */
  forSeller(sellerId: string, marketplaceId?: string): SpApiClient;
  governor: RateGovernor;
}

const USER_AGENT = 'm3-amazon-sync/0.1 (Language=TypeScript)';

/** `tables` is the app's table access (dependencies()); without it one is opened from the storage settings. */
export function createAmazonClients(settings: AppSettings, sellers: SellerSetting[], tables: TableAccess = tablesOf(settings)): AmazonClients {
  const governor = new SharedRateGovernor({ store: new TableBucketStore(tables), timeScale: settings.SPAPI_RATE_TIME_SCALE });
  const clients = new Map<string, SpApiClient>();
  return {
    governor,
    forSeller(sellerId: string, marketplaceId?: string): SpApiClient {
      const region: SpApiRegion | undefined = marketplaceId ? regionOfMarketplace(marketplaceId) : undefined;
      const candidates = sellers.filter((s) => s.sellerId === sellerId && (region === undefined || s.region === region));
      const seller = candidates[0];
      if (!seller) {
        throw new AuthError(`seller ${sellerId}${region ? ` in region ${region}` : ''} has no credentials in SPAPI_SELLERS`, { code: 'SELLER_NOT_CONFIGURED', system: 'amazon' });
      }
      const key = `${seller.sellerId}|${seller.region}`;
      let client = clients.get(key);
      if (!client) {
        const lwa = new LwaTokenProvider({
          clientId: settings.SPAPI_LWA_CLIENT_ID, clientSecret: settings.SPAPI_LWA_CLIENT_SECRET,
          refreshToken: seller.refreshToken, tokenUrl: settings.SPAPI_LWA_TOKEN_URL,
        });
        client = new SpApiClient({ sellerId: seller.sellerId, region: seller.region, endpoint: settings.SPAPI_ENDPOINT || undefined, lwa, governor, userAgent: USER_AGENT });
        clients.set(key, client);
      }
      return client;
    },
  };
}

function tablesOf(settings: AppSettings): TableAccess {
  const target = storageTargetOf(settings);
  return createTableAccess(target.kind === 'connection-string' ? target.connectionString : { accountName: target.accountName, credential: new DefaultAzureCredential() });
}
