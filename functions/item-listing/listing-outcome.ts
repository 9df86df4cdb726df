/** What crosses the item-listing orchestration history: the PII-free item master document in, per-SKU results out. */
import { z } from 'zod';
import { ItemMasterDocumentSchema } from '../../core/bod/item-master';

export const ListingInputSchema = z.object({
  bodId: z.string(),
  document: ItemMasterDocumentSchema,
});
export type ListingInput = z.infer<typeof ListingInputSchema>;

export const ListingResultSchema = z.object({
  sku: z.string(),
  marketplaceId: z.string(),
  mode: z.enum(['put', 'patch', 'skip']),
  /** Amazon's submission status, or `skipped` / `parked` when nothing was accepted. */
  status: z.string(),
  issues: z.array(z.string()).default([]),
});
export type ListingResult = z.infer<typeof ListingResultSchema>;

export const ListingOutcomeSchema = z.object({
  outcome: z.enum(['done', 'parked', 'paused', 'dry-run', 'nothing-to-do']),
  reason: z.string().default(''),
  results: z.array(ListingResultSchema).default([]),
});
export type ListingOutcome = z.infer<typeof ListingOutcomeSchema>;
