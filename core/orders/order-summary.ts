/** The PII-free view of an order that orchestration inputs, outputs and logs may carry (docs/design.md, Layers). */
import { z } from 'zod';
import { FulfillmentChannelSchema, OrderStatusSchema, type CanonicalOrder } from './canonical-order';

// Deliberately no buyer, ship-to, phone, e-mail, gift message or tax registration: durable history is persisted.
export const OrderSummarySchema = z.object({
  orderId: z.string(),
  status: OrderStatusSchema,
  amazonStatus: z.string(),
  marketplaceId: z.string().optional(),
  channel: FulfillmentChannelSchema,
  currency: z.string().optional(),
  lastUpdatedAt: z.string(),
  isBusinessOrder: z.boolean(),
  lines: z.array(z.object({
    orderItemId: z.string(),
    sku: z.string().optional(),
    quantity: z.number().int(),
    unitPrice: z.string().optional(),
    promotionDiscount: z.string().optional(),
  })),
}).strict();

export type OrderSummary = z.infer<typeof OrderSummarySchema>;

export function summarizeOrder(order: CanonicalOrder): OrderSummary {
  return {
    orderId: order.orderId,
    status: order.status,
    amazonStatus: order.amazonStatus,
    marketplaceId: order.marketplaceId,
    channel: order.channel,
    currency: order.currency,
    lastUpdatedAt: order.lastUpdatedAt,
    isBusinessOrder: order.isBusinessOrder,
    lines: order.lines.map((l) => ({
      orderItemId: l.orderItemId,
      sku: l.sku,
      quantity: l.quantity,
      unitPrice: l.unitPrice,
      promotionDiscount: l.promotionDiscount,
    })),
  };
}
