// Parses Amazon's GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2 (tab-separated; summary row, then detail rows; docs/amazon-facts.md, Settlement reports).
import { parse } from 'csv-parse/sync';
import { PermanentError } from '../errors';
import {
  decimalSeparatorForLocale, inferDecimalSeparator, isAmbiguousAmount, parseLocalAmount, type DecimalSeparator,
} from './settlement-amount';
import { parseSettlementDate, slashedDateOrder } from './settlement-dates';

export interface SettlementLine {
  /** 1-based line number in the file (header = 1), for error messages and audit. */
  row: number;
  transactionType: string;
  amountType: string;
  amountDescription: string;
  /** Exact decimal as text ("-12.50" stays "-12.5"), Amazon's sign: positive = credited to the seller. */
  amount: string;
  currency: string;
  marketplaceName: string;
  orderId?: string;
  /** Amazon's adjustment id of a refund or other adjustment row (column adjustment-id). */
  adjustmentId?: string;
  sku?: string;
  postedDate?: string;
}

export interface SettlementReport {
  settlementId: string;
  startDate?: string;
  endDate?: string;
  depositDate?: string;
  /** The deposit (bank transfer) amount as exact decimal text. */
  totalAmount: string;
  currency: string;
  decimalSeparator: DecimalSeparator;
  lines: SettlementLine[];
}

export interface ParseSettlementOptions {
  /** Marketplace locale of the file ("de_DE", "en_US"): decides the decimal separator and day-first dates. */
  locale?: string;
}

const REQUIRED_COLUMNS = ['settlement-id', 'total-amount', 'currency', 'transaction-type', 'amount-type', 'amount-description', 'amount'] as const;

function invalid(message: string, details: Record<string, string | number> = {}): PermanentError {
  return new PermanentError(`settlement report: ${message}`, { code: 'INVALID_SETTLEMENT_REPORT', system: 'amazon', details });
}

interface RawRecord { record: string[]; info: { lines: number } }

function readRecords(text: string): RawRecord[] {
  try {
    // quote:false — Amazon does not quote fields, and a stray '"' in a description must not swallow rows.
    const out: unknown = parse(text, {
      delimiter: '\t', quote: false, bom: true, relax_column_count: true, skip_empty_lines: true, info: true, trim: false,
    });
    if (!Array.isArray(out)) throw invalid('could not be read as tab-separated text');
    return out.map((r: unknown): RawRecord => {
      if (typeof r !== 'object' || r === null || !('record' in r) || !('info' in r)) throw invalid('unexpected parser output');
      const info = r.info;
      const lines = typeof info === 'object' && info !== null && 'lines' in info ? Number(info.lines) : 0;
      return { record: Array.isArray(r.record) ? r.record.map(String) : [], info: { lines } };
    });
  } catch (e) {
    if (e instanceof PermanentError) throw e;
    throw invalid(`not a tab-separated file (${e instanceof Error ? e.message : String(e)})`);
  }
}

/**
 * Reads the whole flat file. Unknown columns are ignored; a missing required column, a summary row without
 * settlement-id/total-amount or an unreadable amount/date is a PermanentError naming the row and column.
 */
export function parseSettlementReport(text: string, options: ParseSettlementOptions = {}): SettlementReport {
  const records = readRecords(text);
  const header = records[0];
  if (header === undefined) throw invalid('the file is empty');
  const columns = new Map<string, number>();
  header.record.forEach((name, i) => columns.set(name.trim().toLowerCase(), i));
  const missing = REQUIRED_COLUMNS.filter((c) => !columns.has(c));
  if (missing.length > 0) throw invalid(`missing column(s) ${missing.join(', ')} in the header row`, { row: 1 });

  const cell = (r: RawRecord, name: string): string => {
    const i = columns.get(name);
    return i === undefined ? '' : (r.record[i] ?? '').trim();
  };

  const summary = records[1];
  if (summary === undefined) throw invalid('no summary row after the header');
  const settlementId = cell(summary, 'settlement-id');
  const totalRaw = cell(summary, 'total-amount');
  const currency = cell(summary, 'currency');
  if (settlementId === '') throw invalid(`row ${summary.info.lines}, column settlement-id: empty in the summary row`, { row: summary.info.lines });
  if (totalRaw === '') throw invalid(`row ${summary.info.lines}, column total-amount: empty in the summary row`, { row: summary.info.lines });
  if (currency === '') throw invalid(`row ${summary.info.lines}, column currency: empty in the summary row`, { row: summary.info.lines });

  const details = records.slice(2).filter((r) => r.record.some((v) => v.trim() !== ''));
  const separator = chooseSeparator(options.locale, [totalRaw, ...details.map((r) => cell(r, 'amount'))]);
  // Without a locale a slashed date is read month-first unless its first number is above 12 (then day-first).
  const dayFirst = options.locale === undefined ? false : slashedDateOrder(options.locale) === 'day-first';

  const amountAt = (r: RawRecord, column: string): string => {
    const raw = cell(r, column);
    const value = parseLocalAmount(raw, separator);
    if (value === undefined) {
      throw invalid(`row ${r.info.lines}, column ${column}: "${raw}" is not an amount (decimal separator "${separator}")`, { row: r.info.lines, column });
    }
    return value.toString();
  };
  const dateAt = (r: RawRecord, column: string): string | undefined => {
    const raw = cell(r, column);
    if (raw === '') return undefined;
    const iso = parseSettlementDate(raw, { dayFirst });
    if (iso === undefined) throw invalid(`row ${r.info.lines}, column ${column}: "${raw}" is not a date`, { row: r.info.lines, column });
    return iso;
  };

  const report: SettlementReport = {
    settlementId,
    totalAmount: amountAt(summary, 'total-amount'),
    currency,
    decimalSeparator: separator,
    lines: [],
  };
  const startDate = dateAt(summary, 'settlement-start-date');
  const endDate = dateAt(summary, 'settlement-end-date');
  const depositDate = dateAt(summary, 'deposit-date');
  if (startDate !== undefined) report.startDate = startDate;
  if (endDate !== undefined) report.endDate = endDate;
  if (depositDate !== undefined) report.depositDate = depositDate;

  for (const r of details) {
    const id = cell(r, 'settlement-id');
    if (id !== '' && id !== settlementId) {
      throw invalid(`row ${r.info.lines}, column settlement-id: "${id}" differs from the summary's "${settlementId}"`, { row: r.info.lines });
    }
    if (cell(r, 'amount') === '') throw invalid(`row ${r.info.lines}, column amount: empty`, { row: r.info.lines, column: 'amount' });
    const line: SettlementLine = {
      row: r.info.lines,
      transactionType: cell(r, 'transaction-type'),
      amountType: cell(r, 'amount-type'),
      amountDescription: cell(r, 'amount-description'),
      amount: amountAt(r, 'amount'),
      // Detail rows usually leave currency empty: the summary's currency applies.
      currency: cell(r, 'currency') || currency,
      marketplaceName: cell(r, 'marketplace-name'),
    };
    const orderId = cell(r, 'order-id');
    const sku = cell(r, 'sku');
    const adjustmentId = columns.has('adjustment-id') ? cell(r, 'adjustment-id') : '';
    // posted-date-time is unambiguous ISO; prefer it over the locale-styled posted-date (docs/amazon-facts.md, Settlement reports).
    const posted = dateAt(r, columns.has('posted-date-time') && cell(r, 'posted-date-time') !== '' ? 'posted-date-time' : 'posted-date');
    if (orderId !== '') line.orderId = orderId;
    if (adjustmentId !== '') line.adjustmentId = adjustmentId;
    if (sku !== '') line.sku = sku;
    if (posted !== undefined) line.postedDate = posted;
    report.lines.push(line);
  }
  return report;
}

function chooseSeparator(locale: string | undefined, amounts: string[]): DecimalSeparator {
  if (locale !== undefined) return decimalSeparatorForLocale(locale);
  const inferred = inferDecimalSeparator(amounts);
  if (inferred === 'mixed') throw invalid('amounts mix "." and "," decimal separators; pass the marketplace locale');
  if (inferred !== undefined) return inferred;
  // Only integers or 3-digit groups: "." is safe unless some amount would read differently with ",".
  const ambiguous = amounts.find(isAmbiguousAmount);
  if (ambiguous !== undefined) throw invalid(`amount "${ambiguous}" is ambiguous without a locale (thousands or decimals?); pass the marketplace locale`);
  return '.';
}
