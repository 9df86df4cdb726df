import fs from 'node:fs';
import path from 'node:path';
import { parseSettlementReport } from '../../../core/settlement/settlement-report';
import { PermanentError } from '../../../core/errors';

const fixture = (name: string) => fs.readFileSync(path.resolve(__dirname, '../../fixtures/settlements', name), 'utf8');
const HEADER = 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\tamount-type\tamount-description\tamount';

describe('parseSettlementReport', () => {
  it('reads the US summary row and detail rows with dot decimals and thousands commas', () => {
    const r = parseSettlementReport(fixture('us-settlement-v2.tsv'));
    expect(r).toMatchObject({
      settlementId: '11774473571', currency: 'USD', totalAmount: '991.66', decimalSeparator: '.',
      startDate: '2024-03-01T08:00:00Z', endDate: '2024-03-15T08:00:00Z', depositDate: '2024-03-17T08:00:00Z',
    });
    expect(r.lines).toHaveLength(18);
    expect(r.lines[0]).toEqual({
      row: 3, transactionType: 'Order', amountType: 'ItemPrice', amountDescription: 'Principal', amount: '1234.5',
      currency: 'USD', marketplaceName: 'Amazon.com', orderId: '111-0000001-0000001', sku: 'SKU-A', postedDate: '2024-03-05T14:02:11Z',
    });
    expect(r.lines[2].postedDate).toBe('2024-03-05'); // MM/DD/YYYY when posted-date-time is empty
    expect(r.lines[10].amount).toBe('-4.5');
  });

  it('reads the DE file with comma decimals, dotted thousands and DD.MM.YYYY dates', () => {
    const r = parseSettlementReport(fixture('de-settlement-v2.tsv'), { locale: 'de_DE' });
    expect(r).toMatchObject({ settlementId: '12345678901', currency: 'EUR', totalAmount: '1212.15', decimalSeparator: ',', depositDate: '2024-03-17T08:00:00Z' });
    expect(r.lines.map((l) => l.amount).slice(0, 3)).toEqual(['1234.56', '234.57', '4.99']);
    expect(r.lines[0].postedDate).toBe('2024-03-05');
    expect(r.lines[15].amountDescription).toBe('Lagergebühr-Neu');
  });

  it('infers comma decimals from the amounts when no locale is given', () => {
    expect(parseSettlementReport(fixture('de-settlement-v2.tsv')).totalAmount).toBe('1212.15');
  });

  it('tolerates unknown columns in any position', () => {
    const text = `extra-col\t${HEADER}\n\t1\t\t\t\t10.00\tUSD\t\t\t\t\nx\t1\t\t\t\t\t\tOrder\tItemPrice\tPrincipal\t10.00\n`;
    expect(parseSettlementReport(text).lines[0]).toMatchObject({ amount: '10', amountDescription: 'Principal' });
  });

  it('names the row and column of an unreadable amount', () => {
    const text = `${HEADER}\n1\t\t\t\t10.00\tUSD\t\t\t\t\n1\t\t\t\t\t\tOrder\tItemPrice\tPrincipal\t12.3.4\n`;
    expect(() => parseSettlementReport(text)).toThrow(PermanentError);
    expect(() => parseSettlementReport(text)).toThrow(/row 3, column amount: "12\.3\.4"/);
  });

  it('names the row and column of an unreadable date', () => {
    const text = `${HEADER}\n1\t2024-13-45\t\t\t10.00\tUSD\t\t\t\t\n`;
    expect(() => parseSettlementReport(text)).toThrow(/row 2, column settlement-start-date: "2024-13-45" is not a date/);
  });

  it('names missing required columns', () => {
    expect(() => parseSettlementReport('settlement-id\ttotal-amount\n1\t2\n')).toThrow(/missing column\(s\) currency, transaction-type, amount-type, amount-description, amount/);
  });

  it('refuses a summary row without a settlement id', () => {
    expect(() => parseSettlementReport(`${HEADER}\n\t\t\t\t10.00\tUSD\t\t\t\t\n`)).toThrow(/row 2, column settlement-id: empty/);
  });

  it('refuses to guess when an amount like "1.234" reads differently per locale', () => {
    const text = `${HEADER}\n1\t\t\t\t1.234\tEUR\t\t\t\t\n`;
    expect(() => parseSettlementReport(text)).toThrow(/ambiguous without a locale/);
    expect(parseSettlementReport(text, { locale: 'de_DE' }).totalAmount).toBe('1234');
    expect(parseSettlementReport(text, { locale: 'en_US' }).totalAmount).toBe('1.234');
  });

  it('reads slashed dates day-first for non-US locales and when the first number exceeds 12', () => {
    const text = `${HEADER}\n1\t02/03/2024\t25/03/2024\t\t10.00\tGBP\t\t\t\t\n`;
    expect(parseSettlementReport(text, { locale: 'en_GB' })).toMatchObject({ startDate: '2024-03-02', endDate: '2024-03-25' });
    expect(parseSettlementReport(text)).toMatchObject({ startDate: '2024-02-03', endDate: '2024-03-25' });
  });

  it('refuses an empty file', () => {
    expect(() => parseSettlementReport('')).toThrow(/empty/);
  });
});
