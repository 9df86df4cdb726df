/** What became of each package and of the whole shipment, and the rule that sums the first into the second. */
import { z } from 'zod';

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
