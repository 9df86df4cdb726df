/** The canonical order: one shape for Orders v2026-01-01 and v0 captures, the input of `planOrder` (read-canonical-order.ts builds it). */
import { z } from 'zod';

/** Decimal amount as text ("19.99"); never a float. */
const Amount = z.string().regex(/^-?\d+(\.\d+)?$/, 'expected a plain decimal amount');

export const ORDER_STATUSES = ['pending', 'unshipped', 'partially-shipped', 'shipped', 'canceled', 'unfulfillable', 'unknown'] as const;
export const OrderStatusSchema = z.enum(ORDER_STATUSES);
export const FulfillmentChannelSchema = z.enum(['merchant', 'amazon']);

/** Personal data: only the activity that writes the M3 order may hold it (docs/design.md, Layers). */
export const ShipToSchema = z.object({
  name: z.string().optional(),
  companyName: z.string().optional(),
  line1: z.string().optional(),
  line2: z.string().optional(),
  line3: z.string().optional(),
  city: z.string().optional(),
  district: z.string().optional(),
  county: z.string().optional(),
  stateOrRegion: z.string().optional(),
  municipality: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
  phone: z.string().optional(),
  addressType: z.string().optional(),
});

export const BuyerSchema = z.object({
  name: z.string().optional(),
  email: z.string().optional(),
  companyName: z.string().optional(),
  purchaseOrderNumber: z.string().optional(),
});

export const TaxRegistrationSchema = z.object({
  type: z.string().optional(),
  number: z.string().optional(),
  legalName: z.string().optional(),
  entityType: z.string().optional(),
});

/** A charge on a line (shipping, gift wrap): amount charged to the buyer, its discount and tax, all per line (not per unit). */
export const ChargeSchema = z.object({ amount: Amount, discount: Amount.optional(), tax: Amount.optional() });

export const CanonicalLineSchema = z.object({
  orderItemId: z.string(),
  sku: z.string().optional(),
  asin: z.string().optional(),
  title: z.string().optional(),
  quantity: z.number().int().nonnegative(),
  /** Unit price before promotions (v2026 `unitPrice`; v0 `ItemPrice` ÷ quantity). Absent on pending orders. */
  unitPrice: Amount.optional(),
  /** False when v0 `ItemPrice` ÷ quantity did not terminate and was rounded. */
  unitPriceExact: z.boolean(),
  /** Line total before promotions, as Amazon reported it (v0 `ItemPrice`, v2026 ITEM proceeds). */
  lineTotal: Amount.optional(),
  /** Promotion discount on the item price for the whole line, positive. */
  promotionDiscount: Amount.optional(),
  promotionIds: z.array(z.string()),
  itemTax: Amount.optional(),
  shipping: ChargeSchema.optional(),
  giftWrap: ChargeSchema.extend({ level: z.string().optional() }).optional(),
  codFee: Amount.optional(),
  isGift: z.boolean(),
  /** Gift message: buyer text, treated as personal data. */
  giftMessage: z.string().optional(),
  /** The buyer asked to cancel this item (v2026 `cancellation.cancellationRequest`, v0 `BuyerRequestedCancel`). */
  cancelRequested: z.boolean().default(false),
  /** Who canceled this item, when it is canceled (v2026 `cancellation.cancellationExecution.cancelledBy`). */
  canceledBy: z.string().optional(),
});

export const CanonicalOrderSchema = z.object({
  source: z.enum(['orders-2026-01-01', 'orders-v0']),
  orderId: z.string().min(1),
  createdAt: z.string(),
  lastUpdatedAt: z.string(),
  status: OrderStatusSchema,
  /** Amazon's own status word (`UNSHIPPED`, `Unshipped`, …) for messages. */
  amazonStatus: z.string(),
  channel: FulfillmentChannelSchema,
  marketplaceId: z.string().optional(),
  salesChannel: z.string().optional(),
  currency: z.string().optional(),
  orderTotal: Amount.optional(),
  isBusinessOrder: z.boolean(),
  isPrime: z.boolean(),
  isReplacement: z.boolean(),
  programs: z.array(z.string()),
  serviceLevel: z.string().optional(),
  latestShipDate: z.string().optional(),
  latestDeliveryDate: z.string().optional(),
  buyer: BuyerSchema.optional(),
  taxRegistrations: z.array(TaxRegistrationSchema),
  shipTo: ShipToSchema.optional(),
  lines: z.array(CanonicalLineSchema),
  /** The IOSS number Amazon collected EU import VAT under, when it did. */
  iossNumber: z.string().optional(),
});

export type OrderStatus = z.infer<typeof OrderStatusSchema>;
export type FulfillmentChannel = z.infer<typeof FulfillmentChannelSchema>;
export type ShipTo = z.infer<typeof ShipToSchema>;
export type Charge = z.infer<typeof ChargeSchema>;
export type CanonicalLine = z.infer<typeof CanonicalLineSchema>;
export type CanonicalOrder = z.infer<typeof CanonicalOrderSchema>;
