/** Everything the SP-API simulator remembers, as one JSON document that can be persisted to disk and reloaded (docs/contracts.md, Sandbox control: a restarted sandbox still knows its state). */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const Json = z.record(z.unknown());

export const IssuedTokenSchema = z.object({
  token: z.string(),
  sellerId: z.string().optional(),
  scope: z.string().optional(),
  expiresAt: z.number(),
});
export type IssuedToken = z.infer<typeof IssuedTokenSchema>;

export const FeedRecordSchema = z.object({
  feedId: z.string(),
  sellerId: z.string(),
  feedType: z.string(),
  marketplaceIds: z.array(z.string()),
  inputFeedDocumentId: z.string(),
  createdTime: z.number(),
  processingStatus: z.enum(['IN_QUEUE', 'IN_PROGRESS', 'DONE', 'CANCELLED', 'FATAL']),
  processingStartTime: z.number().optional(),
  processingEndTime: z.number().optional(),
  resultFeedDocumentId: z.string().optional(),
  messages: z.number(),
  /** Set by `POST /_sim/feeds/{id}/process` to finish regardless of elapsed time. */
  finishNow: z.boolean().optional(),
});
export type FeedRecord = z.infer<typeof FeedRecordSchema>;

export const DocumentRecordSchema = z.object({
  contentType: z.string(),
  /** base64 of the stored bytes (gzip-compressed when `gzip`). */
  content: z.string().optional(),
  gzip: z.boolean().optional(),
  createdAt: z.number(),
});
export type DocumentRecord = z.infer<typeof DocumentRecordSchema>;

/** One listing per seller, marketplace and SKU, as Amazon keeps them (state files from before carried neither: the US). */
export const ListingRecordSchema = z.object({
  sellerId: z.string().default(''),
  marketplaceId: z.string().default('ATVPDKIKX0DER'),
  sku: z.string(),
  productType: z.string(),
  attributes: Json,
  issues: z.array(Json),
  createdDate: z.string(),
  lastUpdatedDate: z.string(),
});
export type ListingRecord = z.infer<typeof ListingRecordSchema>;

export const ReportRecordSchema = z.object({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()),
  createdTime: z.number(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  reportDocumentId: z.string(),
});
export type ReportRecord = z.infer<typeof ReportRecordSchema>;

export const DestinationRecordSchema = z.object({ destinationId: z.string(), name: z.string(), resource: Json });
export const SubscriptionRecordSchema = z.object({
  subscriptionId: z.string(),
  sellerId: z.string(),
  notificationType: z.string(),
  payloadVersion: z.string(),
  destinationId: z.string(),
  processingDirective: Json.optional(),
});
export type SubscriptionRecord = z.infer<typeof SubscriptionRecordSchema>;

export const SimStateSchema = z.object({
  sequence: z.number(),
  tokens: z.array(IssuedTokenSchema),
  /** v2026-01-01 Order objects by orderId, as seeded (validated against the model on the way in). */
  orders: z.record(Json),
  confirmations: z.array(z.object({ orderId: z.string(), body: z.unknown() })),
  documents: z.record(DocumentRecordSchema),
  feeds: z.record(FeedRecordSchema),
  listingsFeedSubmissions: z.array(z.number()),
  listings: z.record(ListingRecordSchema),
  reports: z.record(ReportRecordSchema),
  destinations: z.array(DestinationRecordSchema),
  subscriptions: z.array(SubscriptionRecordSchema),
  /** What the seller's POST_ORDER_ACKNOWLEDGEMENT_DATA feeds said, per order (order-lifecycle.ts). */
  acknowledgements: z.record(z.array(z.object({ statusCode: z.string(), cancelReason: z.string().optional(), items: z.array(z.object({ orderItemId: z.string(), cancelReason: z.string().optional() })).optional(), feedId: z.string() }))).default({}),
  /** Which regional endpoint served each order call (region-endpoints.ts). */
  regionCalls: z.record(z.array(z.object({ operation: z.string(), region: z.string() }))).default({}),
  /** Finances API 2024-06-19 Transaction objects stored by `POST /_sim/finances` (finances-api.ts). */
  financeTransactions: z.array(Json).default([]),
});
export type SimState = z.infer<typeof SimStateSchema>;

export function emptyState(): SimState {
  return {
    sequence: 0, tokens: [], orders: {}, confirmations: [], documents: {}, feeds: {}, listingsFeedSubmissions: [],
    listings: {}, reports: {}, destinations: [], subscriptions: [], acknowledgements: {}, regionCalls: {}, financeTransactions: [],
  };
}

export function listingKey(sellerId: string, marketplaceId: string, sku: string): string {
  return JSON.stringify([sellerId, marketplaceId, sku]);
}

/** Loads the state file if present and valid; a missing file is an empty state. */
export function loadState(file: string | undefined, sellerId: string): SimState {
  if (!file || !fs.existsSync(file)) return emptyState();
  const raw: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  const state = SimStateSchema.parse(raw);
  // Listings of older state files were keyed by SKU alone: key them by seller, marketplace and SKU.
  state.listings = Object.fromEntries(Object.values(state.listings).map((l) => {
    const listing = { ...l, sellerId: l.sellerId || sellerId };
    return [listingKey(listing.sellerId, listing.marketplaceId, listing.sku), listing];
  }));
  return state;
}

/** Writes atomically (temp file + rename) so a SIGKILL never leaves half a file behind. */
export function saveState(file: string | undefined, state: SimState): void {
  if (!file) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(state));
  fs.renameSync(tmp, file);
}

export function nextId(state: SimState, prefix: string): string {
  state.sequence += 1;
  return `${prefix}${String(state.sequence).padStart(8, '0')}`;
}
