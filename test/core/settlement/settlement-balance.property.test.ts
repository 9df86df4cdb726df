import fc from 'fast-check';
import Decimal from 'decimal.js';
import { aggregateSettlement } from '../../../core/settlement/settlement-aggregate';
import type { SettlementReport } from '../../../core/settlement/settlement-report';
import { fixtureMapping } from './settlement-fixture-mapping';
import { planCashApplication, type OrderInvoice } from '../../../core/settlement';

const cents = fc.integer({ min: -500000, max: 500000 }).map((c) => new Decimal(c).dividedBy(100).toString());
const combination = fc.constantFrom(
  ['Order', 'ItemPrice', 'Principal'], ['Order', 'ItemFees', 'Commission'], ['Refund', 'ItemPrice', 'Principal'],
  ['Order', 'Promotion', 'Shipping'], ['other-transaction', 'other-transaction', 'Unknown'],
);

describe('aggregateSettlement (properties)', () => {
  it('posts a balanced batch whenever the detail lines sum to the total, and parks otherwise', () => {
    fc.assert(fc.property(fc.array(fc.tuple(combination, cents), { minLength: 1, maxLength: 40 }), fc.integer({ min: -3, max: 3 }), (rows, skewCents) => {
      const sum = rows.reduce((s, [, a]) => s.plus(a), new Decimal(0));
      const report: SettlementReport = {
        settlementId: '1', currency: 'EUR', decimalSeparator: ',', totalAmount: sum.plus(new Decimal(skewCents).dividedBy(100)).toString(),
        lines: rows.map(([[t, at, ad], amount], i) => ({ row: i + 3, transactionType: t, amountType: at, amountDescription: ad, amount, currency: 'EUR', marketplaceName: 'Amazon.de' })),
      };
      const agg = aggregateSettlement(report, fixtureMapping);
      const balance = agg.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
      if (skewCents === 0) return agg.status === 'post' && balance.isZero() && agg.difference === '0.00';
      return agg.status === 'park' && new Decimal(agg.difference).equals(new Decimal(-skewCents).dividedBy(100));
    }));
  });
});

describe('planCashApplication (properties)', () => {
  const orderIds = fc.constantFrom('A-1', 'B-2', 'C-3', undefined);
  const kinds: OrderInvoice[] = [
    { kind: 'invoiced', ORNO: '1', CUNO: 'AMZDE', CINO: '100001', INYR: '2026' },
    { kind: 'uninvoiced', ORNO: '2', CUNO: 'AMZDE' },
    { kind: 'not-in-m3' },
  ];
  it('payments − charges + the journal clearing line = the deposit, and the journal balances, for any mix of orders', () => {
    const mapping = { ...fixtureMapping, mode: 'cash-application' as const };
    fc.assert(fc.property(fc.array(fc.tuple(combination, cents, orderIds), { minLength: 1, maxLength: 40 }), fc.shuffledSubarray(kinds, { minLength: 3, maxLength: 3 }), (rows, shuffled) => {
      const sum = rows.reduce((s, [, a]) => s.plus(a), new Decimal(0));
      const report: SettlementReport = {
        settlementId: '1', currency: 'EUR', decimalSeparator: ',', totalAmount: sum.toString(),
        lines: rows.map(([[t, at, ad], amount, orderId], i) => ({ row: i + 3, transactionType: t, amountType: at, amountDescription: ad, amount, currency: 'EUR', marketplaceName: 'Amazon.de', ...(orderId ? { orderId } : {}) })),
      };
      const invoices = new Map<string, OrderInvoice>([['A-1', shuffled[0]], ['B-2', shuffled[1]], ['C-3', shuffled[2]]]);
      const app = planCashApplication(report, mapping, invoices);
      const clearing = app.journal.lines.filter((l) => l.source === 'clearing').reduce((s, l) => s.plus(l.amount), new Decimal(0));
      const journal = app.journal.lines.reduce((s, l) => s.plus(l.amount), new Decimal(0));
      return app.status === 'post' && journal.isZero() && new Decimal(app.paymentNet).plus(clearing).equals(sum);
    }));
  });
});
