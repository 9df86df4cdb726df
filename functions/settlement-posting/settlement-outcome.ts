/** What crosses into orchestration history for one settlement report: ids, amounts and codes only (the report holds no buyer data). */
import { z } from 'zod';

export const SettlementInstanceInputSchema = z.object({
  sellerId: z.string().min(1),
  reportId: z.string().min(1),
  /** Known from the report listing or the notification; fetched with getReport otherwise. */
  reportDocumentId: z.string().optional(),
  /** The report's first marketplace: picks the SP-API region and the number/date locale of the flat file. */
  marketplaceId: z.string().optional(),
  /** What started it: `sweep`, a notification id, or an operator's re-drive. */
  trigger: z.string().default(''),
  /** Set by the orchestrator for its activities, so parked items name the instance an operator re-drives. */
  instanceId: z.string().optional(),
});
export type SettlementInstanceInput = z.infer<typeof SettlementInstanceInputSchema>;

export const SettlementOutcomeSchema = z.object({
  outcome: z.enum(['posted', 'exists', 'parked', 'paused', 'dry-run']),
  reason: z.string().default(''),
  message: z.string().default(''),
  settlementId: z.string().default(''),
  /** GLS840 batch key (KEY1). */
  key1: z.string().default(''),
  lines: z.number().int().default(0),
  currency: z.string().default(''),
  totalAmount: z.string().default(''),
  /** Σ detail amounts − deposit; "0.00" when the settlement reconciles. */
  difference: z.string().default(''),
  /** Cash application: ARS040 payment batch id and its number of receipt orders. */
  pbid: z.string().default(''),
  payments: z.number().int().default(0),
});
export type SettlementOutcome = z.infer<typeof SettlementOutcomeSchema>;

/** The fetch step either hands over a claim-check reference to the report text, or stops the instance with an outcome. */
export const FetchResultSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('fetched'), reference: z.string().min(1), bytes: z.number().int().min(0), marketplaceId: z.string().optional() }),
  z.object({ kind: z.literal('stopped'), outcome: SettlementOutcomeSchema }),
]);
export type FetchResult = z.infer<typeof FetchResultSchema>;

export const PostInputSchema = SettlementInstanceInputSchema.extend({ reference: z.string().min(1) });
export type PostInput = z.infer<typeof PostInputSchema>;

/** Outcomes after which the instance ends; parked and paused wait for an operator's re-drive. */
export function isFinal(outcome: SettlementOutcome['outcome']): boolean {
  return outcome !== 'parked' && outcome !== 'paused';
}
