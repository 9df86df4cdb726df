/** What one attempt at an Amazon order produced: the only thing that crosses into orchestration history (no PII). */
import { z } from 'zod';

export const OrderInstanceInputSchema = z.object({
  sellerId: z.string().min(1),
  amazonOrderId: z.string().min(1),
  /** What started it: a notification id, `sweep`, `backfill`, or an operator's re-drive. */
  trigger: z.string().default(''),
  /** Picks the seller's SP-API region when it sells in several. */
  marketplaceId: z.string().optional(),
  /** Set by the orchestrator for its activity, so parked items name the instance an operator re-drives. */
  instanceId: z.string().optional(),
  /** A claim check (blob name) holding the order as a searchOrders page returned it; the activity reads it instead of getOrder. */
  claimCheck: z.string().optional(),
});
export type OrderInstanceInput = z.infer<typeof OrderInstanceInputSchema>;

export const OrderOutcomeSchema = z.object({
  outcome: z.enum(['created', 'exists', 'canceled', 'nothing-to-cancel', 'lines-canceled', 'ignored', 'wait', 'parked', 'paused', 'dry-run']),
  reason: z.string().default(''),
  message: z.string().default(''),
  m3OrderNumber: z.string().default(''),
  lines: z.number().int().default(0),
  /** An acknowledgement feed this attempt (or an earlier one) sent and nobody has read back yet: the instance follows it. */
  acknowledgement: z.object({ feedId: z.string().min(1), marketplaceId: z.string().min(1) }).optional(),
});
export type OrderOutcome = z.infer<typeof OrderOutcomeSchema>;

/** Outcomes after which the instance ends; the others wait for an event and try again. */
export function isFinal(outcome: OrderOutcome['outcome']): boolean {
  return outcome !== 'wait' && outcome !== 'parked' && outcome !== 'paused';
}
