/** Typed values inside BODs: OAGIS decimals (quantities), ISO-8601 date-times and Infor variation IDs, each failing with the element path. */
import { BodError } from './bod-error';

/** xsd:decimal lexical form (OAGIS QuantityType/MeasureType are decimals): no exponent, no thousands separators. */
const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;

/** Above this a quantity is certainly a data error, and beyond 2^53 it would lose digits as a JSON number. */
export const MAX_QUANTITY = 1e12;

function invalid(path: string, message: string): BodError {
  return new BodError('INVALID_VALUE', `${path}: ${message}`, { path });
}


export function parseQuantity(text: string, path: string, opts: { allowNegative?: boolean } = {}): number {
  if (!DECIMAL.test(text)) throw invalid(path, 'the value is not a decimal number');
  const value = Number(text);
  if (!Number.isFinite(value) || Math.abs(value) > MAX_QUANTITY) throw invalid(path, `the value is out of range (at most ${MAX_QUANTITY})`);
  if (value < 0 && !opts.allowNegative) throw invalid(path, 'the value must not be negative');
  return value === 0 ? 0 : value;
}

const ISO_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/;

/**
 * Normalises an ISO-8601 date or date-time to UTC `YYYY-MM-DDTHH:mm:ss.sssZ`. M3 writes `2025-09-24T09:33:09.770Z` and
 * sometimes a bare date (docs/m3-facts.md, BOD envelope; a value without an offset is taken as UTC, never as the host's zone.
 */
export function parseDateTime(text: string, path: string): string {
  const m = ISO_DATE_TIME.exec(text);
  if (!m) throw invalid(path, 'the value is not an ISO-8601 date-time');
  const [, y, mo, d, h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
  const ms = Number(`0.${frac || '0'}`) * 1000;
  const local = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), Math.floor(ms));
  const check = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (check.getUTCMonth() !== Number(mo) - 1 || check.getUTCDate() !== Number(d) || Number(h) > 24 || Number(mi) > 59 || Number(s) > 60) {
    throw invalid(path, 'the value is not a valid calendar date-time');
  }
  let offsetMinutes = 0;
  if (zone !== 'Z') {
    const digits = zone.slice(1).replace(':', '');
    const hours = Number(digits.slice(0, 2));
    const minutes = Number(digits.slice(2) || '0');
    // Real UTC offsets run from -12:00 to +14:00; anything else (e.g. -99:99) is a broken value, refused here at the
    // door rather than turned into a date no later step can trust.
    if (hours > 14 || minutes > 59 || hours * 60 + minutes > 14 * 60) throw invalid(path, 'the UTC offset is not a valid offset (-12:00 to +14:00)');
    offsetMinutes = (hours * 60 + minutes) * (zone[0] === '-' ? -1 : 1);
  }
  return new Date(local - offsetMinutes * 60_000).toISOString();
}

/** Infor `@variationID`: how many times this noun instance was published; a non-negative integer. */
export function parseVariation(text: string, path: string): number {
  if (!/^\+?\d{1,15}$/.test(text)) throw invalid(path, 'the value is not a variation number (non-negative integer)');
  return Number(text);
}
