/**
 * Timer schedules as the Functions timer trigger reads them: NCRONTAB with six fields, seconds first
 * (`{second} {minute} {hour} {day} {month} {day-of-week}`), in UTC unless WEBSITE_TIME_ZONE says otherwise (not supported
 * locally); or a TimeSpan `hh:mm:ss` interval (https://learn.microsoft.com/azure/azure-functions/functions-bindings-timer#ncrontab-expressions).
 */

export interface Schedule {
  /** The first occurrence strictly after `after`. */
  next(after: Date): Date;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

interface Field { min: number; max: number; names?: string[]; nameBase?: number }
const FIELDS: Field[] = [
  { min: 0, max: 59 }, { min: 0, max: 59 }, { min: 0, max: 23 }, { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS, nameBase: 1 }, { min: 0, max: 6, names: DAYS, nameBase: 0 },
];

function parseValue(text: string, field: Field, expression: string): number {
  const lower = text.toLowerCase();
  const named = field.names?.findIndex((n) => lower.startsWith(n) && lower.length >= 3) ?? -1;
  const value = named >= 0 ? named + (field.nameBase ?? 0) : /^\d+$/.test(text) ? Number(text) : NaN;
  // Day-of-week 7 is Sunday in most crons; accept it.
  const normalised = field.max === 6 && value === 7 ? 0 : value;
  if (!Number.isInteger(normalised) || normalised < field.min || normalised > field.max) throw new Error(`schedule "${expression}": "${text}" is out of range ${field.min}-${field.max}`);
  return normalised;
}

function parseField(text: string, field: Field, expression: string): Set<number> {
  const values = new Set<number>();
  for (const part of text.split(',')) {
    const [range, stepText] = part.split('/');
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`schedule "${expression}": bad step in "${part}"`);
    let from: number;
    let to: number;
    if (range === '*') { from = field.min; to = field.max; }
    else if (range.includes('-')) { const [a, b] = range.split('-'); from = parseValue(a, field, expression); to = parseValue(b, field, expression); }
    else { from = parseValue(range, field, expression); to = stepText === undefined ? from : field.max; }
    if (to < from) throw new Error(`schedule "${expression}": empty range "${part}"`);
    for (let v = from; v <= to; v += step) values.add(v);
  }
  return values;
}

export function parseSchedule(expression: string): Schedule {
  const trimmed = expression.trim();
  const span = /^(?:(\d+)\.)?(\d{1,2}):(\d{2}):(\d{2})$/.exec(trimmed);
  if (span) {
    const ms = ((Number(span[1] ?? 0) * 24 + Number(span[2])) * 3600 + Number(span[3]) * 60 + Number(span[4])) * 1000;
    if (ms <= 0) throw new Error(`schedule "${expression}": the interval must be positive`);
    return { next: (after) => new Date(after.getTime() + ms) };
  }
  const parts = trimmed.split(/\s+/);
  if (parts.length !== 6) throw new Error(`schedule "${expression}": NCRONTAB needs six fields (second minute hour day month day-of-week)`);
  const [seconds, minutes, hours, days, months, weekdays] = parts.map((p, i) => parseField(p, FIELDS[i], expression));
  return {
    next(after: Date): Date {
      const t = new Date(Math.floor(after.getTime() / 1000) * 1000 + 1000);
      // Advance the coarsest mismatching field first; a few thousand steps cover any valid expression within years.
      for (let guard = 0; guard < 100_000; guard++) {
        if (!months.has(t.getUTCMonth() + 1)) { t.setUTCMonth(t.getUTCMonth() + 1, 1); t.setUTCHours(0, 0, 0, 0); continue; }
        if (!days.has(t.getUTCDate()) || !weekdays.has(t.getUTCDay())) { t.setUTCDate(t.getUTCDate() + 1); t.setUTCHours(0, 0, 0, 0); continue; }
        if (!hours.has(t.getUTCHours())) { t.setUTCHours(t.getUTCHours() + 1, 0, 0, 0); continue; }
        if (!minutes.has(t.getUTCMinutes())) { t.setUTCMinutes(t.getUTCMinutes() + 1, 0, 0); continue; }
        if (!seconds.has(t.getUTCSeconds())) { t.setUTCSeconds(t.getUTCSeconds() + 1, 0); continue; }
        return t;
      }
      throw new Error(`schedule "${expression}" has no occurrence`);
    },
  };
}
