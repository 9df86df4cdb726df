import Decimal from 'decimal.js';
import { parseSettlementReport, planCashApplication, planPaymentBatch, paymentBatchId, SettlementMappingSchema, type OrderInvoice } from '../../../core/settlement';

const HEADER = 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tamount-type\tamount-description\tamount';
const rows = (total: string, lines: string[][]) => [HEADER, `11774473571\t2026-05-01\t2026-05-15\t2026-05-17\t${total}\tUSD\t\t\t\t\t`, ...lines.map((l) => `11774473571\t\t\t\t\t\t${l.join('\t')}`)].join('\n');

const mapping = SettlementMappingSchema.parse({
  mode: 'cash-application',
  rules: [
    { amountType: 'ItemPrice', amountDescription: 'Principal', account: '3010' },
    { amountType: 'ItemFees', amountDescription: 'Commission', account: '6110' },
    { amountType: 'ItemFees', amountDescription: 'FBA*', account: '6120', paymentCharge: { chargeId: 'FBA', vatCode: '1' } },
    { transactionType: 'ServiceFee', account: '6130' },
  ],
});

const report = parseSettlementReport(rows('51.50', [
  ['Order', 'A-1', 'ItemPrice', 'Principal', '40.00'], ['Order', 'A-1', 'ItemPrice', 'Shipping', '5.00'], ['Order', 'A-1', 'Promotion', 'Shipping', '-5.00'],
  ['Order', 'A-1', 'ItemFees', 'Commission', '-6.00'], ['Order', 'A-1', 'ItemFees', 'FBAPerUnitFulfillmentFee', '-3.50'],
  ['Refund', 'A-1', 'ItemPrice', 'Principal', '-10.00'],
  ['Order', 'B-2', 'ItemPrice', 'Principal', '20.00'],
  ['Order', 'C-3', 'ItemPrice', 'Principal', '30.00'],
  ['ServiceFee', '', 'other-transaction', 'Subscription Fee', '-19.00'],
]), { locale: 'en_US' });

const invoices = new Map<string, OrderInvoice>([
  ['A-1', { kind: 'invoiced', ORNO: '1000000001', CUNO: 'AMZUS', CINO: '100001', INYR: '2026' }],
  ['B-2', { kind: 'uninvoiced', ORNO: '1000000002', CUNO: 'AMZUS' }],
  ['C-3', { kind: 'not-in-m3' }],
]);

describe('cash application of a settlement', () => {
  const app = planCashApplication(report, mapping, invoices);

  it('makes one payment line per invoiced order: principal, shipping, less promotions and refunds', () => {
    expect(app.payments).toEqual([expect.objectContaining({ orderId: 'A-1', CINO: '100001', INYR: '2026', CUNO: 'AMZUS', amount: '30.00' })]);
  });

  it('keeps the amounts of an order without invoice as unapplied cash, and books orders M3 does not know per the rules', () => {
    expect(app.unapplied).toEqual([expect.objectContaining({ orderId: 'B-2', ORNO: '1000000002', amount: '20.00' })]);
    expect(app.journal.lines.filter((l) => l.account === '3010').map((l) => l.amount)).toEqual(['-30.00']);
    expect(app.journal.lines.filter((l) => l.source === 'unapplied').map((l) => [l.account, l.amount])).toEqual([['2290', '-20.00']]);
  });

  it('moves a fee with a payment charge into the batch and leaves the others in the journal', () => {
    expect(app.charges).toEqual([{ chargeId: 'FBA', vatCode: '1', amount: '3.50', description: 'ItemFees/FBAPerUnitFulfillmentFee' }]);
    expect(app.journal.totalsByAccount).toMatchObject({ 6110: '6.00', 6130: '19.00' });
    expect(app.journal.totalsByAccount['6120']).toBeUndefined();
  });

  it('balances: the journal nets to zero and payments − charges + the clearing line = the deposit', () => {
    const net = app.journal.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
    expect(net.isZero()).toBe(true);
    const clearing = app.journal.lines.find((l) => l.source === 'clearing')!;
    expect(new Decimal(app.paymentNet).plus(clearing.amount).toFixed(2)).toBe('51.50');
    expect(app.status).toBe('post');
  });

  it('parks instead when the mappings say to wait for invoices', () => {
    const waiting = planCashApplication(report, SettlementMappingSchema.parse({ ...mapping, cashApplication: { uninvoiced: 'wait' } }), invoices);
    expect(waiting).toMatchObject({ status: 'park', reason: 'ORDERS_NOT_INVOICED' });
    expect(waiting.message).toContain('B-2 → 1000000002');
  });

  it('loads the batch as ARS040MI calls under a payment batch id derived from the settlement id', () => {
    expect(paymentBatchId('11774473571')).toBe('1774473571');
    const plan = planPaymentBatch(app, mapping);
    expect(plan.head.params).toMatchObject({ PBID: '1774473571', BOPE: 'AMZ', ACDT: '20260517' });
    expect(plan.lines.map((c) => c.params)).toEqual([expect.objectContaining({ TRNO: '1', CINO: '100001', INYR: '2026', CUNO: 'AMZUS', PYAM: '30.00', IRNO: 'A-1', CUCD: 'USD' })]);
    expect(plan.charges.map((c) => c.params)).toEqual([expect.objectContaining({ CHAM: '3.50', CHRI: 'FBA', VTCD: '1' })]);
    expect(plan.control.params).toMatchObject({ PBID: '1774473571' });
  });
});
