/** What crosses the inventory flush's orchestration history: references and counts only, never SKU lists (they stay in storage). */
import { z } from 'zod';

export const FlushInputSchema = z.object({
  sellerId: z.string().min(1),
  region: z.string().min(1),
  /** Amazon's clock runs this many times faster (time-scaled simulator); 1 against real Amazon. */
  timeScale: z.number().positive().default(1),
  /** createFeed times (ISO) of this region still inside the 5-minute quota window. */
  submissions: z.array(z.string()).default([]),
});
export type FlushInput = z.infer<typeof FlushInputSchema>;

export const PreparedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('idle'), reason: z.string() }),
  /** `ref` is the claim check holding the feed document and the SKUs it carries. */
  z.object({ kind: z.literal('feed'), ref: z.string(), group: z.string(), marketplaceId: z.string(), messages: z.number().int() }),
]);
export type Prepared = z.infer<typeof PreparedSchema>;

export const SubmittedSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('submitted'), feedId: z.string() }),
  z.object({ kind: z.literal('rejected'), code: z.string(), message: z.string() }),
]);
export type Submitted = z.infer<typeof SubmittedSchema>;

export const FeedStatusSchema = z.object({
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  resultFeedDocumentId: z.string().optional(),
  /** The status could not be read and retrying cannot help (Amazon refused our credentials): stop polling. */
  failure: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export const RecordInputSchema = z.object({
  ref: z.string(),
  feedId: z.string().default(''),
  processingStatus: z.string().default(''),
  resultFeedDocumentId: z.string().optional(),
  /** Why no report can be read (feed refused, never finished). */
  failure: z.object({ code: z.string(), message: z.string() }).optional(),
});
export type RecordInput = z.infer<typeof RecordInputSchema>;

export const RecordedSchema = z.object({ accepted: z.number().int(), errors: z.number().int(), parked: z.number().int() });
export type Recorded = z.infer<typeof RecordedSchema>;

/** The claim-checked body of one prepared feed. */
export const PreparedFeedSchema = z.object({
  sellerId: z.string(),
  region: z.string(),
  group: z.string(),
  marketplaceIds: z.array(z.string()).min(1),
  /** The JSON_LISTINGS_FEED document exactly as uploaded. */
  documentText: z.string(),
  skuByMessageId: z.record(z.string()),
  sent: z.array(z.object({ sku: z.string(), itemNumber: z.string(), quantity: z.number().int() })),
  /** Offer prices carried by the same messages (price-sync), one per SKU and marketplace. */
  prices: z.array(z.object({
    sku: z.string(), itemNumber: z.string(), marketplaceId: z.string(), currency: z.string(), amount: z.string(),
    // The business (B2B) offer and its quantity tiers; absent on a consumer price.
    audience: z.literal('B2B').optional(), discountType: z.enum(['fixed', 'percent']).optional(),
    tiers: z.array(z.object({ lowerBound: z.number().int(), value: z.string() })).optional(),
    // A business offer removed at Amazon (a delete of its selectors) because M3 no longer prices it.
    remove: z.literal(true).optional(),
  })).default([]),
});
export type PreparedFeed = z.infer<typeof PreparedFeedSchema>;
