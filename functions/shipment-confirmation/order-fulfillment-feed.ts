/**
 * POST_ORDER_FULFILLMENT_DATA (XML, OrderFulfillment.xsd; docs/amazon-facts.md, Shipment confirmation): one Message per confirmation, and the XML
 * processing report read back per MessageID. MerchantFulfillmentID carries the same package reference as the API call,
 * so a feed and a later API edit touch the same package.
 */
import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { PackageConfirmation } from './shipment-model';

export const ORDER_FULFILLMENT_FEED_TYPE = 'POST_ORDER_FULFILLMENT_DATA';
/** The upload must carry exactly the content type given to createFeedDocument (else 403 SignatureDoesNotMatch, docs/amazon-facts.md, Feeds). */
export const ORDER_FULFILLMENT_CONTENT_TYPE = 'text/xml; charset=UTF-8';

function xml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

function element(name: string, value: string | number | undefined): string {
  return value === undefined || value === '' ? '' : `<${name}>${xml(String(value))}</${name}>`;
}

/** Message i (1-based) is confirmations[i - 1]. */
export function buildOrderFulfillmentFeed(merchantId: string, confirmations: PackageConfirmation[]): string {
  const messages = confirmations.map((c, i) => {
    const d = c.body.packageDetail;
    // FulfillmentData takes CarrierCode or CarrierName (an xsd:choice): a carrier off Amazon's list goes by name.
    const carrier = d.carrierCode === 'Other' ? element('CarrierName', d.carrierName ?? 'Other') : element('CarrierCode', d.carrierCode);
    const items = d.orderItems.map((item) => `<Item>${element('AmazonOrderItemCode', item.orderItemId)}${element('Quantity', item.quantity)}</Item>`).join('');
    return [
      `<Message>${element('MessageID', i + 1)}<OrderFulfillment>`,
      element('AmazonOrderID', c.amazonOrderId),
      element('MerchantFulfillmentID', d.packageReferenceId),
      element('FulfillmentDate', d.shipDate),
      `<FulfillmentData>${carrier}${element('ShippingMethod', d.shippingMethod)}${element('ShipperTrackingNumber', d.trackingNumber)}</FulfillmentData>`,
      items,
      '</OrderFulfillment></Message>',
    ].join('');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">',
    `<Header><DocumentVersion>1.01</DocumentVersion>${element('MerchantIdentifier', merchantId)}</Header>`,
    '<MessageType>OrderFulfillment</MessageType>',
    ...messages,
    '</AmazonEnvelope>',
    '',
  ].join('\n');
}

const Text = z.union([z.string(), z.number()]).transform(String);
const ResultSchema = z.object({
  MessageID: Text,
  ResultCode: Text,
  ResultMessageCode: Text.optional(),
  ResultDescription: Text.optional(),
}).passthrough();
const ReportSchema = z.object({
  AmazonEnvelope: z.object({
    Message: z.union([z.array(z.unknown()), z.unknown()]),
  }).passthrough(),
}).passthrough();
const ReportMessageSchema = z.object({
  ProcessingReport: z.object({
    StatusCode: Text.optional(),
    Result: z.union([z.array(ResultSchema), ResultSchema]).optional(),
  }).passthrough(),
}).passthrough();

export interface MessageResult {
  messageId: number;
  /** Error results fail the message; warnings do not. */
  ok: boolean;
  message: string;
}

/** Per-message results: every message without an Error result succeeded (the report lists only messages with issues). */
export function readProcessingReport(report: string, messageCount: number): MessageResult[] {
  const parser = new XMLParser({ ignoreAttributes: true, parseTagValue: false, trimValues: true });
  const doc = ReportSchema.parse(parser.parse(report));
  const reportMessages = Array.isArray(doc.AmazonEnvelope.Message) ? doc.AmazonEnvelope.Message : [doc.AmazonEnvelope.Message];
  const errors = new Map<number, string[]>();
  for (const raw of reportMessages) {
    const parsed = ReportMessageSchema.safeParse(raw);
    if (!parsed.success) continue;
    const results = parsed.data.ProcessingReport.Result;
    for (const r of results === undefined ? [] : Array.isArray(results) ? results : [results]) {
      if (r.ResultCode.toLowerCase() !== 'error') continue;
      const id = Number(r.MessageID);
      const text = [r.ResultMessageCode, r.ResultDescription].filter(Boolean).join(' ');
      errors.set(id, [...(errors.get(id) ?? []), text]);
    }
  }
  return Array.from({ length: messageCount }, (_, i) => {
    const own = errors.get(i + 1);
    return own ? { messageId: i + 1, ok: false, message: own.join('; ') } : { messageId: i + 1, ok: true, message: '' };
  });
}
