/** Public surface of the Amazon connector: LWA tokens, the rate governor, the typed SP-API client, regions and schemas. */
export { SpApiClient, type SpApiClientOptions, type SearchOrdersQuery, type ListingsQuery, type ListingsWriteQuery, type DownloadedDocument } from './sp-api-client';
export { LwaTokenProvider, type AccessTokenSource, type GrantlessScope, type LwaTokenProviderOptions } from './lwa-token-provider';
export type { RateGovernor, RateKey, RatePriority, RateObservation } from './rate-governor';
export { InMemoryRateGovernor, realClock, type GovernorClock, type InMemoryRateGovernorOptions } from './in-memory-rate-governor';
export { SharedRateGovernor, type SharedRateGovernorOptions } from './shared-rate-governor';
export { TableBucketStore } from './table-bucket-store';
export { RATE_LIMITS, JSON_LISTINGS_FEED_QUOTA, isSpApiOperation, type RateLimit, type SpApiOperation } from './rate-limits';
export { TokenBucket } from './token-bucket';
export { REGION_ENDPOINTS, SANDBOX_ENDPOINTS, LWA_TOKEN_URL, regionBaseUrl, MARKETPLACES, marketplaceById, regionOfMarketplace, type SpApiRegion, type Marketplace } from './regions';
export { AMAZON_CARRIER_CODES, isAmazonCarrierCode } from './carrier-codes';
export { ConfirmShipmentRequestSchema, type ConfirmShipmentRequest, type PackageDetail } from './confirm-shipment-schema';
export * from './feeds-schemas';
export * from './listings-schemas';
export * from './reports-schemas';
export * from './notifications-schemas';
export * from './finances-schemas';
