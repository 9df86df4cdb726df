// Public surface of the inventory core: available-to-sell, deltas, JSON_LISTINGS_FEED documents and their processing reports.
export { InventoryMappingSchema, type InventoryMapping } from './inventory-mapping';
export { WarehouseBalanceSchema, type WarehouseBalance } from './warehouse-balance';
export { availableToSell, warehousesFor, type AvailableToSellTarget } from './available-to-sell';
export { planInventoryDeltas, type InventoryDelta } from './inventory-deltas';
export {
  buildListingsFeeds, MAX_LISTINGS_FEED_MESSAGES,
  type BuiltListingsFeed, type BuildListingsFeedsOptions, type ListingsFeedDocument, type ListingsFeedMessage,
} from './listings-feed';
export {
  readListingsProcessingReport, ListingsProcessingReportSchema,
  type ListingsProcessingReport, type ListingsReportReading, type SkuOutcome, type ReportIssue,
} from './listings-processing-report';
export { regionOfMarketplace, lookupByChannel, type AmazonRegion } from './marketplace-regions';
