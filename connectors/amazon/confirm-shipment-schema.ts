/** The Orders v0 confirmShipment request body (ordersV0.json ConfirmShipmentRequest): packageReferenceId is a string of a positive integer (docs/amazon-facts.md). */
import { z } from 'zod';

export const ConfirmShipmentOrderItemSchema = z.object({
  orderItemId: z.string().min(1),
  quantity: z.number().int().positive(),
  transparencyCodes: z.array(z.string()).optional(),
});

export const PackageDetailSchema = z.object({
  packageReferenceId: z.string().regex(/^[1-9]\d*$/, 'packageReferenceId must be a positive integer written as a string'),
  carrierCode: z.string().min(1),
  carrierName: z.string().optional(),
  shippingMethod: z.string().optional(),
  trackingNumber: z.string().min(1),
  shipDate: z.string().datetime({ offset: true }),
  shipFromSupplySourceId: z.string().optional(),
  orderItems: z.array(ConfirmShipmentOrderItemSchema).min(1),
});

export const ConfirmShipmentRequestSchema = z.object({
  marketplaceId: z.string().min(1),
  codCollectionMethod: z.literal('DirectPayment').optional(),
  packageDetail: PackageDetailSchema,
});

export type ConfirmShipmentRequest = z.infer<typeof ConfirmShipmentRequestSchema>;
export type PackageDetail = z.infer<typeof PackageDetailSchema>;
