/**
 * The `returns` mapping section: how Amazon refunds and physical returns reach M3.
 * - Physical returns (merchant returns report) become OIS390 customer returns against the original order, in the
 *   warehouse the marketplace (or the default) names, at the location and with the reason code the mapping chooses.
 * - Refunds without a physical return (Finances API) become the credit the rules choose; the only method so far is a
 *   credit order: an order type of category 2 'credit order' with negative quantities, naming the original invoice.
 * A refund or return the mapping has no rule for is parked with that reason, never guessed.
 */
import { z } from 'zod';

const Code = (max: number) => z.string().min(1).max(max);

export const RefundRuleSchema = z.object({
  /** Finances `transactionType` this rule covers (Amazon's model documents the field as an open string). */
  transactionType: z.string().min(1).default('Refund'),
  /** Only for these marketplaces (ids); every marketplace when absent. */
  marketplaceIds: z.array(z.string().min(1)).optional(),
  method: z.literal('credit-order'),
  /** OIS010 order type of category 2 'credit order' (quantity sign negative). */
  orderType: Code(3),
  /** Transaction reason (RSCD) on the credit lines. */
  reasonCode: Code(3).optional(),
}).strict();

export const ReturnsMappingSchema = z.object({
  /** The refund and returns sweeps do nothing while false. */
  enabled: z.boolean().default(false),
  physical: z.object({
    /** Returns warehouse (WHLO) per marketplace id; `defaultWarehouse` otherwise. */
    warehouses: z.record(z.string().min(1), Code(3)).default({}),
    defaultWarehouse: Code(3).optional(),
    /** Warehouse of FBA returns (FBA customer returns report, read while Amazon-fulfilled orders are booked in M3). */
    fbaWarehouse: Code(3).optional(),
    /** Receiving location (WHSL) for returned goods, e.g. a quarantine location that is not allocatable. */
    location: Code(10).optional(),
    /** Amazon return reason (report column `Return Reason`) → M3 transaction reason (RSCD); `*` for any other. */
    reasons: z.record(z.string().min(1), Code(3)).default({}),
    /** `requested`: book the return when the buyer asks (OIS390 'advised', status 11); `delivered`: once the report shows it arrived. */
    bookOn: z.enum(['requested', 'delivered']).default('requested'),
  }).strict().default({}),
  refunds: z.object({
    rules: z.array(RefundRuleSchema).default([]),
    /**
     * A refunded and returned SKU is credited once, by whichever Amazon reports first: the refund's credit order, or M3's
     * credit of the return (a return after the refund carries the goods at sales price 0). Off: the refund is always the
     * credit and every return carries the goods only (credit-once.ts).
     */
    skipWhenReturned: z.boolean().default(true),
  }).strict().default({}),
}).strict().default({});

export type ReturnsMapping = z.infer<typeof ReturnsMappingSchema>;
export type RefundRule = z.infer<typeof RefundRuleSchema>;

export function refundRuleFor(mapping: ReturnsMapping, transactionType: string, marketplaceId: string): RefundRule | undefined {
  return mapping.refunds.rules.find((r) => r.transactionType === transactionType && (!r.marketplaceIds || r.marketplaceIds.includes(marketplaceId)));
}

export function returnWarehouseFor(mapping: ReturnsMapping, marketplaceId: string, channel: 'merchant' | 'fba' = 'merchant'): string | undefined {
  if (channel === 'fba') return mapping.physical.fbaWarehouse;
  return mapping.physical.warehouses[marketplaceId] ?? mapping.physical.defaultWarehouse;
}

export function returnReasonFor(mapping: ReturnsMapping, amazonReason: string): string | undefined {
  return mapping.physical.reasons[amazonReason] ?? mapping.physical.reasons['*'];
}
