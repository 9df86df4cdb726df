/**
 * Cash application of a settlement: what Amazon collected for each order (principal, shipping, gift wrap, their taxes,
 * less promotions) becomes one customer payment line on that order's M3 invoice; each refund a negative payment line
 * on the credit note of its M3 credit (refund-application.ts) or, without one, unapplied cash; and everything not
 * tied to an invoiced order (fees, reserves, subscriptions, reimbursements, adjustments) a GL journal against the
 * clearing account. The payment batch plus the journal's clearing line equal the deposit to the cent.
 */
import Decimal from 'decimal.js';
import { aggregateSettlement, type GlLine, type SettlementAggregate } from './settlement-aggregate';
import type { SettlementMapping } from './settlement-mapping';
import type { SettlementLine, SettlementReport } from './settlement-report';
import { findSettlementRule, matchesPattern } from './settlement-rule-match';
import { isRefundRow, matchRefundCredits, refundGroups, type RefundCredit } from './refund-application';

/** Where an Amazon order stands in M3: invoiced (AR invoice CINO + INYR), ordered but not invoiced yet, or not there. */
export type OrderInvoice =
  | { kind: 'invoiced'; ORNO: string; CUNO: string; PYNO?: string; CINO: string; INYR: string }
  | { kind: 'uninvoiced'; ORNO: string; CUNO: string }
  | { kind: 'not-in-m3' };

export interface PaymentLine {
  orderId: string;
  ORNO: string;
  CUNO: string;
  PYNO?: string;
  CINO: string;
  INYR: string;
  /** What Amazon collected for the order in this settlement, 2 decimals (negative when refunds outweigh). */
  amount: string;
  /** The settlement rows it sums (file line numbers), for the audit trail. */
  rows: number[];
  /** A refund applied against its credit note: Amazon's refund id (the settlement's adjustment id) and the M3 credit order. */
  refund?: { adjustmentId: string; refundId: string; creditOrder: string };
}

export interface PaymentCharge {
  chargeId: string;
  vatCode?: string;
  /** CHAM: the cost the charge deducts from the payment (a fee Amazon took is positive here), 2 decimals. */
  amount: string;
  description: string;
}

export interface UnappliedAmount {
  orderId: string; ORNO: string; CUNO: string; amount: string; rows: number[];
  /** `order`: an order without an invoice yet; `refund`: a refund without a credit note yet (never makes the settlement wait). */
  kind: 'order' | 'refund';
  /** For a refund: its adjustment id, the credit order when one is booked but not invoiced, and why it is unapplied. */
  adjustmentId?: string;
  creditOrder?: string;
  why?: string;
}

export interface CashApplication {
  settlementId: string;
  currency: string;
  depositDate?: string;
  payments: PaymentLine[];
  charges: PaymentCharge[];
  unapplied: UnappliedAmount[];
  /** The GLS840 journal of everything else; its clearing line is the part of the deposit the payment batch does not carry. */
  journal: SettlementAggregate;
  /** Σ PYAM − Σ CHAM, 2 decimals: what the payment batch brings to the bank account. */
  paymentNet: string;
  status: 'post' | 'park';
  reason?: string;
  message?: string;
}

const money = (d: Decimal.Value): string => new Decimal(d).toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** A settlement line that is part of what the buyer paid for an order. */
export function isOrderAmount(line: SettlementLine, mapping: SettlementMapping): boolean {
  if (line.orderId === undefined) return false;
  return mapping.cashApplication.orderAmounts.some((p) =>
    matchesPattern(p.transactionType, line.transactionType) && matchesPattern(p.amountType, line.amountType) && matchesPattern(p.amountDescription, line.amountDescription));
}

/** The Amazon orders whose M3 invoice must be looked up, in file order. */
export function ordersToLookUp(report: SettlementReport, mapping: SettlementMapping): string[] {
  return [...new Set(report.lines.filter((l) => l.currency === report.currency && isOrderAmount(l, mapping)).map((l) => l.orderId as string))];
}

/** The Amazon orders with refund rows, whose credits must be looked up when refunds are applied against credits. */
export function refundOrdersToLookUp(report: SettlementReport, mapping: SettlementMapping): string[] {
  return [...new Set(report.lines.filter((l) => l.currency === report.currency && isOrderAmount(l, mapping) && isRefundRow(l)).map((l) => l.orderId as string))];
}

/**
 * `refundCredits` (the credits the refund-credit flow booked, per Amazon order) switches refund rows to their own
 * receipt orders against those credits; without it (the flow is off) a refund reduces its order's payment instead.
 */
export function planCashApplication(
  report: SettlementReport, mapping: SettlementMapping, invoices: ReadonlyMap<string, OrderInvoice>, refundCredits?: ReadonlyMap<string, readonly RefundCredit[]>,
): CashApplication {
  const perOrder = new Map<string, { sum: Decimal; rows: number[] }>();
  const refundLines: SettlementLine[] = [];
  const chargeSums = new Map<string, { chargeId: string; vatCode?: string; sum: Decimal; description: string }>();
  const rest: SettlementLine[] = [];
  for (const line of report.lines) {
    const invoice = line.orderId === undefined ? undefined : invoices.get(line.orderId);
    if (line.currency === report.currency && isOrderAmount(line, mapping) && invoice !== undefined && invoice.kind !== 'not-in-m3') {
      if (refundCredits !== undefined && isRefundRow(line)) { refundLines.push(line); continue; }
      const entry = perOrder.get(line.orderId as string) ?? { sum: new Decimal(0), rows: [] };
      entry.sum = entry.sum.plus(line.amount);
      entry.rows.push(line.row);
      perOrder.set(line.orderId as string, entry);
      continue;
    }
    const ruleIndex = line.currency === report.currency ? findSettlementRule(mapping.rules, {
      transactionType: line.transactionType, amountType: line.amountType, amountDescription: line.amountDescription, marketplace: line.marketplaceName,
    }) : -1;
    const charge = ruleIndex >= 0 ? mapping.rules[ruleIndex].paymentCharge : undefined;
    if (charge !== undefined) {
      const key = `${charge.chargeId}\u0000${charge.vatCode ?? ''}`;
      const entry = chargeSums.get(key) ?? { chargeId: charge.chargeId, vatCode: charge.vatCode, sum: new Decimal(0), description: `${line.amountType}/${line.amountDescription}` };
      entry.sum = entry.sum.plus(line.amount);
      chargeSums.set(key, entry);
      continue;
    }
    // Amounts of orders that are not M3 orders (e.g. Amazon-fulfilled orders left to Amazon) were never invoiced in M3:
    // they stay in the journal and are booked per the rules, as in gl-only mode.
    rest.push(line);
  }

  const payments: PaymentLine[] = [];
  const unapplied: UnappliedAmount[] = [];
  for (const [orderId, { sum, rows }] of perOrder) {
    if (sum.isZero()) continue;
    const invoice = invoices.get(orderId);
    if (invoice?.kind === 'invoiced') {
      payments.push({ orderId, ORNO: invoice.ORNO, CUNO: invoice.CUNO, ...(invoice.PYNO ? { PYNO: invoice.PYNO } : {}), CINO: invoice.CINO, INYR: invoice.INYR, amount: money(sum), rows });
    } else if (invoice?.kind === 'uninvoiced') {
      unapplied.push({ orderId, ORNO: invoice.ORNO, CUNO: invoice.CUNO, amount: money(sum), rows, kind: 'order' });
    }
  }
  for (const match of matchRefundCredits(refundGroups(refundLines), refundCredits ?? new Map())) {
    const { group } = match;
    const order = invoices.get(group.orderId);
    if (order === undefined || order.kind === 'not-in-m3') continue;
    if (match.kind === 'credit-note') {
      const { note } = match.credit;
      payments.push({
        orderId: group.orderId, ORNO: match.credit.creditOrder, CUNO: note.CUNO, ...(note.PYNO ? { PYNO: note.PYNO } : {}), CINO: note.CINO, INYR: note.INYR,
        amount: group.amount, rows: group.rows, refund: { adjustmentId: group.adjustmentId, refundId: match.credit.refundId, creditOrder: match.credit.creditOrder },
      });
      continue;
    }
    const why = match.kind === 'credit-not-invoiced'
      ? `credit order ${match.credit.creditOrder} is not invoiced yet`
      : 'no M3 credit is booked for this refund yet';
    unapplied.push({
      orderId: group.orderId, ORNO: order.ORNO, CUNO: order.CUNO, amount: group.amount, rows: group.rows, kind: 'refund', why,
      ...(group.adjustmentId ? { adjustmentId: group.adjustmentId } : {}), ...(match.kind === 'credit-not-invoiced' ? { creditOrder: match.credit.creditOrder } : {}),
    });
  }
  const charges: PaymentCharge[] = [...chargeSums.values()].filter((c) => !c.sum.isZero()).map((c) => ({
    chargeId: c.chargeId, ...(c.vatCode === undefined ? {} : { vatCode: c.vatCode }), amount: money(c.sum.negated()), description: c.description,
  }));

  const paid = payments.reduce((s, p) => s.plus(p.amount), new Decimal(0));
  const held = unapplied.reduce((s, u) => s.plus(u.amount), new Decimal(0));
  const chargeTotal = charges.reduce((s, c) => s.plus(c.amount), new Decimal(0));
  // The journal carries the deposit less what the payment batch carries (Σ PYAM − Σ CHAM) and less the unapplied
  // amounts, which it books itself below: each part balances on its own, and together they are the deposit.
  const journalReport: SettlementReport = { ...report, lines: rest, totalAmount: new Decimal(report.totalAmount).minus(paid).minus(held).plus(chargeTotal).toString() };
  const journal = withUnapplied(aggregateSettlement(journalReport, mapping), unapplied, mapping, report);
  // The journal's own checks (Σ rest = its total) are the whole settlement's check, since the parts were taken out exactly.
  journal.totalAmount = money(report.totalAmount);

  const result: CashApplication = {
    settlementId: report.settlementId, currency: report.currency, payments, charges, unapplied, journal,
    paymentNet: money(paid.minus(chargeTotal)), status: journal.status,
    ...(report.depositDate === undefined ? {} : { depositDate: report.depositDate }),
    ...(journal.reason === undefined ? {} : { reason: journal.reason }),
  };
  const waiting = unapplied.filter((u) => u.kind === 'order');
  if (result.status === 'post' && waiting.length > 0 && mapping.cashApplication.uninvoiced === 'wait') {
    result.status = 'park';
    result.reason = 'ORDERS_NOT_INVOICED';
    result.message = `settlement ${report.settlementId}: ${waiting.length} order(s) have no M3 invoice yet (${waiting.map((u) => `${u.orderId} → ${u.ORNO}`).join(', ')}); re-drive once they are invoiced`;
  }
  return result;
}

function withUnapplied(journal: SettlementAggregate, unapplied: readonly UnappliedAmount[], mapping: SettlementMapping, report: SettlementReport): SettlementAggregate {
  if (unapplied.length === 0) return journal;
  const ca = mapping.cashApplication;
  const lines: GlLine[] = unapplied.map((u) => ({
    account: ca.unappliedAccount, dimensions: { ...ca.unappliedDimensions }, currency: report.currency,
    amount: money(new Decimal(u.amount).negated()),
    text: [...(u.kind === 'refund' ? `Unappl. refund ${u.CUNO} ${u.orderId}` : `Unapplied ${u.CUNO} ${u.orderId}`)].slice(0, 40).join(''), source: 'unapplied' as const,
  }));
  const held = unapplied.reduce((s, u) => s.plus(u.amount), new Decimal(0));
  const clearing = journal.lines.find((l) => l.source === 'clearing');
  if (clearing !== undefined) clearing.amount = money(new Decimal(clearing.amount).plus(held));
  const all = [...journal.lines.filter((l) => l.source !== 'clearing'), ...lines, ...(clearing ? [clearing] : [])];
  const totalsByAccount: Record<string, string> = {};
  const sums = new Map<string, Decimal>();
  for (const l of all) sums.set(l.account, (sums.get(l.account) ?? new Decimal(0)).plus(l.amount));
  for (const [account, sum] of sums) totalsByAccount[account] = money(sum);
  return { ...journal, lines: all, totalsByAccount };
}
