/** The parts of a v2026-01-01 Order the simulator reads or changes (everything else passes through untouched). */
import { z } from 'zod';

export const FULFILLMENT_STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;

export const SimOrderItemSchema = z.object({
  orderItemId: z.string(),
  quantityOrdered: z.number().int(),
  product: z.object({ sellerSku: z.string().optional() }).passthrough(),
  fulfillment: z.object({ quantityFulfilled: z.number().int().optional(), quantityUnfulfilled: z.number().int().optional() }).passthrough().optional(),
  cancellation: z.object({ cancellationRequest: z.object({}).passthrough().optional() }).passthrough().optional(),
}).passthrough();

export const SimOrderSchema = z.object({
  orderId: z.string().min(1),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  programs: z.array(z.string()).optional(),
  salesChannel: z.object({ channelName: z.string(), marketplaceId: z.string().optional() }).passthrough(),
  recipient: z.object({ deliveryAddress: z.object({ postalCode: z.string().optional() }).passthrough().optional() }).passthrough().optional(),
  fulfillment: z.object({
    fulfillmentStatus: z.enum(FULFILLMENT_STATUSES),
    fulfilledBy: z.string().optional(),
    shipByWindow: z.object({ earliestDateTime: z.string().optional(), latestDateTime: z.string().optional() }).passthrough().optional(),
    deliverByWindow: z.object({ earliestDateTime: z.string().optional(), latestDateTime: z.string().optional() }).passthrough().optional(),
  }).passthrough().optional(),
  orderItems: z.array(SimOrderItemSchema),
  packages: z.array(z.object({ packageReferenceId: z.string() }).passthrough()).optional(),
}).passthrough();
export type SimOrder = z.infer<typeof SimOrderSchema>;
export type SimOrderItem = z.infer<typeof SimOrderItemSchema>;

export function fulfillmentStatusOf(order: SimOrder): (typeof FULFILLMENT_STATUSES)[number] {
  return order.fulfillment?.fulfillmentStatus ?? 'UNSHIPPED';
}

export function isMerchantFulfilled(order: SimOrder): boolean {
  return (order.fulfillment?.fulfilledBy ?? 'MERCHANT') === 'MERCHANT';
}
