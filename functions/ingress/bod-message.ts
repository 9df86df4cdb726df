/** The queue message for an accepted BOD: the canonical document inline, or a claim-check reference when it is large. */
import { z } from 'zod';
import { CanonicalBodSchema, type CanonicalBod } from '../../core/bod';
import type { ClaimCheckStore } from '../../connectors/storage';

/** Storage queue messages hold 64 KB (base64 inflates by a third); Service Bus standard 256 KB. Stay under both. */
const INLINE_LIMIT_BYTES = 40 * 1024;

export const BodMessageSchema = z.union([
  z.object({ kind: z.literal('inline'), bod: CanonicalBodSchema }),
  z.object({ kind: z.literal('claim-check'), reference: z.string(), bodId: z.string(), noun: z.string() }),
]);
export type BodMessage = z.infer<typeof BodMessageSchema>;

export async function bodMessage(bod: CanonicalBod, claimChecks: ClaimCheckStore): Promise<BodMessage> {
  const json = JSON.stringify(bod);
  if (Buffer.byteLength(json, 'utf8') <= INLINE_LIMIT_BYTES) return { kind: 'inline', bod };
  const reference = await claimChecks.put(json, 'application/json');
  return { kind: 'claim-check', reference, bodId: bod.envelope.bodId, noun: bod.envelope.noun };
}

export async function openBodMessage(body: unknown, claimChecks: ClaimCheckStore): Promise<CanonicalBod> {
  const message = BodMessageSchema.parse(body);
  if (message.kind === 'inline') return message.bod;
  const stored = await claimChecks.get(message.reference);
  return CanonicalBodSchema.parse(JSON.parse(stored.toString('utf8')));
}
