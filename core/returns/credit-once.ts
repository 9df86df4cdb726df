/**
 * One credit per refunded item, whichever Amazon reports first. A buyer who sends an item back and is refunded shows
 * up twice: as a refund (Finances) and as a return (returns report). Both would credit in M3 — the refund as a credit
 * order, the return through M3's own crediting of a customer return (OIS390 'Create credit', a step without an MI
 * transaction). The credit of an order's SKU is therefore claimed, first come first served, by the refund or return
 * that gets there first (an insert-if-absent row), and the other one does not credit it:
 * - return first: the refund of that SKU is not credited again (M3 credits the return);
 * - refund first: the return is still registered (the goods come back) but its lines carry sales price 0, so crediting
 *   it in M3 credits nothing. With `refunds.skipWhenReturned` off, Amazon's refund is always the credit and every
 *   return carries the goods only. Pure.
 */
import type { ReturnPlan } from './return-plan';
import type { ReturnsMapping } from './returns-mapping';

export type CreditOwnerKind = 'refund' | 'return';

export function creditOwner(kind: CreditOwnerKind, id: string): string {
  return `${kind}:${id}`;
}

export function creditOwnerKind(owner: string): CreditOwnerKind | undefined {
  const kind = owner.slice(0, owner.indexOf(':'));
  return kind === 'refund' || kind === 'return' ? kind : undefined;
}

/**
 * The SKUs of a refund a return credits already: claimed by a return (`owners`: SKU → owner of record), or recorded as
 * returned before claims existed. Empty when the refund is always the credit (`skipWhenReturned` off).
 */
export function skusCreditedByReturns(mapping: ReturnsMapping, owners: ReadonlyMap<string, string>, returnedBefore: ReadonlySet<string> = new Set()): Set<string> {
  if (!mapping.refunds.skipWhenReturned) return new Set();
  const out = new Set(returnedBefore);
  for (const [sku, owner] of owners) if (creditOwnerKind(owner) === 'return') out.add(sku);
  return out;
}

/**
 * The return with the lines whose credit belongs to a refund (every line when `skipWhenReturned` is off) set to sales
 * price 0 — the goods come back, the money was credited by the refund's credit order — and the SKUs so treated.
 */
export function returnWithoutDoubleCredit(plan: ReturnPlan, mapping: ReturnsMapping, owners: ReadonlyMap<string, string>): { plan: ReturnPlan; goodsOnly: string[] } {
  const goodsOnly: string[] = [];
  const lines = plan.lines.map((line) => {
    const owner = owners.get(line.sku);
    const creditedByRefund = !mapping.refunds.skipWhenReturned || (owner !== undefined && creditOwnerKind(owner) === 'refund');
    if (!creditedByRefund) return line;
    goodsOnly.push(line.sku);
    return { ...line, SAPR: '0' };
  });
  return { plan: { ...plan, lines }, goodsOnly };
}
