/**
 * Which business (B2B) offers Amazon holds that M3 no longer gives a business price, and whether they may be removed.
 * A removal is irreversible for the buyer (the offer is gone until M3 lists the price again), and a failed or
 * misconfigured read looks exactly like "every price disappeared", so:
 * - a business price list that reads empty (no version valid today, or a version without lines; for `percentOff` an
 *   empty consumer read) while Amazon holds business offers removes nothing: the removals are parked for approval;
 * - more than `maxRemovalPercent` of the business offers Amazon holds for a seller and marketplace disappearing in one
 *   read (and more than one offer) is parked the same way;
 * - an operator's approval (re-driving the parked removals) releases exactly the set of SKUs it named.
 */

export interface RemovalInput {
  marketplaceId: string;
  /** SKUs whose business offer Amazon holds (accepted) or is about to receive (pending). */
  held: readonly string[];
  /** SKUs M3 gives a business price in this read. */
  offered: ReadonlySet<string>;
  /** The read answered nothing at all. */
  readEmpty: boolean;
  /** Whether an operator approved removing exactly these SKUs. */
  approved?: (skus: readonly string[]) => boolean;
}

export type RemovalParkReason = 'EMPTY_BUSINESS_PRICE_LIST' | 'TOO_MANY_BUSINESS_REMOVALS';

export type RemovalDecision =
  | { kind: 'none' }
  | { kind: 'remove'; skus: string[] }
  | { kind: 'park'; skus: string[]; reason: RemovalParkReason; message: string };

export function decideBusinessRemovals(input: RemovalInput, guard: { maxRemovalPercent: number }): RemovalDecision {
  const held = [...new Set(input.held)];
  const skus = held.filter((s) => !input.offered.has(s)).sort();
  if (skus.length === 0) return { kind: 'none' };
  if (input.approved?.(skus) === true) return { kind: 'remove', skus };
  const what = `${skus.length} of the ${held.length} business offers Amazon holds on marketplace ${input.marketplaceId}`;
  if (input.readEmpty) {
    return { kind: 'park', skus, reason: 'EMPTY_BUSINESS_PRICE_LIST', message: `M3's business prices for marketplace ${input.marketplaceId} read empty; removing ${what} needs approval (re-drive to approve)` };
  }
  // Whole numbers: more than maxRemovalPercent % of `held`, compared without rounding.
  if (skus.length > 1 && skus.length * 100 > guard.maxRemovalPercent * held.length) {
    return { kind: 'park', skus, reason: 'TOO_MANY_BUSINESS_REMOVALS', message: `M3 no longer gives a business price for ${what} (more than ${guard.maxRemovalPercent} %); re-drive to approve removing them` };
  }
  return { kind: 'remove', skus };
}
