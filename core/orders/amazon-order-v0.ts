/** Zod schemas of the deprecated Orders API v0 `Order` and `OrderItem` (ordersV0.json), for older captures `{order, orderItems}`. */
import { z } from 'zod';

// Orders v0 reads are deprecated (removal 27 March 2027, docs/amazon-facts.md, Deprecations to know first); captures made
// with it are still accepted by `plan-order`. Enumerations stay open strings; unknown fields pass through.

/** v0 Money: `{CurrencyCode, Amount}`, Amount a decimal string (docs/amazon-facts.md, Deprecations to know first). Both keys are optional in the model. */
export const V0MoneySchema = z.object({
  CurrencyCode: z.string().optional(),
  Amount: z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'expected a decimal number as a string').optional(),
}).passthrough();

export const V0AddressSchema = z.object({
  Name: z.string().optional(),
  CompanyName: z.string().optional(),
  AddressLine1: z.string().optional(),
  AddressLine2: z.string().optional(),
  AddressLine3: z.string().optional(),
  City: z.string().optional(),
  County: z.string().optional(),
  District: z.string().optional(),
  StateOrRegion: z.string().optional(),
  Municipality: z.string().optional(),
  PostalCode: z.string().optional(),
  CountryCode: z.string().optional(),
  Phone: z.string().optional(),
  AddressType: z.string().optional(),
}).passthrough();

export const V0BuyerInfoSchema = z.object({
  BuyerEmail: z.string().optional(),
  BuyerName: z.string().optional(),
  BuyerCounty: z.string().optional(),
  BuyerTaxInfo: z.object({
    CompanyLegalName: z.string().optional(),
    TaxingRegion: z.string().optional(),
    TaxClassifications: z.array(z.object({ Name: z.string().optional(), Value: z.string().optional() }).passthrough()).optional(),
  }).passthrough().optional(),
  PurchaseOrderNumber: z.string().optional(),
}).passthrough();

export const V0OrderSchema = z.object({
  AmazonOrderId: z.string(),
  SellerOrderId: z.string().optional(),
  PurchaseDate: z.string(),
  LastUpdateDate: z.string(),
  OrderStatus: z.string(),
  FulfillmentChannel: z.string().optional(),
  SalesChannel: z.string().optional(),
  OrderChannel: z.string().optional(),
  ShipServiceLevel: z.string().optional(),
  OrderTotal: V0MoneySchema.optional(),
  NumberOfItemsShipped: z.number().int().optional(),
  NumberOfItemsUnshipped: z.number().int().optional(),
  PaymentMethod: z.string().optional(),
  MarketplaceId: z.string().optional(),
  ShipmentServiceLevelCategory: z.string().optional(),
  OrderType: z.string().optional(),
  EarliestShipDate: z.string().optional(),
  LatestShipDate: z.string().optional(),
  EarliestDeliveryDate: z.string().optional(),
  LatestDeliveryDate: z.string().optional(),
  IsBusinessOrder: z.boolean().optional(),
  IsPrime: z.boolean().optional(),
  IsPremiumOrder: z.boolean().optional(),
  IsReplacementOrder: z.boolean().optional(),
  ReplacedOrderId: z.string().optional(),
  BuyerInvoicePreference: z.string().optional(),
  BuyerTaxInformation: z.object({
    BuyerLegalCompanyName: z.string().optional(),
    BuyerBusinessAddress: z.string().optional(),
    BuyerTaxRegistrationId: z.string().optional(),
    BuyerTaxOffice: z.string().optional(),
  }).passthrough().optional(),
  MarketplaceTaxInfo: z.object({
    TaxClassifications: z.array(z.object({ Name: z.string().optional(), Value: z.string().optional() }).passthrough()).optional(),
  }).passthrough().optional(),
  ShippingAddress: V0AddressSchema.optional(),
  BuyerInfo: V0BuyerInfoSchema.optional(),
}).passthrough();

export const V0OrderItemSchema = z.object({
  ASIN: z.string(),
  SellerSKU: z.string().optional(),
  OrderItemId: z.string(),
  Title: z.string().optional(),
  QuantityOrdered: z.number().int(),
  QuantityShipped: z.number().int().optional(),
  /** The LINE total (unit price × quantity), not the unit price (docs/amazon-facts.md, Orders). */
  ItemPrice: V0MoneySchema.optional(),
  ShippingPrice: V0MoneySchema.optional(),
  ItemTax: V0MoneySchema.optional(),
  ShippingTax: V0MoneySchema.optional(),
  ShippingDiscount: V0MoneySchema.optional(),
  ShippingDiscountTax: V0MoneySchema.optional(),
  /** Import One-Stop-Shop number Amazon collected EU import VAT under (EU shipments of at most €150). */
  IossNumber: z.string().optional(),
  PromotionDiscount: V0MoneySchema.optional(),
  PromotionDiscountTax: V0MoneySchema.optional(),
  PromotionIds: z.array(z.string()).optional(),
  CODFee: V0MoneySchema.optional(),
  CODFeeDiscount: V0MoneySchema.optional(),
  IsGift: z.string().optional(),
  ConditionId: z.string().optional(),
  ConditionSubtypeId: z.string().optional(),
  ConditionNote: z.string().optional(),
  PriceDesignation: z.string().optional(),
  /** The buyer's cancellation request (v0 writes the flag as a string). */
  BuyerRequestedCancel: z.object({ IsBuyerRequestedCancel: z.union([z.string(), z.boolean()]).optional(), BuyerCancelReason: z.string().optional() }).passthrough().optional(),
  BuyerInfo: z.object({
    GiftWrapPrice: V0MoneySchema.optional(),
    GiftWrapTax: V0MoneySchema.optional(),
    GiftMessageText: z.string().optional(),
    GiftWrapLevel: z.string().optional(),
  }).passthrough().optional(),
}).passthrough();

/** What `plan-order` accepts for v0: the order plus its items (from getOrder + getOrderItems). */
export const V0OrderCaptureSchema = z.object({
  order: V0OrderSchema,
  orderItems: z.array(V0OrderItemSchema),
}).passthrough();

export type V0Money = z.infer<typeof V0MoneySchema>;
export type V0Address = z.infer<typeof V0AddressSchema>;
export type V0Order = z.infer<typeof V0OrderSchema>;
export type V0OrderItem = z.infer<typeof V0OrderItemSchema>;
export type V0OrderCapture = z.infer<typeof V0OrderCaptureSchema>;
