// Locale-aware amounts of the settlement flat file ("95,00", "1.234,56", "1,234.56", "-12.5"; docs/amazon-facts.md, Settlement reports).
import Decimal from 'decimal.js';

export type DecimalSeparator = '.' | ',';

/** Languages whose number format uses a decimal comma (Amazon writes amounts in the marketplace's local format). */
const COMMA_LANGUAGES = new Set(['de', 'fr', 'it', 'es', 'nl', 'sv', 'pl', 'pt', 'tr', 'da', 'fi', 'nb', 'no', 'cs', 'be']);

/** "de_DE", "de-DE" or "de" → ','; "en_US", "ja_JP" → '.'. */
/** Locales of those languages that still write a decimal point (Mexico). */
const DOT_LOCALES = new Set(['es_mx', 'es_us']);

export function decimalSeparatorForLocale(locale: string): DecimalSeparator {
  if (DOT_LOCALES.has(locale.trim().toLowerCase().replace('-', '_'))) return '.';
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return COMMA_LANGUAGES.has(language) ? ',' : '.';
}

const DOT_FORMAT = /^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$/;
const COMMA_FORMAT = /^[+-]?(?:\d{1,3}(?:\.\d{3})+|\d+)(?:,\d+)?$/;

/** Parses one amount in the given format; undefined when it is not a number in that format. */
export function parseLocalAmount(raw: string, separator: DecimalSeparator): Decimal | undefined {
  // Thousands may be grouped with a (narrow) no-break space or a plain space (fr, sv, pl): "1 234,56".
  const text = raw.trim().replace(/(\d)[ \u00a0\u202f](?=\d{3}(?:\D|$))/g, '$1');
  if (separator === '.') {
    if (!DOT_FORMAT.test(text)) return undefined;
    return new Decimal(text.replace(/,/g, ''));
  }
  if (!COMMA_FORMAT.test(text)) return undefined;
  return new Decimal(text.replace(/\./g, '').replace(',', '.'));
}

/**
 * Guesses the file's decimal separator from its amounts: a separator followed by 1–2 final digits is a decimal
 * separator. Returns undefined when the amounts do not tell (only integers or 3-digit groups) or contradict
 * each other, so the caller can ask for an explicit locale instead of guessing money wrong.
 */
export function inferDecimalSeparator(amounts: Iterable<string>): DecimalSeparator | 'mixed' | undefined {
  let dot = false;
  let comma = false;
  for (const raw of amounts) {
    const text = raw.trim();
    if (/\.\d{1,2}$/.test(text) || /,\d{3}\.\d+$/.test(text)) dot = true;
    if (/,\d{1,2}$/.test(text) || /\.\d{3},\d+$/.test(text)) comma = true;
  }
  if (dot && comma) return 'mixed';
  if (dot) return '.';
  if (comma) return ',';
  return undefined;
}

/** True when an amount reads differently under the two formats (e.g. "1.234"), i.e. the format matters. */
export function isAmbiguousAmount(raw: string): boolean {
  const a = parseLocalAmount(raw, '.');
  const b = parseLocalAmount(raw, ',');
  return a !== undefined && b !== undefined && !a.equals(b);
}
