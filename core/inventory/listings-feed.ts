// Builds JSON_LISTINGS_FEED documents that merge the MFN quantity of changed SKUs (docs/amazon-facts.md, JSON_LISTINGS_FEED).
import type { InventoryDelta } from './inventory-deltas';
import { purchasableOfferPatches, type OfferPrice, type PurchasableOfferPatch } from '../prices/purchasable-offer';

/** Amazon's per-feed message limit (listings-feed-schema-v2.json `maxItems`, raised to 25,000 on 2025-05-06). */
export const MAX_LISTINGS_FEED_MESSAGES = 25000;

export interface FulfillmentAvailabilityPatch {
  /**
   * `merge` (since 2025-06-16) updates quantity without wiping restock_date / lead_time_to_ship_max_days,
   * which `replace` would reset (docs/amazon-facts.md, JSON_LISTINGS_FEED).
   */
  op: 'merge';
  path: '/attributes/fulfillment_availability';
  value: [{ fulfillment_channel_code: 'DEFAULT'; quantity: number }];
}

export interface ListingsFeedMessage {
  messageId: number;
  sku: string;
  operationType: 'PATCH';
  /** "PRODUCT" suits offer-only patches when the real product type is unknown (docs/amazon-facts.md, JSON_LISTINGS_FEED). */
  productType: string;
  patches: Array<FulfillmentAvailabilityPatch | PurchasableOfferPatch>;
}

export interface ListingsFeedDocument {
  header: { sellerId: string; version: '2.0'; issueLocale?: string };
  messages: ListingsFeedMessage[];
}

export interface BuiltListingsFeed {
  document: ListingsFeedDocument;
  /** messageId -> SKU, to read the processing report (issues name the messageId; the SKU is optional there). */
  skuByMessageId: Record<number, string>;
}

export interface BuildListingsFeedsOptions {
  maxMessagesPerFeed?: number;
  issueLocale?: string;
  productType?: string;
  /** Offer prices per SKU (one per marketplace); a SKU with both a quantity and prices gets one message with both patches. */
  offers?: ReadonlyMap<string, readonly OfferPrice[]>;
}

/**
 * One feed document per ≤ maxMessagesPerFeed deltas; message ids restart at 1 in each document
 * (they only need to be unique within a feed). A SKU appearing twice keeps its last quantity.
 */
export function buildListingsFeeds(
  sellerId: string,
  deltas: readonly InventoryDelta[],
  options: BuildListingsFeedsOptions = {},
): BuiltListingsFeed[] {
  const max = options.maxMessagesPerFeed ?? MAX_LISTINGS_FEED_MESSAGES;
  if (!Number.isInteger(max) || max < 1 || max > MAX_LISTINGS_FEED_MESSAGES) {
    throw new RangeError(`maxMessagesPerFeed must be an integer in 1..${MAX_LISTINGS_FEED_MESSAGES}, got ${max}`);
  }
  if (sellerId.length === 0) throw new RangeError('sellerId is required for a listings feed header');
  const latest = new Map<string, number>();
  for (const d of deltas) {
    if (!Number.isInteger(d.quantity) || d.quantity < 0) {
      throw new RangeError(`quantity for SKU ${d.sku} must be a whole number ≥ 0, got ${d.quantity}`);
    }
    latest.delete(d.sku);
    latest.set(d.sku, d.quantity);
  }
  const productType = options.productType ?? 'PRODUCT';
  const header: ListingsFeedDocument['header'] = options.issueLocale === undefined
    ? { sellerId, version: '2.0' }
    : { sellerId, version: '2.0', issueLocale: options.issueLocale };
  const feeds: BuiltListingsFeed[] = [];
  let current: BuiltListingsFeed | undefined;
  const skus = [...latest.keys()];
  for (const sku of options.offers?.keys() ?? []) if (!latest.has(sku) && (options.offers?.get(sku)?.length ?? 0) > 0) skus.push(sku);
  for (const sku of skus) {
    const quantity = latest.get(sku);
    const prices = options.offers?.get(sku) ?? [];
    if (current === undefined || current.document.messages.length === max) {
      current = { document: { header: { ...header }, messages: [] }, skuByMessageId: {} };
      feeds.push(current);
    }
    const messageId = current.document.messages.length + 1;
    current.document.messages.push({
      messageId,
      sku,
      operationType: 'PATCH',
      productType,
      patches: [
        ...(quantity === undefined ? [] : [{ op: 'merge' as const, path: '/attributes/fulfillment_availability' as const, value: [{ fulfillment_channel_code: 'DEFAULT' as const, quantity }] as [{ fulfillment_channel_code: 'DEFAULT'; quantity: number }] }]),
        ...purchasableOfferPatches(prices),
      ],
    });
    current.skuByMessageId[messageId] = sku;
  }
  return feeds;
}
