/** The canonical notification event (docs/contracts.md, Commands): ids and statuses only, never buyer data. */
import { z } from 'zod';

export const SUPPORTED_NOTIFICATION_TYPES = ['ORDER_CHANGE', 'FEED_PROCESSING_FINISHED', 'REPORT_PROCESSING_FINISHED', 'LISTINGS_ITEM_MFN_QUANTITY_CHANGE'] as const;

export const NotificationEnvelopeKindSchema = z.enum(['raw', 'sqs', 'sns', 'eventbridge']);

export const NotificationEventSchema = z.object({
  notificationId: z.string().min(1),
  type: z.string().min(1),
  /** Present (true) for types this app does not process, e.g. ANY_OFFER_CHANGED. */
  ignored: z.literal(true).optional(),
  envelope: NotificationEnvelopeKindSchema,
  eventTime: z.string().optional(),
  publishTime: z.string().optional(),
  subscriptionId: z.string().optional(),
  applicationId: z.string().optional(),
  sellerId: z.string().optional(),
  marketplaceId: z.string().optional(),
  // ORDER_CHANGE
  orderId: z.string().optional(),
  /** Amazon's order status word as sent (Orders v0 enum: `Unshipped`, `Canceled`, …). */
  status: z.string().optional(),
  /** `MFN` (merchant) or `AFN` (Amazon). */
  fulfillmentType: z.string().optional(),
  orderChangeType: z.string().optional(),
  notificationLevel: z.string().optional(),
  changeReason: z.string().optional(),
  timeOfOrderChange: z.string().optional(),
  orderItems: z.array(z.object({
    orderItemId: z.string(),
    sku: z.string().optional(),
    quantity: z.number().optional(),
    quantityShipped: z.number().optional(),
    status: z.string().optional(),
    isBuyerRequestedCancel: z.boolean().optional(),
  })).optional(),
  // FEED_PROCESSING_FINISHED / REPORT_PROCESSING_FINISHED
  feedId: z.string().optional(),
  feedType: z.string().optional(),
  reportId: z.string().optional(),
  reportType: z.string().optional(),
  processingStatus: z.string().optional(),
  /** Feed result document or report document id. */
  documentId: z.string().optional(),
  // LISTINGS_ITEM_MFN_QUANTITY_CHANGE
  sku: z.string().optional(),
  quantity: z.number().optional(),
  fulfillmentChannelCode: z.string().optional(),
});

export type NotificationEvent = z.infer<typeof NotificationEventSchema>;
export type NotificationEnvelopeKind = z.infer<typeof NotificationEnvelopeKindSchema>;
