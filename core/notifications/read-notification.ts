/** Reads an SP-API notification in any envelope and casing into the canonical `NotificationEvent`. */
import type { z } from 'zod';
import { NotificationError } from './notification-error';
import { NotificationEventSchema, SUPPORTED_NOTIFICATION_TYPES, type NotificationEvent } from './notification-event';
import {
  FeedProcessingFinishedPayloadSchema,
  ListingsMfnQuantityPayloadSchema,
  MAX_ORDER_ITEMS,
  MetadataSchema,
  OrderChangePayloadSchema,
  ReportProcessingFinishedPayloadSchema,
} from './notification-payloads';
import { assertSafeValue, UnsafeJsonError } from './safe-json';
import { getIgnoringCase, isRecord, unwrapEnvelope } from './unwrap-envelope';

/**
 * `body`: the request text, or an already-parsed value. Size limits are the caller's job.
 * Throws `NotificationError` (a PermanentError) with a `reason` when the notification is invalid:
 * no type, no metadata or NotificationId, or a supported type whose payload lacks what we need.
 * Unknown types are valid and come back with `ignored: true`.
 */
export function readNotification(body: string | unknown): NotificationEvent {
  if (typeof body !== 'string') {
    try {
      assertSafeValue(body);
    } catch (error) {
      throw new NotificationError('UNSAFE_JSON', error instanceof UnsafeJsonError ? error.message : String(error));
    }
  }
  const { notification, envelope, eventBridgeType } = unwrapEnvelope(body);
  const rawType = getIgnoringCase(notification, 'NotificationType') ?? eventBridgeType;
  if (typeof rawType !== 'string' || rawType.trim() === '') throw new NotificationError('MISSING_TYPE', 'notification has no NotificationType');
  const type = rawType.trim();

  const rawMetadata = getIgnoringCase(notification, 'NotificationMetadata');
  if (!isRecord(rawMetadata)) throw new NotificationError('MISSING_METADATA', 'notification has no NotificationMetadata');
  const metadata = MetadataSchema.safeParse(camelize(rawMetadata));
  if (!metadata.success) {
    const issue = metadata.error.issues[0];
    const field = issue.path.map(String).join('.');
    const absent = issue.code === 'invalid_type' && issue.received === 'undefined';
    if (field === 'notificationId' && absent) throw new NotificationError('MISSING_METADATA', 'NotificationMetadata has no NotificationId');
    if (field === 'notificationId') throw new NotificationError('INVALID_ID', `NotificationMetadata.NotificationId ${issueWithoutValue(issue)}`);
    throw new NotificationError('MISSING_METADATA', `NotificationMetadata.${field}: ${issueWithoutValue(issue)}`);
  }

  const eventTime = getIgnoringCase(notification, 'EventTime');
  const base: NotificationEvent = {
    notificationId: metadata.data.notificationId,
    type,
    envelope,
    eventTime: typeof eventTime === 'string' ? eventTime : undefined,
    publishTime: metadata.data.publishTime,
    subscriptionId: metadata.data.subscriptionId,
    applicationId: metadata.data.applicationId,
  };
  if (!(SUPPORTED_NOTIFICATION_TYPES as readonly string[]).includes(type)) return NotificationEventSchema.parse({ ...base, ignored: true });

  const payload = camelize(getIgnoringCase(notification, 'Payload'));
  return NotificationEventSchema.parse({ ...base, ...readPayload(type, payload) });
}

function readPayload(type: string, payload: unknown): Partial<NotificationEvent> {
  switch (type) {
    case 'ORDER_CHANGE': {
      // zod reads every element before it reports the length: refuse an oversized array before it (12k items ≈ 1 s).
      const items = dig(payload, ['orderChangeNotification', 'summary', 'orderItems']);
      if (Array.isArray(items) && items.length > MAX_ORDER_ITEMS) {
        throw new NotificationError('INVALID_PAYLOAD', `${type} Payload.orderChangeNotification.summary.orderItems: ${items.length} items, more than ${MAX_ORDER_ITEMS}`);
      }
      const p = parsePayload(OrderChangePayloadSchema, payload, type).orderChangeNotification;
      return {
        sellerId: p.sellerId,
        orderId: p.amazonOrderId,
        marketplaceId: p.summary?.marketplaceId,
        status: p.summary?.orderStatus,
        fulfillmentType: p.summary?.fulfillmentType,
        orderChangeType: p.orderChangeType,
        notificationLevel: p.notificationLevel,
        changeReason: p.orderChangeTrigger?.changeReason,
        timeOfOrderChange: p.orderChangeTrigger?.timeOfOrderChange,
        orderItems: p.summary?.orderItems?.map((i) => ({
          orderItemId: i.orderItemId,
          sku: i.sellerSKU,
          quantity: i.quantity,
          quantityShipped: i.quantityShipped,
          status: i.orderItemStatus,
          isBuyerRequestedCancel: i.isBuyerRequestedCancel,
        })),
      };
    }
    case 'FEED_PROCESSING_FINISHED': {
      const p = parsePayload(FeedProcessingFinishedPayloadSchema, payload, type).feedProcessingFinishedNotification;
      return { sellerId: p.sellerId ?? p.accountId, feedId: p.feedId, feedType: p.feedType, processingStatus: p.processingStatus, documentId: p.resultFeedDocumentId };
    }
    case 'REPORT_PROCESSING_FINISHED': {
      const p = parsePayload(ReportProcessingFinishedPayloadSchema, payload, type).reportProcessingFinishedNotification;
      return { sellerId: p.sellerId ?? p.accountId, reportId: p.reportId, reportType: p.reportType, processingStatus: p.processingStatus, documentId: p.reportDocumentId };
    }
    case 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE': {
      const p = parsePayload(ListingsMfnQuantityPayloadSchema, payload, type);
      return { sellerId: p.sellerId, marketplaceId: p.marketplaceId, sku: p.sku, quantity: p.quantity, fulfillmentChannelCode: p.fulfillmentChannelCode };
    }
    default:
      return {};
  }
}

function dig(value: unknown, path: readonly string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

function parsePayload<T extends z.ZodTypeAny>(schema: T, payload: unknown, type: string): z.infer<T> {
  if (payload === undefined) throw new NotificationError('INVALID_PAYLOAD', `${type} notification has no Payload`);
  const result = schema.safeParse(payload);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  throw new NotificationError('INVALID_PAYLOAD', `${type} Payload.${issue.path.map(String).join('.')}: ${issueWithoutValue(issue)}`);
}

/**
 * What is wrong, never the offending value: zod's enum and literal messages quote what was received, and these
 * messages reach 400 replies, logs and parked items (a value could be anything a sender put there).
 */
export function issueWithoutValue(issue: z.ZodIssue): string {
  switch (issue.code) {
    case 'invalid_enum_value':
      return `expected one of ${issue.options.map(String).join(', ')}`;
    case 'invalid_literal':
      return `expected ${JSON.stringify(issue.expected)}`;
    default:
      return issue.message;
  }
}

/** PascalCase keys → camelCase (`SellerSKU` → `sellerSKU`), so one schema reads both envelope casings (docs/amazon-facts.md, Deprecations to know first). */
export function camelize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(camelize);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const camel = key.length > 0 ? key.charAt(0).toLowerCase() + key.slice(1) : key;
    if (!Object.prototype.hasOwnProperty.call(out, camel)) out[camel] = camelize(v);
  }
  return out;
}
