/**
 * Refund rows of a settlement in cash application: each Amazon refund of an M3 order is paid out of the deposit, and
 * the refund-credit flow has booked (or will book) an M3 credit order for it, whose invoice is a credit note — a
 * negative receivable on the marketplace customer. The refund's rows are applied against that credit note (a negative
 * receipt order), not netted into the order's payment, so the order's invoice and the credit note are both cleared.
 * A refund whose credit note does not exist yet is unapplied cash, listed for finance like an order not invoiced. Pure.
 */
import Decimal from 'decimal.js';
import type { SettlementLine } from './settlement-report';

/** The settlement's transaction type of a refund to the buyer. */
export const REFUND_TRANSACTION_TYPE = 'Refund';

/** A credit the refund-credit flow booked for an Amazon order: its credit order and, once invoiced, its credit note. */
export interface RefundCredit {
  /** Amazon's id of the refund the credit was booked for (the Finances transaction id). */
  refundId: string;
  /** The M3 credit order. */
  creditOrder: string;
  /** The credited amount, positive, 2 decimals. */
  amount: string;
  /** The credit order's invoice (credit note): AR number, year, customer, payer; absent while it is not invoiced. */
  note?: { CINO: string; INYR: string; CUNO: string; PYNO?: string };
}

/** One Amazon refund in the settlement: its rows of one order under one adjustment id, summed (negative = paid out). */
export interface RefundGroup { orderId: string; adjustmentId: string; amount: string; rows: number[] }

export type RefundMatch =
  | { group: RefundGroup; kind: 'credit-note'; credit: RefundCredit & { note: NonNullable<RefundCredit['note']> } }
  | { group: RefundGroup; kind: 'credit-not-invoiced'; credit: RefundCredit }
  | { group: RefundGroup; kind: 'no-credit' };

export function isRefundRow(line: SettlementLine): boolean {
  return line.transactionType === REFUND_TRANSACTION_TYPE;
}

/** Groups refund rows per order and adjustment id, in file order; groups that sum to zero are dropped. */
export function refundGroups(lines: readonly SettlementLine[]): RefundGroup[] {
  const groups = new Map<string, { orderId: string; adjustmentId: string; sum: Decimal; rows: number[] }>();
  for (const line of lines) {
    const key = `${line.orderId ?? ''}\u0000${line.adjustmentId ?? ''}`;
    const group = groups.get(key) ?? { orderId: line.orderId ?? '', adjustmentId: line.adjustmentId ?? '', sum: new Decimal(0), rows: [] };
    group.sum = group.sum.plus(line.amount);
    group.rows.push(line.row);
    groups.set(key, group);
  }
  return [...groups.values()].filter((g) => !g.sum.isZero())
    .map((g) => ({ orderId: g.orderId, adjustmentId: g.adjustmentId, amount: g.sum.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2), rows: g.rows }));
}

/**
 * Pairs each refund with one credit of its order, each credit used once: the credit whose amount equals the refund's
 * (the usual case: the credit order was made from the same Amazon refund), else — when the order has exactly one
 * refund left and one credit left — that one (a rounding or tax difference stays on the credit note for finance).
 * Anything else is not guessed: the refund stays unapplied.
 */
export function matchRefundCredits(groups: readonly RefundGroup[], credits: ReadonlyMap<string, readonly RefundCredit[]>): RefundMatch[] {
  const used = new Set<RefundCredit>();
  const byAmount = new Map<RefundGroup, RefundCredit>();
  for (const group of groups) {
    const amount = new Decimal(group.amount).abs();
    const found = (credits.get(group.orderId) ?? []).find((c) => !used.has(c) && new Decimal(c.amount).abs().eq(amount));
    if (found) { used.add(found); byAmount.set(group, found); }
  }
  return groups.map((group): RefundMatch => {
    let credit = byAmount.get(group);
    if (!credit) {
      const left = (credits.get(group.orderId) ?? []).filter((c) => !used.has(c));
      const open = groups.filter((g) => g.orderId === group.orderId && !byAmount.has(g));
      if (left.length === 1 && open.length === 1) { credit = left[0]; used.add(credit); }
    }
    if (!credit) return { group, kind: 'no-credit' };
    const { note } = credit;
    return note ? { group, kind: 'credit-note', credit: { ...credit, note } } : { group, kind: 'credit-not-invoiced', credit };
  });
}
