// Mapping section "prices": where each marketplace's Amazon offer price comes from in M3, and the guardrails.
import { z } from 'zod';

const DecimalText = z.union([z.string().regex(/^\d+(\.\d+)?$/, 'expected a decimal number with "."'), z.number().nonnegative()]).transform(String);

/** One marketplace's price source: an OIS017 sales price list, or the price M3 computes for the marketplace customer (OIS320). */
export const PriceSourceSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('price-list'),
    /** OIS017 price list (PRRF, A10). */
    priceList: z.string().min(1).max(10),
    /** Currency of the list (CUCD) = the marketplace's currency. */
    currency: z.string().regex(/^[A-Z]{3}$/),
    floor: DecimalText.optional(),
  }).strict(),
  z.object({
    kind: z.literal('customer'),
    /** The marketplace customer (CUNO) whose price OIS320MI.GetPriceLine computes. */
    customer: z.string().min(1).max(10),
    currency: z.string().regex(/^[A-Z]{3}$/),
    floor: DecimalText.optional(),
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
  /** Lowest price ever sent per marketplace when its source names no floor (0 = only the zero guard applies). */
  defaultFloor: DecimalText.default('0'),
}).strict().default({});
export type PricesMapping = z.infer<typeof PricesMappingSchema>;
