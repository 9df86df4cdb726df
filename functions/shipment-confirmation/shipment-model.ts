/** What crosses into orchestration history for a shipment: the PII-free canonical document, planned confirmations and outcomes. */
import { z } from 'zod';
import { ShipmentDocumentSchema } from '../../core/bod/shipment';
import { ConfirmShipmentRequestSchema } from '../../connectors/amazon/confirm-shipment-schema';

export const ShipmentInstanceInputSchema = z.object({
  bodId: z.string(),
  /** The BOD's ActionExpression actionCode (`Replace`, `Add`, `Delete` …); Delete is recorded, never sent. */
  actionCode: z.string().nullable().default(null),
  /** Envelope creation time: the ship date when the document carries none. */
  createdAt: z.string(),
  document: ShipmentDocumentSchema,
  /** Set by the orchestrator for its activities, so parked items name the instance an operator re-drives. */
  instanceId: z.string().optional(),
});
export type ShipmentInstanceInput = z.infer<typeof ShipmentInstanceInputSchema>;

/** One confirmShipment call: one package of one Amazon order (a package holding two orders makes two). */
export const PackageConfirmationSchema = z.object({
  /** Idempotency key: seller, order, package reference and variation (or content hash when M3 sent no variation). */
  key: z.string(),
  documentId: z.string(),
  packageId: z.string(),
  variationId: z.number().int().nullable(),
  bodId: z.string(),
  sellerId: z.string(),
  amazonOrderId: z.string(),
  /** The feed-batch entity key (seller × SP-API region). */
  batchKey: z.string(),
  body: ConfirmShipmentRequestSchema,
});
export type PackageConfirmation = z.infer<typeof PackageConfirmationSchema>;

export const ShipmentPlanSchema = z.object({
  outcome: z.enum(['planned', 'parked', 'paused', 'deleted', 'dry-run']),
  reason: z.string().default(''),
  message: z.string().default(''),
  confirmations: z.array(PackageConfirmationSchema).default([]),
  /** Confirmations already sent for this variation (same BOD again): dropped. */
  duplicates: z.number().int().default(0),
  /** Orders of this shipment that Amazon's own flow reports (Ship+, Easy Ship, in-store pickup, Amazon-fulfilled): not sent. */
  reportedByAmazon: z.array(z.object({ amazonOrderId: z.string(), reason: z.string() })).default([]),
});
export type ShipmentPlan = z.infer<typeof ShipmentPlanSchema>;

export const PackageOutcomeSchema = z.object({
  outcome: z.enum(['confirmed', 'duplicate', 'rejected', 'paused']),
  key: z.string(),
  amazonOrderId: z.string(),
  packageReferenceId: z.string(),
  message: z.string().default(''),
});
export type PackageOutcome = z.infer<typeof PackageOutcomeSchema>;

/** The orchestration's result and custom status. */
export const ShipmentOutcomeSchema = z.object({
  outcome: z.enum(['confirmed', 'partly-rejected', 'rejected', 'nothing-to-send', 'batched', 'parked', 'paused', 'deleted', 'dry-run']),
  reason: z.string().default(''),
  message: z.string().default(''),
  confirmed: z.number().int().default(0),
  rejected: z.number().int().default(0),
  duplicates: z.number().int().default(0),
  batchId: z.string().default(''),
  feedId: z.string().default(''),
});
export type ShipmentOutcome = z.infer<typeof ShipmentOutcomeSchema>;

/** Sums package outcomes into the shipment's outcome. */
export function summarizePackages(results: PackageOutcome[], duplicates: number): ShipmentOutcome {
  const confirmed = results.filter((r) => r.outcome === 'confirmed').length;
  const rejected = results.filter((r) => r.outcome === 'rejected').length;
  const paused = results.find((r) => r.outcome === 'paused');
  const dupes = duplicates + results.filter((r) => r.outcome === 'duplicate').length;
  const base = { reason: '', message: '', confirmed, rejected, duplicates: dupes, batchId: '', feedId: '' };
  if (paused) return { ...base, outcome: 'paused', reason: 'AUTH_FAILED', message: paused.message };
  if (rejected > 0) {
    const message = results.filter((r) => r.outcome === 'rejected').map((r) => `${r.amazonOrderId}/${r.packageReferenceId}: ${r.message}`).join('; ');
    return { ...base, outcome: confirmed > 0 ? 'partly-rejected' : 'rejected', reason: 'AMAZON_REJECTED', message };
  }
  return { ...base, outcome: confirmed > 0 ? 'confirmed' : 'nothing-to-send' };
}
