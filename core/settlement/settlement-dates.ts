// Dates of the settlement flat file in the forms Amazon writes them: ISO with " UTC", DD.MM.YYYY (EU), MM/DD/YY (US).
export interface DateReading {
  /** "YYYY-MM-DD" for a date alone, "YYYY-MM-DDTHH:MM:SSZ" (UTC) when a time is given. */
  iso: string;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;
const DOTTED = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;
const SLASHED = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;
/** Year first with slashes (Japan: 2026/01/15). */
const YEAR_SLASHED = /^(\d{4})\/(\d{1,2})\/(\d{1,2})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(UTC|GMT|Z|[+-]\d{2}:?\d{2})?$/i;

function fullYear(y: string): number {
  return y.length === 2 ? 2000 + Number(y) : Number(y);
}

function offsetMinutes(zone: string | undefined): number {
  if (zone === undefined || /^(UTC|GMT|Z)$/i.test(zone)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (m === null) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3]));
}

function build(year: number, month: number, day: number, time: [string?, string?, string?], zone?: string): string | undefined {
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (month < 1 || month > 12 || probe.getUTCDate() !== day || probe.getUTCMonth() !== month - 1) return undefined;
  const [hh, mm, ss] = time;
  if (hh === undefined) return probe.toISOString().slice(0, 10);
  const h = Number(hh);
  const mi = Number(mm ?? '0');
  const s = Number(ss ?? '0');
  if (h > 23 || mi > 59 || s > 59) return undefined;
  const utc = Date.UTC(year, month - 1, day, h, mi, s) - offsetMinutes(zone) * 60000;
  return new Date(utc).toISOString().replace('.000Z', 'Z');
}

/**
 * Reads one settlement date. Slashed dates are month-first unless `dayFirst` (US files write MM/DD/YY;
 * docs/amazon-facts.md, Settlement reports), and a first number above 12 forces day-first. Undefined when the text is no valid date.
 */
export function parseSettlementDate(raw: string, opts: { dayFirst?: boolean } = {}): string | undefined {
  const text = raw.trim();
  let m = ISO.exec(text);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5], m[6]], m[7]);
  m = YEAR_SLASHED.exec(text);
  if (m !== null) return build(Number(m[1]), Number(m[2]), Number(m[3]), [m[4], m[5], m[6]], m[7]);
  m = DOTTED.exec(text);
  if (m !== null) return build(fullYear(m[3]), Number(m[2]), Number(m[1]), [m[4], m[5], m[6]], m[7]);
  m = SLASHED.exec(text);
  if (m !== null) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const dayFirst = a > 12 ? true : b > 12 ? false : opts.dayFirst === true;
    return build(fullYear(m[3]), dayFirst ? b : a, dayFirst ? a : b, [m[4], m[5], m[6]], m[7]);
  }
  return undefined;
}

/**
 * How a marketplace locale writes a slashed date: month first in the United States (and Canada, whose Seller Central
 * is the North American one), year first in Japan, day first everywhere else (UK, FR, IT, ES, NL, MX, BR, IN, AU, …).
 * The summary dates and posted-date-time are ISO 8601 in every locale; only posted-date follows the locale.
 */
export function slashedDateOrder(locale: string | undefined): 'month-first' | 'day-first' | 'year-first' {
  const l = (locale ?? '').replace('-', '_').toLowerCase();
  if (l === 'en_us' || l === 'en' || l === 'en_ca') return 'month-first';
  if (l.startsWith('ja')) return 'year-first';
  return 'day-first';
}
