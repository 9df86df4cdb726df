// Public surface of the listings core: item master -> Listings Items API patch/put plans.
export { ListingsMappingSchema, type ListingsMapping } from './listings-mapping';
export {
  planListing, listingsItemRequestBody,
  type ListingPlan, type ListingPatch, type ListingAttributes, type ListingIssue, type ListingItem, type PlanListingTarget,
} from './listing-plan';
export { isValidGtin } from './gtin';
