/**
 * Refund rows of a settlement in cash application, while refunds are credited in M3: each Amazon refund of an M3 order
 * is applied against the credit note of the credit order booked for it (a negative receipt order), not netted into the
 * order's payment; a refund without a credit note yet is unapplied cash listed for finance; the totals stay the deposit.
 */
import Decimal from 'decimal.js';
import {
  matchRefundCredits, parseSettlementReport, planCashApplication, planPaymentBatch, refundGroups, refundOrdersToLookUp, SettlementMappingSchema,
  type OrderInvoice, type RefundCredit,
} from '../../../core/settlement';

const HEADER = 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tadjustment-id\tamount-type\tamount-description\tamount';
const rows = (total: string, lines: string[][]) => [HEADER, `11774473571\t2026-05-01\t2026-05-15\t2026-05-17\t${total}\tUSD\t\t\t\t\t\t`, ...lines.map((l) => `11774473571\t\t\t\t\t\t${l.join('\t')}`)].join('\n');

const mapping = SettlementMappingSchema.parse({
  mode: 'cash-application',
  rules: [
    { amountType: 'ItemFees', amountDescription: '*Commission', account: '6110' },
    { transactionType: 'ServiceFee', account: '6130' },
  ],
});

// Row numbers: the header is 1, the summary 2, so the first detail row is 3.
const report = parseSettlementReport(rows('34.09', [
  ['Order', 'A-1', '', 'ItemPrice', 'Principal', '49.00'], //                                   3
  ['Order', 'A-1', '', 'ItemFees', 'Commission', '-7.35'], //                                  4
  ['Refund', 'A-1', 'ADJ-1', 'ItemPrice', 'Principal', '-10.00'], //                            5
  ['Refund', 'A-1', 'ADJ-1', 'ItemPrice', 'Tax', '-0.83'], //                                   6
  ['Refund', 'A-1', 'ADJ-1', 'ItemWithheldTax', 'MarketplaceFacilitatorTax-Principal', '0.83'], // 7
  ['Refund', 'A-1', 'ADJ-1', 'ItemFees', 'RefundCommission', '1.50'], //                          8
  ['Order', 'B-2', '', 'ItemPrice', 'Principal', '20.00'], //                                    9
  ['Refund', 'B-2', 'ADJ-2', 'ItemPrice', 'Principal', '-5.00'], //                              10
  ['Refund', 'C-3', 'ADJ-3', 'ItemPrice', 'Principal', '-4.99'], //                              11
  ['Order', 'C-3', '', 'ItemPrice', 'Principal', '19.99'], //                                    12
  ['ServiceFee', '', '', 'other-transaction', 'Subscription Fee', '-29.06'], //                  13
]), { locale: 'en_US' });

const invoices = new Map<string, OrderInvoice>([
  ['A-1', { kind: 'invoiced', ORNO: '1000000001', CUNO: 'AMZUS', CINO: '100001', INYR: '2026' }],
  ['B-2', { kind: 'invoiced', ORNO: '1000000002', CUNO: 'AMZUS', CINO: '100002', INYR: '2026' }],
  ['C-3', { kind: 'invoiced', ORNO: '1000000003', CUNO: 'AMZUS', CINO: '100003', INYR: '2026' }],
]);
const credits = new Map<string, RefundCredit[]>([
  ['A-1', [{ refundId: 'T-1', creditOrder: '2000000001', amount: '10.00', note: { CINO: '100009', INYR: '2026', CUNO: 'AMZUS' } }]],
  ['B-2', [{ refundId: 'T-2', creditOrder: '2000000002', amount: '5.00' }]],
]);

describe('refunds applied against their M3 credits', () => {
  const app = planCashApplication(report, mapping, invoices, credits);

  it('asks for the credits of the orders that have refund rows', () => {
    expect(refundOrdersToLookUp(report, mapping)).toEqual(['A-1', 'B-2', 'C-3']);
  });

  it("pays each order's invoice in full, and applies a credited refund against its credit note as a negative receipt order", () => {
    expect(app.payments).toEqual([
      expect.objectContaining({ orderId: 'A-1', CINO: '100001', amount: '49.00', rows: [3] }),
      expect.objectContaining({ orderId: 'B-2', CINO: '100002', amount: '20.00', rows: [9] }),
      expect.objectContaining({ orderId: 'C-3', CINO: '100003', amount: '19.99', rows: [12] }),
      // Principal, tax and the tax Amazon withholds back: the refund's order amounts, traceable to their rows.
      expect.objectContaining({ orderId: 'A-1', ORNO: '2000000001', CINO: '100009', INYR: '2026', amount: '-10.00', rows: [5, 6, 7], refund: { adjustmentId: 'ADJ-1', refundId: 'T-1', creditOrder: '2000000001' } }),
    ]);
    const plan = planPaymentBatch(app, mapping);
    expect(plan.lines.map((l) => [l.params.TRNO, l.params.CINO, l.params.PYAM, l.params.IRNO])).toEqual([
      ['1', '100001', '49.00', 'A-1'], ['2', '100002', '20.00', 'B-2'], ['3', '100003', '19.99', 'C-3'], ['4', '100009', '-10.00', 'A-1'],
    ]);
  });

  it('leaves a refund whose credit order is not invoiced, or that has no credit, as unapplied cash listed for finance', () => {
    expect(app.unapplied).toEqual([
      { orderId: 'B-2', ORNO: '1000000002', CUNO: 'AMZUS', amount: '-5.00', rows: [10], kind: 'refund', adjustmentId: 'ADJ-2', creditOrder: '2000000002', why: 'credit order 2000000002 is not invoiced yet' },
      { orderId: 'C-3', ORNO: '1000000003', CUNO: 'AMZUS', amount: '-4.99', rows: [11], kind: 'refund', adjustmentId: 'ADJ-3', why: 'no M3 credit is booked for this refund yet' },
    ]);
    // Money paid out to the buyer before M3 has the credit: a debit on unapplied cash, allocated once the credit note exists.
    expect(app.journal.lines.filter((l) => l.source === 'unapplied').map((l) => [l.account, l.amount, l.text])).toEqual([
      ['2290', '5.00', 'Unappl. refund AMZUS B-2'], ['2290', '4.99', 'Unappl. refund AMZUS C-3'],
    ]);
  });

  it('keeps the refund commission in the journal and still equals the deposit', () => {
    expect(app.journal.totalsByAccount).toMatchObject({ 6110: '5.85', 6130: '29.06', 2290: '9.99' });
    expect(app.journal.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0)).isZero()).toBe(true);
    const clearing = app.journal.lines.find((l) => l.source === 'clearing')!;
    expect(new Decimal(app.paymentNet).plus(clearing.amount).toFixed(2)).toBe('34.09');
    expect(app.status).toBe('post');
  });

  it('never makes the settlement wait for a credit, only for invoices', () => {
    const waiting = planCashApplication(report, SettlementMappingSchema.parse({ ...mapping, cashApplication: { uninvoiced: 'wait' } }), invoices, credits);
    expect(waiting.status).toBe('post');
  });

  it('nets refunds into their order payment as before while refunds are not credited in M3', () => {
    const netted = planCashApplication(report, mapping, invoices);
    expect(netted.payments.map((p) => [p.orderId, p.amount])).toEqual([['A-1', '39.00'], ['B-2', '15.00'], ['C-3', '15.00']]);
    expect(netted.unapplied).toEqual([]);
  });
});

describe('pairing refunds with credits', () => {
  const note = (cino: string) => ({ CINO: cino, INYR: '2026', CUNO: 'AMZUS' });

  it('pairs by amount first, each credit once, whatever the order of booking', () => {
    const groups = [{ orderId: 'A', adjustmentId: 'X', amount: '-5.00', rows: [1] }, { orderId: 'A', adjustmentId: 'Y', amount: '-7.00', rows: [2] }];
    const matched = matchRefundCredits(groups, new Map([['A', [
      { refundId: 'T-7', creditOrder: 'C7', amount: '7.00', note: note('7') }, { refundId: 'T-5', creditOrder: 'C5', amount: '5.00', note: note('5') },
    ]]]));
    expect(matched.map((m) => [m.group.adjustmentId, m.kind, m.kind === 'no-credit' ? '' : m.credit.creditOrder])).toEqual([['X', 'credit-note', 'C5'], ['Y', 'credit-note', 'C7']]);
  });

  it('takes the one credit left for the one refund left even when the amounts differ (the difference stays on the credit note)', () => {
    const matched = matchRefundCredits([{ orderId: 'A', adjustmentId: 'X', amount: '-5.01', rows: [1] }], new Map([['A', [{ refundId: 'T', creditOrder: 'C', amount: '5.00', note: note('9') }]]]));
    expect(matched[0]).toMatchObject({ kind: 'credit-note', credit: { creditOrder: 'C' } });
  });

  it('guesses nothing when several refunds and credits do not pair by amount', () => {
    const groups = [{ orderId: 'A', adjustmentId: 'X', amount: '-5.00', rows: [1] }, { orderId: 'A', adjustmentId: 'Y', amount: '-6.00', rows: [2] }];
    const matched = matchRefundCredits(groups, new Map([['A', [{ refundId: 'T1', creditOrder: 'C1', amount: '4.00' }, { refundId: 'T2', creditOrder: 'C2', amount: '3.00' }]]]));
    expect(matched.map((m) => m.kind)).toEqual(['no-credit', 'no-credit']);
  });

  it('groups refund rows per order and adjustment id and drops refunds that sum to zero', () => {
    const lines = [
      { row: 1, transactionType: 'Refund', amountType: 'ItemPrice', amountDescription: 'Principal', amount: '-3', currency: 'USD', marketplaceName: '', orderId: 'A', adjustmentId: 'X' },
      { row: 2, transactionType: 'Refund', amountType: 'ItemPrice', amountDescription: 'Tax', amount: '-0.5', currency: 'USD', marketplaceName: '', orderId: 'A', adjustmentId: 'X' },
      { row: 3, transactionType: 'Refund', amountType: 'ItemPrice', amountDescription: 'Principal', amount: '0', currency: 'USD', marketplaceName: '', orderId: 'A', adjustmentId: 'Z' },
    ];
    expect(refundGroups(lines)).toEqual([{ orderId: 'A', adjustmentId: 'X', amount: '-3.50', rows: [1, 2] }]);
  });
});
