// Mapping section "prices": where each marketplace's Amazon offer price comes from in M3, and the guardrails.
import { z } from 'zod';

const DecimalText = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number with "."'), z.number().nonnegative()]).transform(String);

/** One quantity tier: from `lowerBound` pieces per order the unit price is read from an OIS017 price list, or is a percentage off the business price. */
const QuantityTierSchema = z.union([
  z.object({ lowerBound: z.number().int().min(2).max(1_000_000), priceList: z.string().min(1).max(10) }).strict(),
  z.object({ lowerBound: z.number().int().min(2).max(1_000_000), percentOff: DecimalText }).strict(),
]);

/**
 * The business (Amazon Business, audience B2B) offer of a marketplace: its price either from an OIS017 sales price list
 * in the source's currency (`priceList`, one list per marketplace and currency kept for business buyers) or derived
 * from the consumer price (`percentOff`: that price less the percentage, rounded half up to the currency's minor
 * unit); optional quantity tiers (at most 5, increasing lower bounds; all read from price lists, sent as fixed unit
 * prices, or all percentages off the business price, sent as percent), and an optional floor of its own (default: the
 * consumer floor).
 */
export const BusinessPriceSchema = z.object({
  priceList: z.string().min(1).max(10).optional(),
  percentOff: DecimalText.optional(),
  floor: DecimalText.optional(),
  tiers: z.array(QuantityTierSchema).max(5).default([]),
}).strict().superRefine((b, ctx) => {
  if ((b.priceList === undefined) === (b.percentOff === undefined)) {
    ctx.addIssue(b.priceList === undefined
      ? { code: z.ZodIssueCode.custom, path: [], message: 'a business price needs a priceList or a percentOff of the consumer price' }
      : { code: z.ZodIssueCode.custom, path: ['percentOff'], message: 'a business price names a priceList or a percentOff of the consumer price, not both' });
  }
  if (b.percentOff !== undefined) {
    const p = Number(b.percentOff);
    if (!(p > 0 && p < 100)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['percentOff'], message: `percentOff must be more than 0 and less than 100, got ${b.percentOff}` });
  }
  b.tiers.forEach((t, i) => {
    const before = b.tiers[i - 1];
    if (before !== undefined && t.lowerBound <= before.lowerBound) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tiers', i, 'lowerBound'], message: `lower bounds must increase: ${t.lowerBound} follows ${before.lowerBound}` });
    if (('priceList' in t) !== ('priceList' in b.tiers[0]!)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tiers', i], message: 'tiers are either all price lists (fixed unit prices) or all percentages off the business price' });
    if ('percentOff' in t) {
      const p = Number(t.percentOff);
      if (!(p > 0 && p < 100)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tiers', i, 'percentOff'], message: 'percentOff must be more than 0 and less than 100' });
      if (before !== undefined && 'percentOff' in before && !(p > Number(before.percentOff))) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['tiers', i, 'percentOff'], message: `percentages must increase with the quantity: ${t.percentOff} follows ${before.percentOff}` });
    }
  });
});
export type BusinessPrice = z.infer<typeof BusinessPriceSchema>;

/** One marketplace's price source: an OIS017 sales price list, or the price M3 computes for the marketplace customer (OIS320). */
export const PriceSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('price-list'),
    /** OIS017 price list (PRRF, A10). */
    priceList: z.string().min(1).max(10),
    /** Currency of the list (CUCD) = the marketplace's currency. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    floor: DecimalText.optional(),
    business: BusinessPriceSchema.optional(),
  }).strict(),
  z.object({
    kind: z.literal('customer'),
    /** The marketplace customer (CUNO) whose price OIS320MI.GetPriceLine computes. */
    customer: z.string().min(1).max(10),
    currency: z.string().regex(/^[A-Z]{3}$/),
    floor: DecimalText.optional(),
    business: BusinessPriceSchema.optional(),
  }).strict(),
]);
export type PriceSource = z.infer<typeof PriceSourceSchema>;

export const PricesMappingSchema = z.object({
  /** Marketplace id → source. A marketplace without an entry keeps whatever price Amazon holds. */
  sources: z.record(z.string().min(1), PriceSourceSchema).default({}),
  /**
   * A change larger than this (percent of the price Amazon last accepted, up or down) is parked for approval instead of
   * sent; re-driving the parked item approves that price.
   */
  maxChangePercent: z.number().positive().max(1000).default(30),
  /**
   * Business offers M3 no longer prices are removed at Amazon; when more than this percentage of the business offers
   * Amazon holds for a marketplace would go in one sweep (and more than one), or the business prices read empty, the
   * removals are parked for approval instead.
   */
  maxBusinessRemovalPercent: z.number().min(0).max(100).default(20),
  /** Lowest price ever sent per marketplace when its source names no floor (0 = only the zero guard applies). */
  defaultFloor: DecimalText.default('0'),
}).strict().default({});
export type PricesMapping = z.infer<typeof PricesMappingSchema>;
