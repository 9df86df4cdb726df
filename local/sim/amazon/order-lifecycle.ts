/**
 * What happens to an order after it was placed: the buyer asks to cancel, Amazon cancels it (or some items), and the
 * seller cancels it with a POST_ORDER_ACKNOWLEDGEMENT_DATA feed. The feed is XML per Amazon's OrderAcknowledgement.xsd
 * (listed on https://developer-docs.amazon.com/sp-api/docs/order-feed-type-values):
 * `OrderAcknowledgement { AmazonOrderID, MerchantOrderID?, StatusCode: Success|Failure,
 * Item* { AmazonOrderItemCode, MerchantOrderItemID?, CancelReason? } }`. StatusCode Failure cancels the whole order;
 * sending it after an item shipped would refund the whole order, which the simulator refuses so the app never does it.
 * Control routes:
 * - `POST /_sim/orders/{orderId}/cancel-request` `{"orderItemIds"?, "reason"?}`: the buyer's request (items'
 *   `cancellation.cancellationRequest`, requester BUYER), announced by ORDER_CHANGE `BuyerRequestedChange`;
 * - `POST /_sim/orders/{orderId}/cancel` `{"orderItemIds"?, "cancelledBy"?}`: Amazon cancels the order or those items
 *   (`cancellation.cancellationExecution`), then ORDER_CHANGE;
 * - `GET /_sim/orders/{orderId}`: the order plus `acknowledgements` and `endpoints` (which regional endpoint served it).
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import { emitOrderChange } from './orders-api';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, type Route, type SimResponse } from './sim-http';
import { SimOrderSchema, fulfillmentStatusOf } from './sim-order';
import type { FeedRecord } from './sim-state';

export const ORDER_ACKNOWLEDGEMENT_FEED = 'POST_ORDER_ACKNOWLEDGEMENT_DATA';

/** CancelReason values of OrderAcknowledgement.xsd (the published release; newer values are not confirmed). */
export const CANCEL_REASONS = [
  'NoInventory', 'ShippingAddressUndeliverable', 'CustomerExchange', 'BuyerCanceled', 'GeneralAdjustment', 'CarrierCreditDecision',
  'RiskAssessmentInformationNotValid', 'CarrierCoverageFailure', 'CustomerReturn', 'MerchandiseNotReceived',
] as const;

type Json = Record<string, unknown>;
const Items = z.array(z.record(z.unknown()));

const CancelRequestBody = z.object({ orderItemIds: z.array(z.string()).min(1).optional(), reason: z.string().min(1).max(200).optional() }).strict();
const CancelBody = z.object({ orderItemIds: z.array(z.string()).min(1).optional(), cancelledBy: z.enum(['BUYER', 'AMAZON', 'MERCHANT']).optional() }).strict();

function withCancellation(item: Json, part: 'cancellationRequest' | 'cancellationExecution', value: Json): Json {
  const cancellation = z.record(z.unknown()).optional().parse(item.cancellation) ?? {};
  return { ...item, cancellation: { ...cancellation, [part]: value } };
}

function unknownItems(items: Json[], ids: string[] | undefined): string[] {
  const known = new Set(items.map((i) => String(i.orderItemId)));
  return (ids ?? []).filter((id) => !known.has(id));
}

function shippedQuantity(item: Json): number {
  const fulfillment = z.object({ quantityFulfilled: z.number().optional() }).passthrough().optional().parse(item.fulfillment);
  return fulfillment?.quantityFulfilled ?? 0;
}

function store(ctx: SimContext, orderId: string, updated: Json, reason: string): void {
  ctx.state.orders[orderId] = updated;
  ctx.persist();
  emitOrderChange(ctx, SimOrderSchema.parse(updated), reason);
}

function cancelRequest(ctx: SimContext, orderId: string, body: unknown): SimResponse {
  const raw = ctx.state.orders[orderId];
  if (!raw) return json(404, { error: `order ${orderId} not found` });
  const parsed = CancelRequestBody.safeParse(body ?? {});
  if (!parsed.success) return json(400, { error: 'invalid cancel request', reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  const status = fulfillmentStatusOf(SimOrderSchema.parse(raw));
  if (status === 'CANCELLED' || status === 'SHIPPED') return json(409, { error: `order ${orderId} is ${status}: the buyer can no longer ask to cancel it` });
  const items = Items.parse(raw.orderItems);
  const unknown = unknownItems(items, parsed.data.orderItemIds);
  if (unknown.length > 0) return json(400, { error: `order items not in order ${orderId}: ${unknown.join(', ')}` });
  const wanted = new Set(parsed.data.orderItemIds ?? items.map((i) => String(i.orderItemId)));
  const request = { requester: 'BUYER', cancelReason: parsed.data.reason ?? 'Changed mind about purchase' };
  const orderItems = items.map((i) => (wanted.has(String(i.orderItemId)) ? withCancellation(i, 'cancellationRequest', request) : i));
  store(ctx, orderId, { ...raw, lastUpdatedTime: isoAt(ctx.clock.now()), orderItems }, 'Buyer Requested Cancel');
  return json(200, { orderId, orderItemIds: [...wanted] });
}

function cancelByAmazon(ctx: SimContext, orderId: string, body: unknown): SimResponse {
  const raw = ctx.state.orders[orderId];
  if (!raw) return json(404, { error: `order ${orderId} not found` });
  const parsed = CancelBody.safeParse(body ?? {});
  if (!parsed.success) return json(400, { error: 'invalid cancel', reasons: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
  const order = SimOrderSchema.parse(raw);
  if (fulfillmentStatusOf(order) === 'CANCELLED') return json(409, { error: `order ${orderId} is canceled already` });
  const items = Items.parse(raw.orderItems);
  const unknown = unknownItems(items, parsed.data.orderItemIds);
  if (unknown.length > 0) return json(400, { error: `order items not in order ${orderId}: ${unknown.join(', ')}` });
  const wanted = new Set(parsed.data.orderItemIds ?? items.map((i) => String(i.orderItemId)));
  if (items.some((i) => wanted.has(String(i.orderItemId)) && shippedQuantity(i) > 0)) return json(409, { error: 'shipped items cannot be canceled' });
  const execution = { cancelledBy: parsed.data.cancelledBy ?? 'AMAZON', cancelReason: 'Canceled by Amazon' };
  const orderItems = items.map((i) => {
    if (!wanted.has(String(i.orderItemId))) return i;
    const fulfillment = z.record(z.unknown()).optional().parse(i.fulfillment) ?? {};
    return { ...withCancellation(i, 'cancellationExecution', execution), fulfillment: { ...fulfillment, quantityUnfulfilled: 0 } };
  });
  const whole = items.every((i) => wanted.has(String(i.orderItemId)));
  const fulfillment = z.record(z.unknown()).optional().parse(raw.fulfillment) ?? {};
  const updated = { ...raw, lastUpdatedTime: isoAt(ctx.clock.now()), orderItems, ...(whole ? { fulfillment: { ...fulfillment, fulfillmentStatus: 'CANCELLED' } } : {}) };
  store(ctx, orderId, updated, whole ? 'Order canceled' : 'Order items canceled');
  return json(200, { orderId, orderItemIds: [...wanted], orderCanceled: whole });
}

const Text = z.union([z.string(), z.number()]).transform(String);
const asArray = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const AckItemSchema = z.object({ AmazonOrderItemCode: Text, MerchantOrderItemID: Text.optional(), CancelReason: Text.optional() }).passthrough();
const AckMessageSchema = z.object({
  MessageID: Text,
  OrderAcknowledgement: z.object({
    AmazonOrderID: Text,
    MerchantOrderID: Text.optional(),
    StatusCode: z.enum(['Success', 'Failure']),
    Item: z.union([z.array(AckItemSchema), AckItemSchema]).optional(),
  }).passthrough(),
}).passthrough();

interface AckResult { messageId: string; code: string; message: string; orderId: string }

/** Applies one acknowledgement message; an error result names what Amazon would refuse. */
function applyAcknowledgement(ctx: SimContext, feed: FeedRecord, message: z.infer<typeof AckMessageSchema>): AckResult | undefined {
  const ack = message.OrderAcknowledgement;
  const error = (code: string, text: string): AckResult => ({ messageId: message.MessageID, code, message: text, orderId: ack.AmazonOrderID });
  const raw = ctx.state.orders[ack.AmazonOrderID];
  if (!raw) return error('18028', `Order ${ack.AmazonOrderID} was not found.`);
  const items = Items.parse(raw.orderItems);
  const ackItems = asArray(ack.Item);
  const known = new Set(items.map((i) => String(i.orderItemId)));
  const stranger = ackItems.find((i) => !known.has(i.AmazonOrderItemCode));
  if (stranger) return error('18000', `AmazonOrderItemCode ${stranger.AmazonOrderItemCode} does not belong to order ${ack.AmazonOrderID}.`);
  const badReason = ackItems.find((i) => i.CancelReason !== undefined && !(CANCEL_REASONS as readonly string[]).includes(i.CancelReason));
  if (badReason) return error('18000', `CancelReason ${badReason.CancelReason} is not a valid value.`);
  const record = { statusCode: ack.StatusCode, feedId: feed.feedId, cancelReason: ackItems.find((i) => i.CancelReason)?.CancelReason, items: ackItems.map((i) => ({ orderItemId: i.AmazonOrderItemCode, ...(i.CancelReason ? { cancelReason: i.CancelReason } : {}) })) };
  if (ack.StatusCode === 'Failure') {
    const status = fulfillmentStatusOf(SimOrderSchema.parse(raw));
    if (status === 'CANCELLED') return error('18000', `Order ${ack.AmazonOrderID} is canceled already.`);
    if (items.some((i) => shippedQuantity(i) > 0)) return error('18000', `Order ${ack.AmazonOrderID} has shipped items: a Failure acknowledgement would refund the whole order.`);
    if (ackItems.length === 0 || ackItems.some((i) => i.CancelReason === undefined)) return error('18000', 'A cancellation (StatusCode Failure) needs Item elements with a CancelReason.');
    const reason = record.cancelReason ?? 'GeneralAdjustment';
    const orderItems = items.map((i) => withCancellation(i, 'cancellationExecution', { cancelledBy: 'MERCHANT', cancelReason: reason }));
    const fulfillment = z.record(z.unknown()).optional().parse(raw.fulfillment) ?? {};
    (ctx.state.acknowledgements[ack.AmazonOrderID] ??= []).push(record);
    store(ctx, ack.AmazonOrderID, { ...raw, lastUpdatedTime: isoAt(ctx.clock.now()), orderItems, fulfillment: { ...fulfillment, fulfillmentStatus: 'CANCELLED' } }, 'Order canceled by seller');
    return undefined;
  }
  (ctx.state.acknowledgements[ack.AmazonOrderID] ??= []).push(record);
  return undefined;
}

/** POST_ORDER_ACKNOWLEDGEMENT_DATA: each message applied; an XML processing report like Amazon's. */
export function processOrderAcknowledgementFeed(ctx: SimContext, feed: FeedRecord, content: Buffer, storeDocument: (content: Buffer, contentType: string) => string): void {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  let messages: unknown[];
  try {
    const doc = z.object({ AmazonEnvelope: z.object({ MessageType: z.literal('OrderAcknowledgement'), Message: z.unknown() }).passthrough() }).parse(parser.parse(content.toString('utf8')));
    messages = asArray(doc.AmazonEnvelope.Message);
  } catch {
    feed.processingStatus = 'FATAL';
    return;
  }
  const results: AckResult[] = [];
  for (const raw of messages) {
    const m = AckMessageSchema.safeParse(raw);
    if (!m.success) {
      results.push({ messageId: '0', code: '5000', message: 'The XML message is not a valid OrderAcknowledgement message.', orderId: '' });
      continue;
    }
    const result = applyAcknowledgement(ctx, feed, m.data);
    if (result) results.push(result);
  }
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  const report = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
    `<Header><DocumentVersion>1.02</DocumentVersion><MerchantIdentifier>${esc(ctx.config.sellerId)}</MerchantIdentifier></Header>`,
    '<MessageType>ProcessingReport</MessageType>',
    '<Message><MessageID>1</MessageID><ProcessingReport>',
    `<DocumentTransactionID>${feed.feedId}</DocumentTransactionID><StatusCode>Complete</StatusCode>`,
    `<ProcessingSummary><MessagesProcessed>${messages.length}</MessagesProcessed><MessagesSuccessful>${messages.length - results.length}</MessagesSuccessful><MessagesWithError>${results.length}</MessagesWithError><MessagesWithWarning>0</MessagesWithWarning></ProcessingSummary>`,
    ...results.map((r) => `<Result><MessageID>${esc(r.messageId)}</MessageID><ResultCode>Error</ResultCode><ResultMessageCode>${r.code}</ResultMessageCode><ResultDescription>${esc(r.message)}</ResultDescription><AdditionalInfo><AmazonOrderID>${esc(r.orderId)}</AmazonOrderID></AdditionalInfo></Result>`),
    '</ProcessingReport></Message>',
    '</AmazonEnvelope>',
  ].join('\n');
  feed.processingStatus = 'DONE';
  feed.resultFeedDocumentId = storeDocument(Buffer.from(report), 'text/xml; charset=UTF-8');
}

/** `advanceFeeds` moves submitted feeds along first, so an acknowledgement shows as soon as its feed is processed. */
export function orderLifecycleRoutes(ctx: SimContext, advanceFeeds: () => void = () => undefined): Route[] {
  return [
    { method: 'POST', pattern: '/_sim/orders/{orderId}/cancel-request', handler: (req) => cancelRequest(ctx, req.params.orderId!, req.body) },
    { method: 'POST', pattern: '/_sim/orders/{orderId}/cancel', handler: (req) => cancelByAmazon(ctx, req.params.orderId!, req.body) },
    {
      method: 'GET', pattern: '/_sim/orders/{orderId}',
      handler: (req) => {
        advanceFeeds();
        const id = req.params.orderId!;
        const raw = ctx.state.orders[id];
        if (!raw) return json(404, { error: `order ${id} not found` });
        return json(200, { ...raw, acknowledgements: (ctx.state.acknowledgements[id] ?? []).map(({ feedId: _feed, ...a }) => a), endpoints: ctx.state.regionCalls[id] ?? [] });
      },
    },
  ];
}
