import fs from 'node:fs';
import path from 'node:path';
import { aggregateSettlement } from '../../../core/settlement/settlement-aggregate';
import { parseSettlementReport } from '../../../core/settlement/settlement-report';
import { fixtureMapping } from './settlement-fixture-mapping';

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../fixtures/settlements', name), 'utf8');

describe('aggregateSettlement', () => {
  it('books the US settlement on the mapped accounts with hand-computed totals (debit positive)', () => {
    const agg = aggregateSettlement(parseSettlementReport(fixture('us-settlement-v2.tsv')), fixtureMapping);
    // 3010 sales: 1,234.50 + 45.00 = 1,279.50 credited
    // 3020 refunds: 20.00 debited; 3030 shipping: 12.99 credited
    // 2610 tax: 98.76 collected, 98.76 withheld by Amazon as marketplace facilitator → 0.00
    // 6110 commission: 185.18 + 6.75 − 3.00 (refunded) + 0.60 (refund commission) = 189.53 debited
    // 6120 FBA fees: 7.34 + 3.22 = 10.56; 3090 promotions: 5.00 + 4.50 = 9.50
    // 1960 reserve: 150.00 held − 120.00 released = 30.00; 6130 subscription 39.99; 1999 suspense 1.25
    // 1950 clearing = the deposit, 991.66
    expect(agg.totalsByAccount).toEqual({
      3010: '-1279.50', 3020: '20.00', 3030: '-12.99', 2610: '0.00', 6110: '189.53', 6120: '10.56',
      3090: '9.50', 1960: '30.00', 6130: '39.99', 1999: '1.25', 1950: '991.66',
    });
    expect(agg).toMatchObject({ status: 'post', difference: '0.00', totalAmount: '991.66', currency: 'USD' });
  });

  it('books the DE settlement (two marketplaces, comma decimals) with hand-computed totals', () => {
    const agg = aggregateSettlement(parseSettlementReport(fixture('de-settlement-v2.tsv'), { locale: 'de_DE' }), fixtureMapping);
    // 3010: 1.234,56 (DE) + 95,00 (FR, own AIT2) = 1.329,56 credited
    // 3020 refund: 49,90 + 9,48 tax = 59,38 debited; 3030: 4,99; 2610: 234,57 credited
    // 6110: 185,18 + 14,25 − 7,49 + 1,50 = 193,44; 6120: 3,05; 3090: 10,00
    // 1960: 200,00 − 150,00 = 50,00; 6130: 39,00; 1999: 2,10; clearing: 1.212,15
    expect(agg.totalsByAccount).toEqual({
      3010: '-1329.56', 3020: '59.38', 3030: '-4.99', 2610: '-234.57', 6110: '193.44', 6120: '3.05',
      3090: '10.00', 1960: '50.00', 6130: '39.00', 1999: '2.10', 1950: '1212.15',
    });
    expect(agg.status).toBe('post');
    const fr = agg.lines.find((l) => l.marketplace === 'Amazon.fr' && l.account === '3010');
    expect(fr).toMatchObject({ amount: '-95.00', dimensions: { AIT2: 'FR' }, source: 'rule', rule: 1 });
  });

  it('books an unknown combination on the suspense account and raises an alert naming it', () => {
    const agg = aggregateSettlement(parseSettlementReport(fixture('de-settlement-v2.tsv')), fixtureMapping);
    expect(agg.unmapped).toEqual([{
      transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'Lagergebühr-Neu',
      marketplace: 'Amazon.de', currency: 'EUR', amount: '-2.10',
    }]);
    expect(agg.lines.find((l) => l.source === 'suspense')).toMatchObject({ account: '1999', amount: '2.10' });
    expect(agg.alerts).toEqual([expect.objectContaining({ code: 'UNMAPPED_SETTLEMENT_LINES', message: expect.stringContaining('Lagergebühr-Neu') })]);
  });

  it('balances the batch to zero including the clearing line', () => {
    const agg = aggregateSettlement(parseSettlementReport(fixture('us-settlement-v2.tsv')), fixtureMapping);
    const cents = agg.lines.reduce((s, l) => s + Math.round(Number(l.amount) * 100), 0);
    expect(cents).toBe(0);
    expect(agg.lines.at(-1)).toMatchObject({ account: '1950', source: 'clearing', amount: '991.66' });
  });

  it('parks with the difference when the lines do not sum to the deposit to the cent', () => {
    const text = fixture('us-settlement-v2.tsv').replace('\t991.66\t', '\t991.67\t');
    const agg = aggregateSettlement(parseSettlementReport(text), fixtureMapping);
    expect(agg).toMatchObject({ status: 'park', reason: 'SETTLEMENT_TOTAL_MISMATCH', difference: '-0.01' });
    expect(agg.alerts.map((a) => a.code)).toContain('SETTLEMENT_TOTAL_MISMATCH');
  });

  it('uses the first matching rule when several match', () => {
    // Refund/ItemPrice/Principal matches both rule 0 (refunds) and rule 2 (sales): the refund rule comes first.
    const agg = aggregateSettlement(parseSettlementReport(fixture('us-settlement-v2.tsv')), fixtureMapping);
    expect(agg.lines.find((l) => l.text.startsWith('Refund/ItemPrice/Principal'))).toMatchObject({ account: '3020', rule: 0 });
  });
});
