import fc from 'fast-check';
import Decimal from 'decimal.js';
import { aggregateSettlement } from '../../../core/settlement/settlement-aggregate';
import type { SettlementReport } from '../../../core/settlement/settlement-report';
import { fixtureMapping } from './settlement-fixture-mapping';

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
