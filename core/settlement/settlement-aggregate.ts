// Sums a settlement by (transaction type, amount type, description) and maps the sums to balanced GL lines (docs/design.md, Item → listing and settlement).
import Decimal from 'decimal.js';
import type { SettlementMapping } from './settlement-mapping';
import type { SettlementReport } from './settlement-report';
import { findSettlementRule } from './settlement-rule-match';

export type Dimensions = Partial<Record<'AIT2' | 'AIT3' | 'AIT4' | 'AIT5' | 'AIT6' | 'AIT7', string>>;

export interface SettlementGroup {
  currency: string;
  marketplace: string;
  transactionType: string;
  amountType: string;
  amountDescription: string;
  /** Σ Amazon amounts (positive = credited to the seller), exact decimal text with 2 decimals. */
  amount: string;
  rows: number;
}

export interface GlLine {
  /** AIT1. */
  account: string;
  dimensions: Dimensions;
  currency: string;
  /** Debit-positive, 2 decimals: the counter-entry of Amazon's amount; the clearing line debits the deposit. */
  amount: string;
  text: string;
  source: 'rule' | 'suspense' | 'clearing' | 'unapplied';
  /** Index in mapping.rules for source "rule". */
  rule?: number;
  marketplace?: string;
}

export interface UnmappedCombination {
  transactionType: string;
  amountType: string;
  amountDescription: string;
  marketplace: string;
  currency: string;
  amount: string;
}

export interface SettlementAlert {
  code: 'UNMAPPED_SETTLEMENT_LINES' | 'SETTLEMENT_TOTAL_MISMATCH' | 'FOREIGN_CURRENCY_LINES';
  message: string;
}

export interface SettlementAggregate {
  settlementId: string;
  currency: string;
  startDate?: string;
  endDate?: string;
  depositDate?: string;
  totalAmount: string;
  groups: SettlementGroup[];
  lines: GlLine[];
  /** Debit-positive net per account (AIT1), incl. suspense and clearing, 2 decimals. */
  totalsByAccount: Record<string, string>;
  unmapped: UnmappedCombination[];
  alerts: SettlementAlert[];
  /** `post` when the journal balances and Σ amounts = total-amount; otherwise `park` with the difference. */
  status: 'post' | 'park';
  /** Σ detail amounts − total-amount, 2 decimals ("0.00" when it reconciles). */
  difference: string;
  reason?: string;
}

const money = (d: Decimal): string => d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);

/** A voucher text (VTXT, 40 characters) naming the combination, kept as written (no transliteration). */
function voucherText(settlementId: string, g: { transactionType: string; amountType: string; amountDescription: string }): string {
  return [...`${g.transactionType}/${g.amountType}/${g.amountDescription} ${settlementId}`].slice(0, 40).join('');
}

/**
 * Groups the detail lines per currency × marketplace × combination, books each group on the first matching
 * rule (else the suspense account, with an alert), and adds one clearing line for the deposit. The batch
 * balances by construction exactly when Σ amounts = total-amount; any difference (to the cent) parks it.
 */
export function aggregateSettlement(report: SettlementReport, mapping: SettlementMapping): SettlementAggregate {
  const groups = new Map<string, SettlementGroup & { sum: Decimal }>();
  for (const l of report.lines) {
    const key = JSON.stringify([l.currency, l.marketplaceName, l.transactionType, l.amountType, l.amountDescription]);
    let g = groups.get(key);
    if (g === undefined) {
      g = {
        currency: l.currency, marketplace: l.marketplaceName, transactionType: l.transactionType,
        amountType: l.amountType, amountDescription: l.amountDescription, amount: '0.00', rows: 0, sum: new Decimal(0),
      };
      groups.set(key, g);
    }
    g.sum = g.sum.plus(l.amount);
    g.rows += 1;
  }

  const lines: GlLine[] = [];
  const unmapped: UnmappedCombination[] = [];
  const alerts: SettlementAlert[] = [];
  const foreign: string[] = [];
  let net = new Decimal(0);
  for (const g of groups.values()) {
    g.amount = money(g.sum);
    if (g.currency !== report.currency) {
      foreign.push(`${g.currency} ${g.amount} (${g.transactionType}/${g.amountType}/${g.amountDescription})`);
      continue;
    }
    net = net.plus(g.sum);
    if (g.sum.isZero()) continue;
    const ruleIndex = findSettlementRule(mapping.rules, {
      transactionType: g.transactionType, amountType: g.amountType, amountDescription: g.amountDescription, marketplace: g.marketplace,
    });
    const rule = ruleIndex >= 0 ? mapping.rules[ruleIndex] : undefined;
    const line: GlLine = {
      account: rule?.account ?? mapping.suspenseAccount,
      dimensions: { ...rule?.dimensions },
      currency: g.currency,
      // Amazon credits the seller a positive amount: in the GL that is a credit (negative when debit-positive).
      amount: money(g.sum.negated()),
      text: rule?.text ?? voucherText(report.settlementId, g),
      source: rule === undefined ? 'suspense' : 'rule',
    };
    if (rule !== undefined) line.rule = ruleIndex;
    if (g.marketplace !== '') line.marketplace = g.marketplace;
    lines.push(line);
    if (rule === undefined) {
      unmapped.push({
        transactionType: g.transactionType, amountType: g.amountType, amountDescription: g.amountDescription,
        marketplace: g.marketplace, currency: g.currency, amount: g.amount,
      });
    }
  }

  const total = new Decimal(report.totalAmount);
  lines.push({
    account: mapping.clearingAccount,
    dimensions: { ...mapping.clearingDimensions },
    currency: report.currency,
    amount: money(total),
    text: [...`Amazon deposit ${report.settlementId}`].slice(0, 40).join(''),
    source: 'clearing',
  });

  const difference = net.minus(total);
  const balance = lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
  if (unmapped.length > 0) {
    alerts.push({
      code: 'UNMAPPED_SETTLEMENT_LINES',
      message: `settlement ${report.settlementId}: ${unmapped.length} unmapped combination(s) booked on suspense account ${mapping.suspenseAccount}: `
        + unmapped.map((u) => `${u.transactionType}/${u.amountType}/${u.amountDescription} ${u.currency} ${u.amount}`).join('; '),
    });
  }
  if (foreign.length > 0) {
    alerts.push({ code: 'FOREIGN_CURRENCY_LINES', message: `settlement ${report.settlementId} (${report.currency}) has lines in other currencies: ${foreign.join('; ')}` });
  }
  let reason: string | undefined;
  if (foreign.length > 0) reason = 'FOREIGN_CURRENCY_LINES';
  else if (!difference.isZero() || !balance.isZero()) {
    reason = 'SETTLEMENT_TOTAL_MISMATCH';
    alerts.push({
      code: 'SETTLEMENT_TOTAL_MISMATCH',
      message: `settlement ${report.settlementId}: detail lines sum to ${money(net)} ${report.currency} but total-amount is ${money(total)} (difference ${money(difference)})`,
    });
  }

  const totalsByAccount: Record<string, string> = {};
  const sums = new Map<string, Decimal>();
  for (const l of lines) sums.set(l.account, (sums.get(l.account) ?? new Decimal(0)).plus(l.amount));
  for (const [account, sum] of sums) totalsByAccount[account] = money(sum);

  const aggregate: SettlementAggregate = {
    settlementId: report.settlementId,
    currency: report.currency,
    totalAmount: money(total),
    groups: [...groups.values()].map(({ sum: _sum, ...g }) => g),
    lines,
    totalsByAccount,
    unmapped,
    alerts,
    status: reason === undefined ? 'post' : 'park',
    difference: money(difference),
  };
  if (report.startDate !== undefined) aggregate.startDate = report.startDate;
  if (report.endDate !== undefined) aggregate.endDate = report.endDate;
  if (report.depositDate !== undefined) aggregate.depositDate = report.depositDate;
  if (reason !== undefined) aggregate.reason = reason;
  return aggregate;
}
