export {
  AMAZON_MARKETPLACES, AMAZON_REGIONS, REGION_ENDPOINTS, marketplaceById, marketplacesOfRegion, regionOfMarketplace, settlementLocaleOf,
  type AmazonMarketplace, type AmazonRegion, type RegionEndpoints,
} from './amazon-marketplaces';
