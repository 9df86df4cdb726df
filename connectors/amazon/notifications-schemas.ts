/** Notifications API v1 requests and responses (notifications.json): responses wrap data in `payload`. */
import { z } from 'zod';

export const DestinationSchema = z.object({ destinationId: z.string(), name: z.string(), resource: z.record(z.unknown()) }).passthrough();
export const SubscriptionSchema = z.object({
  subscriptionId: z.string(),
  payloadVersion: z.string(),
  destinationId: z.string(),
  processingDirective: z.record(z.unknown()).optional(),
}).passthrough();

export const CreateDestinationResponseSchema = z.object({ payload: DestinationSchema }).passthrough();
export const GetDestinationsResponseSchema = z.object({ payload: z.array(DestinationSchema) }).passthrough();
export const SubscriptionResponseSchema = z.object({ payload: SubscriptionSchema }).passthrough();
export const DeleteSubscriptionResponseSchema = z.object({}).passthrough();

export interface CreateDestinationRequest {
  name: string;
  resourceSpecification: { sqs: { arn: string } } | { eventBridge: { region: string; accountId: string } };
}

export interface CreateSubscriptionRequest {
  payloadVersion: string;
  destinationId: string;
  processingDirective?: {
    eventFilter?: { eventFilterType: 'ORDER_CHANGE' | 'ANY_OFFER_CHANGED' | 'SHIPMENT_TRACKING_MILESTONE_CHANGED'; orderChangeTypes?: Array<'OrderStatusChange' | 'BuyerRequestedChange' | 'DeliveryTipChange'>; aggregationSettings?: { aggregationTimePeriod: 'FiveMinutes' | 'TenMinutes' } };
  };
}

export type Destination = z.infer<typeof DestinationSchema>;
export type Subscription = z.infer<typeof SubscriptionSchema>;
