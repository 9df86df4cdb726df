/** What crosses into orchestration history for a shipment: the PII-free canonical document and the planned confirmations (outcomes: core/shipments). */
import { z } from 'zod';
import { ShipmentDocumentSchema } from '../../core/bod/shipment';
import { ConfirmShipmentRequestSchema } from '../../connectors/amazon';

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
