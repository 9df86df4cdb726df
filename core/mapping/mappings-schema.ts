/** Zod schema of the mapping files (mappings/*.json): how Amazon orders, items, charges and carriers become M3 data. */
import { z } from 'zod';
import { PricesMappingSchema } from '../prices/price-mapping';
import { InventoryMappingSchema } from '../inventory/inventory-mapping';
import { ListingsMappingSchema } from '../listings/listings-mapping';
import { SettlementMappingSchema } from '../settlement/settlement-mapping';
import { doubleBookingProblems } from '../settlement/settlement-mode';
import { ReturnsMappingSchema } from '../returns/returns-mapping';

// Lengths are M3 field lengths from docs/m3-facts.md, Field lengths and formats (OIS100MI, CRS610MI, MMS025MI, CUSEXTMI).
const m3Code = (max: number) => z.string().min(1).max(max);

/** A mapped action for an Amazon order state. */
export const OrderActionSchema = z.enum(['create', 'cancel', 'wait', 'ignore']);

export const MarketplaceMappingSchema = z.object({
  /** ISO-like country label for people (US, UK, DE, …); not sent to M3. */
  country: z.string().min(2).max(3).optional(),
  /** Amazon region, for the connector's endpoint choice (docs/amazon-facts.md, Regions and marketplaces). */
  region: z.enum(['NA', 'EU', 'FE']).optional(),
  /** CUNO (A10): the M3 customer the orders of this marketplace are booked on (customer policy per-marketplace). */
  customer: m3Code(10),
  /** ORTP (A3): customer order type. */
  orderType: m3Code(3),
  /** FACI (A3). */
  facility: m3Code(3),
  /** WHLO (A3): shipping warehouse on head and lines. */
  warehouse: m3Code(3),
  /** ADRT (N2) of AddBatchAddress: the delivery address type (01 = delivery address, docs/m3-facts.md, Field lengths and formats). */
  addressType: z.string().regex(/^\d{1,2}$/, 'expected a 1–2 digit M3 address type').default('01'),
  /** CUCD (A3): the order currency; Amazon's currency code is used when absent. */
  currency: m3Code(3).optional(),
  /** LNCD (A2): language of the order. */
  language: m3Code(2).optional(),
  /** Overrides of the order-wide settings for this marketplace. */
  deliveryMethod: m3Code(3).optional(),
  deliveryTerms: m3Code(3).optional(),
  paymentTerms: m3Code(3).optional(),
  /**
   * VAT basis of the prices sent to M3 (SAPR, charges): `gross` (VAT included; the M3 customer must have TINC = 1)
   * or `net`. Default: gross on marketplaces whose prices include VAT (EU, UK, JP, …), net on US, CA, MX, BR.
   */
  prices: z.enum(['gross', 'net']).optional(),
}).strict();

export const ItemMappingSchema = z.object({
  /** `identity`: the seller SKU is the M3 item number (ITNO) unless the table or an alias says otherwise; `table-only`: only table entries. */
  strategy: z.enum(['identity', 'table-only']).default('identity'),
  /** SKU → ITNO (A15). */
  table: z.record(z.string().min(1), m3Code(15)).default({}),
  /** MMS025MI.GetItem lookup of the SKU as an M3 alias (POPN) before falling back to identity. */
  alias: z.object({
    enabled: z.boolean().default(true),
    /** ALWT (N2) alias category; 2 = customer item number, 3 = EAN in a standard M3 setup. */
    category: z.number().int().min(1).max(99).default(2),
    /** ALWQ (A4) alias qualifier, when the company uses one. */
    qualifier: z.string().max(4).optional(),
    /** E0PA (A17) partner, for partner-specific aliases. */
    partner: z.string().max(17).optional(),
  }).strict().default({}),
}).strict();

export const StatusActionsSchema = z.object({
  pending: OrderActionSchema.default('wait'),
  unshipped: OrderActionSchema.default('create'),
  'partially-shipped': OrderActionSchema.default('create'),
  /** A shipped merchant order we never saw (e.g. the seller shipped from Seller Central): create it or leave it. */
  shipped: OrderActionSchema.default('ignore'),
  canceled: OrderActionSchema.default('cancel'),
  unfulfillable: OrderActionSchema.default('ignore'),
  unknown: OrderActionSchema.default('wait'),
}).strict();

export const FulfillmentPolicySchema = z.object({
  merchant: z.enum(['create', 'ignore']).default('create'),
  /** Amazon-fulfilled (FBA/AFN) orders: leave them to Amazon, or book them in M3 as already delivered. */
  amazon: z.enum(['ignore', 'create-as-fulfilled']).default('ignore'),
  /** ORTP/WHLO used for Amazon-fulfilled orders booked in M3 (e.g. an order type that auto-delivers, an FBA warehouse). */
  amazonOrderType: m3Code(3).optional(),
  amazonWarehouse: m3Code(3).optional(),
}).strict();

/** How a charge (shipping, gift wrap) reaches M3. */
export const ChargeMappingSchema = z.discriminatedUnion('mode', [
  /** OIS100MI.AddBatchLineChg after each line carrying the charge (CRID A6). */
  z.object({ mode: z.literal('line-charge'), chargeId: m3Code(6), description: z.string().max(30).optional() }).strict(),
  /** OIS100MI.AddBatchHeadChg once for the order, summed over the lines. */
  z.object({ mode: z.literal('head-charge'), chargeId: m3Code(6), description: z.string().max(30).optional() }).strict(),
  /** An extra AddBatchLine with a charge item (e.g. a non-stock SHIPPING item), quantity 1, price = sum. */
  z.object({ mode: z.literal('item-line'), item: m3Code(15), description: z.string().max(30).optional() }).strict(),
  z.object({ mode: z.literal('ignore') }).strict(),
]);

export const ChargesMappingSchema = z.object({
  shipping: ChargeMappingSchema.default({ mode: 'ignore' }),
  giftWrap: ChargeMappingSchema.default({ mode: 'ignore' }),
  /** Whether Amazon's shipping discount reduces the shipping charge sent to M3. */
  netOfShippingDiscount: z.boolean().default(true),
}).strict();

export const PromotionsMappingSchema = z.discriminatedUnion('mode', [
  /** The line's promotion discount as an amount in one of AddBatchLine's discount fields (DIA1–DIA6, A16). */
  z.object({ mode: z.literal('line-discount'), field: z.enum(['DIA1', 'DIA2', 'DIA3', 'DIA4', 'DIA5', 'DIA6']) }).strict(),
  /** Promotions are not sent (M3 pricing decides, or settlement books them). */
  z.object({ mode: z.literal('ignore') }).strict(),
]);

export const CUSTOM_FIELD_ATTRIBUTES = [
  'amazonOrderId', 'marketplaceId', 'salesChannel', 'fulfillmentChannel', 'isBusinessOrder', 'isPrime',
  'purchaseOrderNumber', 'taxRegistrationNumber', 'taxRegistrationType', 'buyerCompanyName', 'promotionIds',
  'orderTotal', 'currency', 'latestShipDate', 'latestDeliveryDate', 'serviceLevel', 'iossNumber',
] as const;

const ALPHA_FIELDS = ['A030', 'A130', 'A230', 'A330', 'A430', 'A530', 'A630', 'A730', 'A830', 'A930', 'A121'] as const;
const NUMERIC_FIELDS = ['N096', 'N196', 'N296', 'N396', 'N496', 'N596', 'N696', 'N796', 'N896', 'N996'] as const;

/** One order attribute stored in CUSEXTMI (the CUGEX1 extension table) after Confirm. */
export const CustomFieldSchema = z.object({
  attribute: z.enum(CUSTOM_FIELD_ATTRIBUTES),
  /** FILE (A10): an M3 table (OOHEAD) or a free name. */
  file: m3Code(10).default('OOHEAD'),
  /** PK01: `ORNO` = the M3 order number (filled by the executor after Confirm), `CUOR` = the Amazon order id. */
  key: z.enum(['ORNO', 'CUOR']).default('ORNO'),
  /** Target field: A030…A930 (A30), A121 (A120), N096…N996 (numeric 19,6). */
  field: z.enum([...ALPHA_FIELDS, ...NUMERIC_FIELDS]),
}).strict();

/** How cancellations travel between Amazon and M3 once an order is in M3. */
export const CancellationMappingSchema = z.object({
  /**
   * The highest M3 line status (ORST) from which an order can no longer be stopped: at or past it a buyer's request is
   * parked for customer service instead of canceling. Default 44, released for picking (a picking list exists).
   */
  unstoppableFromStatus: z.string().regex(/^\d\d$/, 'expected a two-digit M3 order status').default('44'),
  /** How a canceled order leaves M3: `delete` (OIS100MI.DelHead) or `close-lines` (OIS100MI.CloLine per line). */
  m3Action: z.enum(['delete', 'close-lines']).default('delete'),
  /** RSCD (A3) transaction reason on lines closed because Amazon or the buyer canceled them. */
  reasonCode: m3Code(3).optional(),
}).strict();

export const CustomerPolicySchema = z.discriminatedUnion('policy', [
  z.object({ policy: z.literal('per-marketplace') }).strict(),
  /**
   * One M3 customer per buyer, created with CRS610MI.Add from the template customer (CUTM A10) under a number derived
   * from the buyer's identity (`match`): `prefix` + base32 of its hash, 10 characters (core/orders/buyer-customer-number.ts).
   */
  z.object({
    policy: z.literal('per-buyer'), template: m3Code(10), match: z.enum(['email', 'name-postal-code']).default('email'),
    prefix: z.string().regex(/^[A-Z0-9]{1,4}$/, 'expected 1–4 upper-case letters or digits (the rest of the 10-character CUNO is the buyer hash)').default('AZ'),
  }).strict(),
]);

export const CarrierTargetSchema = z.object({
  /** Amazon carrier code (must match Amazon's list exactly, e.g. `UPS`, `FedEx`, `Royal Mail`), or `Other`. */
  carrierCode: z.string().min(1),
  /** Carrier name shown to the buyer; required by Amazon with `Other`. */
  carrierName: z.string().min(1).optional(),
  /** Amazon `shippingMethod` text. */
  shippingMethod: z.string().min(1).optional(),
}).strict();

export const CarriersMappingSchema = z.object({
  /** M3 forwarding agent (BOD CarrierParty id) → Amazon carrier. Keys compare case-insensitively. */
  forwardingAgents: z.record(z.string().min(1), CarrierTargetSchema).default({}),
  /** M3 delivery method (MODL, BOD TransportationMethodCode) → Amazon shipping method text. */
  deliveryMethods: z.record(z.string().min(1), z.string().min(1)).default({}),
  /** Unknown agents: `Other` + the M3 name (or code) as carrierName (docs/amazon-facts.md, Shipment confirmation). */
  fallbackCode: z.string().min(1).default('Other'),
}).strict();

export const MappingsSchema = z.object({
  $schema: z.string().optional(),
  description: z.string().optional(),
  /** Company (CONO N3) sent on every MI call when set. */
  company: z.string().regex(/^\d{1,3}$/, 'expected a 1–3 digit M3 company number').optional(),
  marketplaces: z.record(z.string().min(1), MarketplaceMappingSchema),
  items: ItemMappingSchema.default({}),
  statusActions: StatusActionsSchema.default({}),
  fulfillment: FulfillmentPolicySchema.default({}),
  charges: ChargesMappingSchema.default({}),
  promotions: PromotionsMappingSchema.default({ mode: 'ignore' }),
  customFields: z.array(CustomFieldSchema).max(100).default([]),
  customer: CustomerPolicySchema.default({ policy: 'per-marketplace' }),
  carriers: CarriersMappingSchema.default({}),
  cancellation: CancellationMappingSchema.default({}),
  /** Order text limits: what to do when the ship-to does not fit CUNM + CUA1–CUA4. */
  address: z.object({
    /** Put the phone number in PHN2 (A16) when it does not fit PHNO (A10) (docs/m3-facts.md, Field lengths and formats). */
    longPhoneToPhn2: z.boolean().default(true),
    /** Send the buyer's company name as the first address line when there is one. */
    companyFirst: z.boolean().default(true),
  }).strict().default({}),
  /** Optional in the file; the section schemas supply their defaults. */
  inventory: InventoryMappingSchema,
  listings: ListingsMappingSchema,
  settlement: SettlementMappingSchema,
  prices: PricesMappingSchema,
  /** Refunds and physical returns → M3 credits and customer returns (off unless enabled). */
  returns: ReturnsMappingSchema,
}).strict().superRefine((m, ctx) => {
  for (const message of doubleBookingProblems(m)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['settlement', 'mode'], message });
});

export type OrderAction = z.infer<typeof OrderActionSchema>;
export type MarketplaceMapping = z.infer<typeof MarketplaceMappingSchema>;
export type ChargeMapping = z.infer<typeof ChargeMappingSchema>;
export type CustomField = z.infer<typeof CustomFieldSchema>;
export type CancellationMapping = z.infer<typeof CancellationMappingSchema>;
export type CarrierTarget = z.infer<typeof CarrierTargetSchema>;
export type Mappings = z.infer<typeof MappingsSchema>;
export type MappingsInput = z.input<typeof MappingsSchema>;
