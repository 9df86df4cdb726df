/** Zod schemas of the payloads this app reads, in camelCase (PascalCase envelopes are camelized first). */
import { z } from 'zod';
import { idSchema } from '../ids/intake-ids';

// Shapes from Amazon's schemas/notifications/*.json; only the fields we use are required, so a
// payload-version bump that adds fields still reads (docs/amazon-facts.md, Notifications).
// Amazon's JSON Schemas type several optional fields as ["string", "null"], and senders write null for "absent"
// elsewhere too: an optional value that is null reads as absent instead of refusing the whole notification.
const nullableString = z.string().nullish().transform((v) => v ?? undefined);
const nullableNumber = z.number().nullish().transform((v) => v ?? undefined);
const nullableBoolean = z.boolean().nullish().transform((v) => v ?? undefined);
function nullable<T extends z.ZodTypeAny>(schema: T) {
  return schema.nullish().transform((v: z.infer<T> | null | undefined) => v ?? undefined);
}

/** More order items than any real order has; checked before the schema so a hostile array is refused in O(1). */
export const MAX_ORDER_ITEMS = 10_000;

/** An optional id: null reads as absent; present, it must have the id's shape. */
function nullableId(kind: Parameters<typeof idSchema>[0]) {
  return idSchema(kind).nullish().transform((v) => v ?? undefined);
}

export const MetadataSchema = z.object({
  notificationId: idSchema('notificationId'),
  applicationId: nullableString,
  subscriptionId: nullableString,
  publishTime: nullableString,
}).passthrough();

export const OrderChangePayloadSchema = z.object({
  orderChangeNotification: z.object({
    notificationLevel: nullableString,
    sellerId: idSchema('sellerId'),
    // Amazon order ids are 3-7-7 digits; anything beyond letters, digits and dashes (query fragments, newlines, 10k
    // characters) would only travel on into instance ids, table keys and M3's CUOR, so it is refused at the door.
    amazonOrderId: z.string().regex(/^[A-Za-z0-9-]{1,50}$/, 'not an Amazon order id (letters, digits and dashes, at most 50)'),
    orderChangeType: nullableString,
    orderChangeTrigger: nullable(z.object({ timeOfOrderChange: nullableString, changeReason: nullableString }).passthrough()),
    summary: nullable(z.object({
      marketplaceId: nullableId('marketplaceId'),
      orderStatus: nullableString,
      fulfillmentType: nullableString,
      orderItems: nullable(z.array(z.object({
        orderItemId: idSchema('amazonId'),
        sellerSKU: nullableString,
        quantity: nullableNumber,
        quantityShipped: nullableNumber,
        orderItemStatus: nullableString,
        isBuyerRequestedCancel: nullableBoolean,
      }).passthrough()).max(MAX_ORDER_ITEMS)),
    }).passthrough()),
  }).passthrough(),
}).passthrough();

export const FeedProcessingFinishedPayloadSchema = z.object({
  feedProcessingFinishedNotification: z.object({
    sellerId: nullableId('sellerId'),
    accountId: nullableId('amazonId'),
    feedId: idSchema('amazonId'),
    feedType: z.string().min(1),
    processingStatus: z.string().min(1),
    resultFeedDocumentId: nullableId('amazonId'),
  }).passthrough(),
}).passthrough();

export const ReportProcessingFinishedPayloadSchema = z.object({
  reportProcessingFinishedNotification: z.object({
    sellerId: nullableId('sellerId'),
    accountId: nullableId('amazonId'),
    reportId: idSchema('amazonId'),
    reportType: z.string().min(1),
    processingStatus: z.string().min(1),
    reportDocumentId: nullableId('amazonId'),
  }).passthrough(),
}).passthrough();

export const ListingsMfnQuantityPayloadSchema = z.object({
  sellerId: idSchema('sellerId'),
  marketplaceId: nullableId('marketplaceId'),
  fulfillmentChannelCode: nullableString,
  sku: z.string().min(1),
  quantity: z.number().int(),
}).passthrough();
