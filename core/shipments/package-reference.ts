/**
 * Stable Amazon package references. Amazon scopes `packageReferenceId` to the order and accepts only a positive integer
 * written as a string (ordersV0.json PackageReferenceId, docs/amazon-facts.md); re-sending the same reference edits the package
 * instead of adding one (docs/amazon-facts.md, Shipment confirmation). So it is derived from the M3 shipment document and package ids alone: a re-sent
 * or higher-variation shipment lands on the same reference.
 */
import { createHash } from 'node:crypto';

/** 52 bits of SHA-256 keep the number exact in every JSON/JavaScript reader on the way (≤ 2^53). */
export function packageReferenceId(documentId: string, packageId: string): string {
  const digest = createHash('sha256').update(`${documentId}\u0000${packageId}`).digest('hex');
  return (BigInt(`0x${digest.slice(0, 13)}`) + 1n).toString(10);
}

/** Idempotency key of one confirmation: the same package of the same variation is sent once. */
export function confirmationKey(parts: { sellerId: string; amazonOrderId: string; packageReferenceId: string; variationId: number | null; body: unknown }): string {
  const version = parts.variationId !== null ? `v${parts.variationId}` : `h${createHash('sha256').update(JSON.stringify(parts.body)).digest('hex').slice(0, 16)}`;
  return `${parts.sellerId}|${parts.amazonOrderId}|${parts.packageReferenceId}|${version}`;
}
