/** Runs a submitted feed once its (scaled) processing time is up: JSON_LISTINGS_FEED messages applied to listings with a JSON processing report, POST_ORDER_FULFILLMENT_DATA messages confirmed like confirmShipment with an XML processing report. */
import { gzipSync, gunzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { applyShipmentConfirmation } from './shipment-confirmation';
import type { SimContext } from './sim-context';
import { nextId, type FeedRecord } from './sim-state';
import { PatchSchema, writeListing, type ListingIssue, type ListingWrite } from './listings-store';
import { SimOrderSchema } from './sim-order';
import { ORDER_ACKNOWLEDGEMENT_FEED, processOrderAcknowledgementFeed } from './order-lifecycle';

const ListingsFeedSchema = z.object({
  header: z.object({ sellerId: z.string(), version: z.string() }).passthrough(),
  messages: z.array(z.object({
    messageId: z.number().int(),
    sku: z.string(),
    operationType: z.enum(['UPDATE', 'PARTIAL_UPDATE', 'PATCH', 'DELETE']),
    productType: z.string().optional(),
    attributes: z.record(z.unknown()).optional(),
    patches: z.array(PatchSchema).optional(),
  }).passthrough()),
}).passthrough();

export function feedContent(ctx: SimContext, documentId: string): Buffer | undefined {
  const doc = ctx.state.documents[documentId];
  if (!doc?.content) return undefined;
  const bytes = Buffer.from(doc.content, 'base64');
  return doc.gzip ? gunzipSync(bytes) : bytes;
}

export function storeDocument(ctx: SimContext, content: Buffer, contentType: string): string {
  const id = nextId(ctx.state, 'amzn1.tortuga.4.na.sim');
  ctx.state.documents[id] = { contentType, content: gzipSync(content).toString('base64'), gzip: true, createdAt: ctx.clock.now() };
  return id;
}

/** Moves feeds along on the simulated clock; processes those that reach DONE. */
export function advanceFeeds(ctx: SimContext): void {
  const now = ctx.clock.now();
  const total = ctx.config.feedProcessingSeconds * 1000;
  let changed = false;
  for (const feed of Object.values(ctx.state.feeds)) {
    if (feed.processingStatus === 'IN_QUEUE' && (feed.finishNow || now >= feed.createdTime + total / 10)) {
      feed.processingStatus = 'IN_PROGRESS';
      feed.processingStartTime = now;
      changed = true;
    }
    if (feed.processingStatus === 'IN_PROGRESS' && (feed.finishNow || now >= feed.createdTime + total)) {
      processFeed(ctx, feed);
      feed.processingEndTime = now;
      changed = true;
    }
  }
  if (changed) ctx.persist();
}

function processFeed(ctx: SimContext, feed: FeedRecord): void {
  const content = feedContent(ctx, feed.inputFeedDocumentId);
  if (!content) {
    feed.processingStatus = 'FATAL';
    return;
  }
  if (feed.feedType === 'JSON_LISTINGS_FEED') processListingsFeed(ctx, feed, content);
  else if (feed.feedType === 'POST_ORDER_FULFILLMENT_DATA') processOrderFulfillmentFeed(ctx, feed, content);
  else if (feed.feedType === ORDER_ACKNOWLEDGEMENT_FEED) processOrderAcknowledgementFeed(ctx, feed, content, (c, t) => storeDocument(ctx, c, t));
  else feed.processingStatus = 'FATAL';
}

function processListingsFeed(ctx: SimContext, feed: FeedRecord, content: Buffer): void {
  let parsed: z.infer<typeof ListingsFeedSchema>;
  try {
    const raw: unknown = JSON.parse(content.toString('utf8'));
    if (ctx.validator) {
      const validate = ctx.validator.jsonSchema('feeds/listings-feed-schema-v2.json');
      if (!validate(raw)) throw new Error('feed does not match listings-feed-schema-v2');
    }
    parsed = ListingsFeedSchema.parse(raw);
  } catch {
    // A document that is not a valid listings feed: Amazon ends it FATAL with a report naming the problem.
    feed.processingStatus = 'FATAL';
    feed.resultFeedDocumentId = storeDocument(ctx, Buffer.from(JSON.stringify({
      header: { sellerId: ctx.config.sellerId, version: '2.0', feedId: feed.feedId },
      issues: [{ code: '100', severity: 'ERROR', message: 'The feed document is not valid JSON_LISTINGS_FEED content.' }],
      summary: { errors: 1, warnings: 0, messagesProcessed: 0, messagesAccepted: 0, messagesInvalid: 0 },
    })), 'application/json; charset=UTF-8');
    return;
  }
  const issues: Array<ListingIssue & { messageId: number; sku: string }> = [];
  let invalid = 0;
  for (const m of parsed.messages) {
    const write: ListingWrite = m.operationType === 'DELETE' ? { kind: 'delete' }
      : m.operationType === 'PATCH' ? { kind: 'patch', productType: m.productType ?? '', patches: m.patches ?? [] }
      : m.operationType === 'PARTIAL_UPDATE' ? { kind: 'patch', productType: m.productType ?? '', patches: Object.entries(m.attributes ?? {}).map(([k, v]) => ({ op: 'replace' as const, path: `/attributes/${k}`, value: Array.isArray(v) ? v : [v] })) }
      : { kind: 'put', productType: m.productType ?? '', attributes: m.attributes ?? {} };
    // The feed applies to each of its marketplaces; a message refused in any of them counts as invalid once.
    const found: ListingIssue[] = [];
    for (const marketplaceId of feed.marketplaceIds) {
      for (const i of writeListing(ctx, { sellerId: feed.sellerId, marketplaceId, sku: m.sku }, write, false)) {
        if (!found.some((j) => j.code === i.code && j.message === i.message)) found.push(i);
      }
    }
    if (found.some((i) => i.severity === 'ERROR')) invalid += 1;
    for (const i of found) issues.push({ messageId: m.messageId, sku: m.sku, code: i.code, severity: i.severity, message: i.message, ...(i.attributeNames?.[0] ? { attributeName: i.attributeNames[0] } : {}) });
  }
  const report = {
    header: { sellerId: ctx.config.sellerId, version: '2.0', feedId: feed.feedId },
    issues: issues.map(({ attributeNames: _names, ...rest }) => rest),
    summary: {
      errors: issues.filter((i) => i.severity === 'ERROR').length,
      warnings: issues.filter((i) => i.severity === 'WARNING').length,
      messagesProcessed: parsed.messages.length,
      messagesAccepted: parsed.messages.length - invalid,
      messagesInvalid: invalid,
    },
  };
  feed.processingStatus = 'DONE';
  feed.resultFeedDocumentId = storeDocument(ctx, Buffer.from(JSON.stringify(report)), 'application/json; charset=UTF-8');
}

const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const Text = z.union([z.string(), z.number()]).transform(String);
const FulfillmentMessageSchema = z.object({
  MessageID: Text,
  OrderFulfillment: z.object({
    AmazonOrderID: Text,
    MerchantFulfillmentID: Text.optional(),
    FulfillmentDate: Text,
    FulfillmentData: z.object({ CarrierCode: Text.optional(), CarrierName: Text.optional(), ShippingMethod: Text.optional(), ShipperTrackingNumber: Text.optional() }).passthrough(),
    Item: z.union([z.array(z.object({ AmazonOrderItemCode: Text, Quantity: Text }).passthrough()), z.object({ AmazonOrderItemCode: Text, Quantity: Text }).passthrough()]),
  }).passthrough(),
}).passthrough();

/** POST_ORDER_FULFILLMENT_DATA (XML, OrderFulfillment.xsd): each message becomes the equivalent confirmShipment body. */
function processOrderFulfillmentFeed(ctx: SimContext, feed: FeedRecord, content: Buffer): void {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  const results: Array<{ messageId: string; code: string; message: string; orderId: string }> = [];
  let messages: unknown[] = [];
  try {
    const doc = z.object({ AmazonEnvelope: z.object({ Message: z.unknown() }).passthrough() }).parse(parser.parse(content.toString('utf8')));
    messages = asArray(doc.AmazonEnvelope.Message);
  } catch {
    feed.processingStatus = 'FATAL';
    return;
  }
  for (const raw of messages) {
    const m = FulfillmentMessageSchema.safeParse(raw);
    if (!m.success) {
      results.push({ messageId: '0', code: '5000', message: 'The XML message is not a valid OrderFulfillment message.', orderId: '' });
      continue;
    }
    const f = m.data.OrderFulfillment;
    const order = ctx.state.orders[f.AmazonOrderID];
    const marketplaceId = order ? SimOrderSchema.parse(order).salesChannel.marketplaceId ?? '' : '';
    const refCandidate = f.MerchantFulfillmentID ?? m.data.MessageID;
    const body = {
      marketplaceId,
      packageDetail: {
        packageReferenceId: /^[1-9]\d*$/.test(refCandidate) ? refCandidate : m.data.MessageID,
        carrierCode: f.FulfillmentData.CarrierCode ?? 'Other',
        ...(f.FulfillmentData.CarrierName ? { carrierName: f.FulfillmentData.CarrierName } : {}),
        ...(f.FulfillmentData.ShippingMethod ? { shippingMethod: f.FulfillmentData.ShippingMethod } : {}),
        trackingNumber: f.FulfillmentData.ShipperTrackingNumber ?? '',
        shipDate: new Date(f.FulfillmentDate).toISOString(),
        orderItems: asArray(f.Item).map((i) => ({ orderItemId: i.AmazonOrderItemCode, quantity: Number(i.Quantity) })),
      },
    };
    const outcome = Number.isNaN(Date.parse(f.FulfillmentDate)) ? { ok: false as const, status: 400, code: 'InvalidInput', message: 'FulfillmentDate is not a valid date.' } : applyShipmentConfirmation(ctx, f.AmazonOrderID, body);
    if (!outcome.ok) results.push({ messageId: m.data.MessageID, code: outcome.status === 404 ? '18028' : '18000', message: outcome.message, orderId: f.AmazonOrderID });
  }
  const xmlEscape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const report = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
    `<Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>${xmlEscape(ctx.config.sellerId)}</MerchantIdentifier></Header>`,
    '<MessageType>ProcessingReport</MessageType>',
    '<Message><MessageID>1</MessageID><ProcessingReport>',
    `<DocumentTransactionID>${feed.feedId}</DocumentTransactionID><StatusCode>Complete</StatusCode>`,
    `<ProcessingSummary><MessagesProcessed>${messages.length}</MessagesProcessed><MessagesSuccessful>${messages.length - results.length}</MessagesSuccessful><MessagesWithError>${results.length}</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>`,
    ...results.map((r) => `<Result><MessageID>${xmlEscape(r.messageId)}</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>${r.code}</ResultMessageCode><ResultDescription>${xmlEscape(r.message)}</ResultDescription><AdditionalInfo><AmazonOrderID>${xmlEscape(r.orderId)}</AmazonOrderID></AdditionalInfo></Result>`),
    '</ProcessingReport></Message>',
    '</AmazonEnvelope>',
  ].join('\n');
  feed.processingStatus = 'DONE';
  feed.resultFeedDocumentId = storeDocument(ctx, Buffer.from(report), 'text/xml; charset=UTF-8');
}

/** Messages of a feed for `/_sim/feeds` (JSON messages as sent; XML messages as parsed). */
export function feedMessages(ctx: SimContext, feed: FeedRecord): unknown[] {
  const content = feedContent(ctx, feed.inputFeedDocumentId);
  if (!content) return [];
  try {
    if (feed.feedType === 'JSON_LISTINGS_FEED') return z.object({ messages: z.array(z.unknown()) }).parse(JSON.parse(content.toString('utf8'))).messages;
    const doc = z.object({ AmazonEnvelope: z.object({ Message: z.unknown() }).passthrough() }).parse(new XMLParser({ parseTagValue: false }).parse(content.toString('utf8')));
    return asArray(doc.AmazonEnvelope.Message);
  } catch {
    return [];
  }
}
