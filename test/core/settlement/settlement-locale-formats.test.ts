import { parseSettlementDate, slashedDateOrder } from '../../../core/settlement/settlement-dates';
import { decimalSeparatorForLocale, parseLocalAmount } from '../../../core/settlement/settlement-amount';
import { parseSettlementReport } from '../../../core/settlement';
import { settlementLocale } from '../../../functions/settlement-posting/settlement-locale';

const HEADER = 'settlement-id\tsettlement-start-date\tsettlement-end-date\tdeposit-date\ttotal-amount\tcurrency\ttransaction-type\torder-id\tamount-type\tamount-description\tamount\tposted-date';

function file(total: string, posted: string, amount: string): string {
  return [HEADER, `42\t2026-01-01T00:00:00+00:00\t2026-01-15T00:00:00+00:00\t2026-01-17T00:00:00+00:00\t${total}\tXXX\t\t\t\t\t\t`, `42\t\t\t\t\t\tOrder\t111-1\tItemPrice\tPrincipal\t${amount}\t${posted}`].join('\n');
}

describe('settlement dates and amounts per marketplace locale', () => {
  // posted-date of 3 February 2026 as each marketplace writes it; summary dates are ISO 8601 with an offset everywhere.
  const cases: Array<[string, string, string, string]> = [
    ['ATVPDKIKX0DER', '02/03/2026', '1,234.56', '1234.56'], // US: month first, dot decimals
    ['A2EUQ1WTGCTBG2', '02/03/2026', '1,234.56', '1234.56'], // CA: North American Seller Central, as US
    ['A1AM78C64UM0Y8', '03/02/2026', '1,234.56', '1234.56'], // MX: day first
    ['A2Q3Y263D00KWC', '03/02/2026', '1.234,56', '1234.56'], // BR: day first, comma decimals
    ['A1F83G8C2ARO7P', '03/02/2026', '1,234.56', '1234.56'], // UK
    ['A1PA6795UKMFR9', '03.02.2026', '1.234,56', '1234.56'], // DE: dotted
    ['A13V1IB3VIYZZH', '03/02/2026', '1 234,56', '1234.56'], // FR: space-grouped thousands
    ['APJ6JRA9NG5V4', '03/02/2026', '1.234,56', '1234.56'], // IT
    ['A1RKKUPIHCS9HS', '03/02/2026', '1.234,56', '1234.56'], // ES
    ['A1805IZSGTT6HS', '03/02/2026', '1.234,56', '1234.56'], // NL
    ['A1VC38T7YXB528', '2026/02/03', '1,234', '1234'], // JP: year first, no decimals
  ];

  it.each(cases)('reads %s posted-date %s and amount %s', (marketplaceId, posted, amount, expected) => {
    const locale = settlementLocale(marketplaceId);
    expect(locale).toBeDefined();
    const report = parseSettlementReport(file(amount, posted, amount), { locale });
    expect(report.lines[0].postedDate).toBe('2026-02-03');
    expect(report.lines[0].amount).toBe(expected);
    expect(report.totalAmount).toBe(expected);
    expect(report.depositDate).toBe('2026-01-17T00:00:00Z');
  });

  it('orders slashed dates by locale: month first only in the US and Canada, year first in Japan', () => {
    expect(slashedDateOrder('en_US')).toBe('month-first');
    expect(slashedDateOrder('en_CA')).toBe('month-first');
    expect(slashedDateOrder('ja_JP')).toBe('year-first');
    for (const l of ['en_GB', 'de_DE', 'fr_FR', 'it_IT', 'es_ES', 'es_MX', 'pt_BR', 'nl_NL', 'sv_SE', 'pl_PL', 'tr_TR', 'en_IN', 'en_AU']) expect(slashedDateOrder(l)).toBe('day-first');
  });

  it('reads a year-first slashed date whatever the locale, and the ISO summary dates with their offset', () => {
    expect(parseSettlementDate('2026/02/03 10:00:00 JST')).toBeUndefined();
    expect(parseSettlementDate('2026/02/03 10:00:00 +09:00')).toBe('2026-02-03T01:00:00Z');
    expect(parseSettlementDate('2003-10-03T16:00:00-07:00')).toBe('2003-10-03T23:00:00Z');
  });

  it('uses decimal commas for the continental European and Brazilian locales only', () => {
    expect(['de_DE', 'fr_FR', 'it_IT', 'es_ES', 'nl_NL', 'sv_SE', 'pl_PL', 'tr_TR', 'pt_BR'].map(decimalSeparatorForLocale)).toEqual(Array(9).fill(','));
    expect(['en_US', 'en_CA', 'es_MX', 'en_GB', 'ja_JP', 'en_IN', 'en_AU'].map(decimalSeparatorForLocale)).toEqual(Array(7).fill('.'));
    expect(parseLocalAmount('-1 234,50', ',')?.toString()).toBe('-1234.5');
  });
});
