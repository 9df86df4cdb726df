/** Zod schemas of the payloads this app reads, in camelCase (PascalCase envelopes are camelized first). */
import { z } from 'zod';

// Shapes from Amazon's schemas/notifications/*.json; only the fields we use are required, so a
// payload-version bump that adds fields still reads (research/spapi/FACTS.md §6.3).
const nullableString = z.string().nullish().transform((v) => v ?? undefined);

/** More order items than any real order has; checked before the schema so a hostile array is refused in O(1). */
export const MAX_ORDER_ITEMS = 10_000;

export const MetadataSchema = z.object({
  notificationId: z.string().min(1),
  applicationId: z.string().optional(),
  subscriptionId: z.string().optional(),
  publishTime: z.string().optional(),
}).passthrough();

export const OrderChangePayloadSchema = z.object({
  orderChangeNotification: z.object({
    notificationLevel: z.string().optional(),
    sellerId: z.string().min(1),
    // Amazon order ids are 3-7-7 digits; anything beyond letters, digits and dashes (query fragments, newlines, 10k
    // characters) would only travel on into instance ids, table keys and M3's CUOR, so it is refused at the door.
    amazonOrderId: z.string().regex(/^[A-Za-z0-9-]{1,50}$/, 'not an Amazon order id (letters, digits and dashes, at most 50)'),
    orderChangeType: z.string().optional(),
    orderChangeTrigger: z.object({ timeOfOrderChange: nullableString, changeReason: nullableString }).passthrough().optional(),
    summary: z.object({
      marketplaceId: z.string().optional(),
      orderStatus: z.string().optional(),
      fulfillmentType: z.string().optional(),
      orderItems: z.array(z.object({
        orderItemId: z.string(),
        sellerSKU: nullableString,
        quantity: z.number().optional(),
        quantityShipped: z.number().optional(),
        orderItemStatus: nullableString,
        isBuyerRequestedCancel: z.boolean().optional(),
      }).passthrough()).max(MAX_ORDER_ITEMS).optional(),
    }).passthrough().optional(),
  }).passthrough(),
}).passthrough();

export const FeedProcessingFinishedPayloadSchema = z.object({
  feedProcessingFinishedNotification: z.object({
    sellerId: z.string().optional(),
    accountId: z.string().optional(),
    feedId: z.string().min(1),
    feedType: z.string().min(1),
    processingStatus: z.string().min(1),
    resultFeedDocumentId: z.string().optional(),
  }).passthrough(),
}).passthrough();

export const ReportProcessingFinishedPayloadSchema = z.object({
  reportProcessingFinishedNotification: z.object({
    sellerId: z.string().optional(),
    accountId: z.string().optional(),
    reportId: z.string().min(1),
    reportType: z.string().min(1),
    processingStatus: z.string().min(1),
    reportDocumentId: z.string().optional(),
  }).passthrough(),
}).passthrough();

export const ListingsMfnQuantityPayloadSchema = z.object({
  sellerId: z.string().min(1),
  marketplaceId: z.string().optional(),
  fulfillmentChannelCode: z.string().optional(),
  sku: z.string().min(1),
  quantity: z.number().int(),
}).passthrough();
