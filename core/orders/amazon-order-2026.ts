/** Zod schemas of the Orders API v2026-01-01 `Order` (getOrder / searchOrders), faithful to Amazon's orders_2026-01-01.json model. */
import { z } from 'zod';

// Every object is `.passthrough()` so fields Amazon adds later survive a parse → serialize round trip.
// Enumerations are open strings: the model lists "Possible values" in prose, and Amazon adds values
// without a version bump (https://developer-docs.amazon.com/sp-api/docs/orders-api-v2026-01-01-reference).
// The known values are exported as constants for callers that branch on them.

export const FULFILLMENT_STATUSES = ['PENDING_AVAILABILITY', 'PENDING', 'UNSHIPPED', 'PARTIALLY_SHIPPED', 'SHIPPED', 'CANCELLED', 'UNFULFILLABLE'] as const;
export const FULFILLED_BY = ['MERCHANT', 'AMAZON'] as const;
export const INCLUDED_DATA = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'EXPENSE', 'PROMOTION', 'CANCELLATION', 'FULFILLMENT', 'PACKAGES', 'TAX', 'PAYMENT', 'FULFILLMENT_ORDERS'] as const;
export const PROCEEDS_BREAKDOWN_TYPES = ['ITEM', 'SHIPPING', 'GIFT_WRAP', 'COD_FEE', 'TAX', 'DISCOUNT', 'DELIVERY_TIP', 'OTHER'] as const;

/** An open enumeration (every string is accepted); known values are listed for documentation. */
const openString = z.string();

/** Amazon's `Decimal`: a string "with no loss of precision" (RFC 7159 number syntax). */
export const DecimalStringSchema = z.string().regex(/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/, 'expected a decimal number as a string');

export const MoneySchema = z.object({ amount: DecimalStringSchema, currencyCode: z.string() }).passthrough();
export const DateTimeRangeSchema = z.object({ earliestDateTime: z.string().optional(), latestDateTime: z.string().optional() }).passthrough();

export const AliasSchema = z.object({ aliasId: z.string(), aliasType: openString }).passthrough();
export const AssociatedOrderSchema = z.object({ orderId: z.string().optional(), associationType: openString.optional() }).passthrough();
export const SalesChannelSchema = z.object({ channelName: openString, marketplaceId: z.string().optional(), marketplaceName: z.string().optional() }).passthrough();
export const BuyerSchema = z.object({
  buyerName: z.string().optional(),
  buyerEmail: z.string().optional(),
  buyerCompanyName: z.string().optional(),
  buyerPurchaseOrderNumber: z.string().optional(),
}).passthrough();

export const AddressExtendedFieldsSchema = z.object({
  streetName: z.string().optional(),
  streetNumber: z.string().optional(),
  complement: z.string().optional(),
  neighborhood: z.string().optional(),
}).passthrough();

export const CustomerAddressSchema = z.object({
  name: z.string().optional(),
  companyName: z.string().optional(),
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  districtOrCounty: z.string().optional(),
  stateOrRegion: z.string().optional(),
  municipality: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
  phone: z.string().optional(),
  extendedFields: AddressExtendedFieldsSchema.optional(),
  addressType: openString.optional(),
}).passthrough();

export const MerchantAddressSchema = z.object({
  name: z.string().optional(),
  addressLine1: z.string().optional(),
  addressLine2: z.string().optional(),
  addressLine3: z.string().optional(),
  city: z.string().optional(),
  districtOrCounty: z.string().optional(),
  stateOrRegion: z.string().optional(),
  municipality: z.string().optional(),
  postalCode: z.string().optional(),
  countryCode: z.string().optional(),
}).passthrough();

const HourMinuteSchema = z.object({ hour: z.number().int().optional(), minute: z.number().int().optional() }).passthrough();
const TimeWindowSchema = z.object({ startTime: HourMinuteSchema.optional(), endTime: HourMinuteSchema.optional() }).passthrough();
const BusinessHourSchema = z.object({ dayOfWeek: openString.optional(), timeWindows: z.array(TimeWindowSchema).optional() }).passthrough();
const ExceptionDateSchema = z.object({ exceptionDate: z.string().optional(), exceptionDateType: openString.optional(), timeWindows: z.array(TimeWindowSchema).optional() }).passthrough();
export const DeliveryPreferenceSchema = z.object({
  dropOffLocation: z.string().optional(),
  addressInstruction: z.string().optional(),
  deliveryTime: z.object({ businessHours: z.array(BusinessHourSchema).optional(), exceptionDates: z.array(ExceptionDateSchema).optional() }).passthrough().optional(),
  deliveryCapabilities: z.array(openString).optional(),
}).passthrough();

export const RecipientSchema = z.object({ deliveryAddress: CustomerAddressSchema.optional(), deliveryPreference: DeliveryPreferenceSchema.optional() }).passthrough();

export const OrderProceedsBreakdownSchema = z.object({ type: openString, status: openString.optional(), subtotal: MoneySchema }).passthrough();
export const OrderProceedsSchema = z.object({ grandTotal: MoneySchema.optional(), breakdowns: z.array(OrderProceedsBreakdownSchema).optional() }).passthrough();

export const PaymentExecutionSchema = z.object({
  paymentMethod: openString.optional(),
  paymentAmount: MoneySchema.optional(),
  acquirerId: z.string().optional(),
  cardBrand: z.string().optional(),
  authorizationCode: z.string().optional(),
}).passthrough();
export const OrderPaymentSchema = z.object({ paymentExecutions: z.array(PaymentExecutionSchema).optional() }).passthrough();

export const TaxRegistrationAttributeSchema = z.object({ key: openString.optional(), value: z.string().optional() }).passthrough();
export const OrderTaxRegistrationSchema = z.object({
  entityType: openString.optional(),
  legalName: z.string().optional(),
  taxRegistrationType: openString.optional(),
  taxRegistrationNumber: z.string().optional(),
  taxRegistrationAddress: CustomerAddressSchema.optional(),
  taxRegistrationAttributes: z.array(TaxRegistrationAttributeSchema).optional(),
}).passthrough();
export const OrderTaxSchema = z.object({
  taxRegistrations: z.array(OrderTaxRegistrationSchema).optional(),
  taxInvoicing: z.object({ buyerInvoicePreference: openString.optional(), invoiceStatus: openString.optional() }).passthrough().optional(),
}).passthrough();

export const OrderFulfillmentSchema = z.object({
  fulfillmentStatus: openString,
  fulfilledBy: openString.optional(),
  fulfillmentServiceLevel: openString.optional(),
  shipByWindow: DateTimeRangeSchema.optional(),
  deliverByWindow: DateTimeRangeSchema.optional(),
  labelPrintingWindow: DateTimeRangeSchema.optional(),
}).passthrough();

export const MeasurementSchema = z.object({ unit: openString, value: z.number() }).passthrough();

export const ItemPriceSchema = z.object({ unitPrice: MoneySchema.optional(), priceDesignation: openString.optional() }).passthrough();
export const ItemProductSchema = z.object({
  asin: z.string().optional(),
  title: z.string().optional(),
  sellerSku: z.string().optional(),
  condition: z.object({ conditionType: openString.optional(), conditionSubtype: openString.optional(), conditionNote: z.string().optional() }).passthrough().optional(),
  price: ItemPriceSchema.optional(),
  serialNumbers: z.array(z.string()).optional(),
  customization: z.object({ customizedUrl: z.string().optional() }).passthrough().optional(),
}).passthrough();

export const ItemProceedsDetailedBreakdownSchema = z.object({ subtype: openString.optional(), value: MoneySchema.optional() }).passthrough();
export const ItemProceedsBreakdownSchema = z.object({
  type: openString,
  subtotal: MoneySchema,
  detailedBreakdowns: z.array(ItemProceedsDetailedBreakdownSchema).optional(),
}).passthrough();
export const ItemProceedsSchema = z.object({ proceedsTotal: MoneySchema.optional(), breakdowns: z.array(ItemProceedsBreakdownSchema).optional() }).passthrough();

export const ItemExpenseSchema = z.object({
  pointsCost: z.object({
    pointsGranted: z.object({ pointsNumber: z.number().int().optional(), pointsMonetaryValue: MoneySchema.optional() }).passthrough().optional(),
  }).passthrough().optional(),
}).passthrough();

export const ItemPromotionSchema = z.object({ breakdowns: z.array(z.object({ promotionId: z.string().optional() }).passthrough()).optional() }).passthrough();

export const ItemCancellationSchema = z.object({
  cancellationRequest: z.object({ requester: openString.optional(), cancelReason: z.string().optional() }).passthrough().optional(),
  cancellationExecution: z.object({ cancelledBy: openString.optional(), cancelReason: z.string().optional() }).passthrough().optional(),
}).passthrough();

const ItemSubstitutionOptionSchema = z.object({
  asin: z.string().optional(),
  quantityOrdered: z.number().int().optional(),
  sellerSku: z.string().optional(),
  title: z.string().optional(),
  measurement: MeasurementSchema.optional(),
}).passthrough();
const ConstraintTypeSchema = openString;
export const ItemFulfillmentSchema = z.object({
  quantityFulfilled: z.number().int().optional(),
  quantityUnfulfilled: z.number().int().optional(),
  picking: z.object({
    substitutionPreference: z.object({ substitutionType: openString, substitutionOptions: z.array(ItemSubstitutionOptionSchema).optional() }).passthrough().optional(),
  }).passthrough().optional(),
  packing: z.object({
    giftOption: z.object({ giftMessage: z.string().optional(), giftWrapLevel: z.string().optional() }).passthrough().optional(),
    serialNumberRequirement: z.object({ requirementType: openString.optional() }).passthrough().optional(),
  }).passthrough().optional(),
  shipping: z.object({
    scheduledDeliveryWindow: DateTimeRangeSchema.optional(),
    shippingConstraints: z.object({
      palletDelivery: ConstraintTypeSchema.optional(),
      cashOnDelivery: ConstraintTypeSchema.optional(),
      signatureConfirmation: ConstraintTypeSchema.optional(),
      recipientIdentityVerification: ConstraintTypeSchema.optional(),
      recipientAgeVerification: ConstraintTypeSchema.optional(),
    }).passthrough().optional(),
    internationalShipping: z.object({ iossNumber: z.string().optional() }).passthrough().optional(),
  }).passthrough().optional(),
}).passthrough();

export const ItemTaxSchema = z.object({
  taxCalculationBreakdowns: z.array(z.object({ reportingScheme: openString.optional() }).passthrough()).optional(),
  taxCollections: z.array(z.object({ model: openString.optional(), responsibleParty: openString.optional() }).passthrough()).optional(),
}).passthrough();

export const AssociatedOrderItemSchema = z.object({ orderId: z.string().optional(), orderItemId: z.string().optional(), associationType: openString.optional() }).passthrough();

export const OrderItemSchema = z.object({
  orderItemId: z.string(),
  quantityOrdered: z.number().int(),
  measurement: MeasurementSchema.optional(),
  associatedOrderItems: z.array(AssociatedOrderItemSchema).optional(),
  programs: z.array(openString).optional(),
  product: ItemProductSchema,
  proceeds: ItemProceedsSchema.optional(),
  expense: ItemExpenseSchema.optional(),
  promotion: ItemPromotionSchema.optional(),
  cancellation: ItemCancellationSchema.optional(),
  fulfillment: ItemFulfillmentSchema.optional(),
  tax: ItemTaxSchema.optional(),
}).passthrough();

export const PackageItemSchema = z.object({ orderItemId: z.string(), quantity: z.number().int(), transparencyCodes: z.array(z.string()).optional() }).passthrough();
export const OrderPackageSchema = z.object({
  packageReferenceId: z.string(),
  createdTime: z.string().optional(),
  packageStatus: z.object({ status: openString, detailedStatus: openString.optional() }).passthrough().optional(),
  carrier: z.string().optional(),
  shipTime: z.string().optional(),
  shippingService: z.string().optional(),
  trackingNumber: z.string().optional(),
  shipFromAddress: MerchantAddressSchema.optional(),
  packageItems: z.array(PackageItemSchema).optional(),
}).passthrough();

export const FulfillmentOrderSchema = z.object({ fulfillmentOrderId: z.string() }).passthrough();

export const OrderSchema = z.object({
  orderId: z.string(),
  orderAliases: z.array(AliasSchema).optional(),
  createdTime: z.string(),
  lastUpdatedTime: z.string(),
  programs: z.array(openString).optional(),
  associatedOrders: z.array(AssociatedOrderSchema).optional(),
  salesChannel: SalesChannelSchema,
  buyer: BuyerSchema.optional(),
  recipient: RecipientSchema.optional(),
  proceeds: OrderProceedsSchema.optional(),
  payment: OrderPaymentSchema.optional(),
  tax: OrderTaxSchema.optional(),
  fulfillment: OrderFulfillmentSchema.optional(),
  orderItems: z.array(OrderItemSchema),
  packages: z.array(OrderPackageSchema).optional(),
  fulfillmentOrders: z.array(FulfillmentOrderSchema).optional(),
}).passthrough();

export const GetOrderResponseSchema = z.object({ order: OrderSchema }).passthrough();
export const SearchOrdersResponseSchema = z.object({
  orders: z.array(OrderSchema),
  pagination: z.object({ nextToken: z.string().optional() }).passthrough().optional(),
  lastUpdatedBefore: z.string().optional(),
  createdBefore: z.string().optional(),
}).passthrough();

export type Money = z.infer<typeof MoneySchema>;
export type CustomerAddress = z.infer<typeof CustomerAddressSchema>;
export type OrderProceedsBreakdown = z.infer<typeof OrderProceedsBreakdownSchema>;
export type OrderItem = z.infer<typeof OrderItemSchema>;
export type OrderPackage = z.infer<typeof OrderPackageSchema>;
export type Order = z.infer<typeof OrderSchema>;
export type GetOrderResponse = z.infer<typeof GetOrderResponseSchema>;
export type SearchOrdersResponse = z.infer<typeof SearchOrdersResponseSchema>;
export type FulfillmentStatus = (typeof FULFILLMENT_STATUSES)[number];
export type IncludedData = (typeof INCLUDED_DATA)[number];
