/** GLS840MI generic GL interface (docs/m3-facts.md, GL interface (GLS840MI)): batch head, positioned (type 1) or field (type 2) lines, CtrlBatch balance check, UpdBatch posting. */
import Decimal from 'decimal.js';
import type { Fields, Journal, SimData } from '../m3-sim-state';
import type { GlTemplate } from '../gl-templates';
import { decimalText, notFound, type MiHandlers } from '../mi-handler';
import { isValidYmd8 } from '../mi-input-validation';
import { MiNok } from '../mi-nok';

function journal(data: SimData, key1: string): Journal {
  const found = data.journals[key1];
  if (!found) throw notFound('Batch', 'KEY1', key1);
  return found;
}

function openJournal(data: SimData, key1: string): Journal {
  const found = journal(data, key1);
  if (found.status === 'posted') throw new MiNok(`Batch ${key1} is already updated`, { code: 'STATUS', field: 'KEY1' });
  return found;
}

function template(templates: Map<string, GlTemplate>, intn: string): GlTemplate {
  const found = templates.get(intn);
  if (!found) throw notFound('Interface name', 'INTN', intn);
  return found;
}

/** Amounts may use `,` as decimal separator (public XtendM3 usage, docs/m3-facts.md, Field lengths and formats) and a leading or trailing sign. */
function parseAmount(raw: string, field: string): string {
  const text = raw.trim().replace(',', '.');
  const m = /^([+-]?)(\d+(?:\.\d+)?)([+-]?)$/.exec(text);
  if (!m || (m[1] && m[3])) throw new MiNok(`${field} amount ${JSON.stringify(raw.trim())} is not a number`, { code: 'NOT_NUMERIC', field });
  return decimalText(new Decimal(m[2]).times(m[1] === '-' || m[3] === '-' ? -1 : 1));
}

/** Cuts a usage-type-1 PARM into fields by the template's from/to positions (1-based, inclusive). */
function parsePositioned(tpl: GlTemplate, parm: string): Fields {
  const chars = [...parm];
  const last = Math.max(...tpl.positions.map((p) => p.to));
  if (chars.length > last && chars.slice(last).join('').trim() !== '') {
    throw new MiNok(`PARM has data after position ${last}, where template ${tpl.INTN} ends`, { code: 'LAYOUT', field: 'PARM' });
  }
  const fields: Fields = {};
  for (const p of tpl.positions) {
    const value = chars.slice(p.from - 1, p.to).join('').trim();
    const where = `${p.name} (positions ${p.from}-${p.to})`;
    if (p.kind === 'recordId' && value !== 'I1') throw new MiNok(`${where} must be record id I1, got ${JSON.stringify(value)}`, { code: 'LAYOUT', field: 'PARM' });
    if (p.kind === 'date' && value !== '' && !isValidYmd8(value)) throw new MiNok(`${where} must be a date yyyyMMdd, got ${JSON.stringify(value)}`, { code: 'LAYOUT', field: 'PARM' });
    fields[p.name] = p.kind === 'amount' ? (value === '' ? '0' : parseAmount(value, `PARM ${where}`)) : value;
  }
  return fields;
}

function lineProblems(fields: Fields, line: string): string[] {
  const problems: string[] = [];
  if (!fields.AIT1) problems.push(`line ${line}: account (AIT1) is blank`);
  if (!/^[A-Z]{3}$/.test(fields.CUCD ?? '')) problems.push(`line ${line}: currency (CUCD) ${JSON.stringify(fields.CUCD ?? '')} is not a currency code`);
  if (!fields.ACDT) problems.push(`line ${line}: accounting date (ACDT) is blank`);
  return problems;
}

/** Option 6 'check' in GLS840: every line valid and the batch balancing to zero per currency. */
function check(j: Journal): string[] {
  const problems = j.lines.flatMap((l) => lineProblems(l.fields, l.LINE));
  if (j.lines.length === 0) problems.push('the batch has no lines');
  const totals = new Map<string, Decimal>();
  for (const l of j.lines) {
    const signed = new Decimal(l.fields.CUAM || '0').times(l.fields.DBCR === 'C' ? -1 : 1);
    totals.set(l.fields.CUCD, (totals.get(l.fields.CUCD) ?? new Decimal(0)).plus(signed));
  }
  for (const [cucd, total] of totals) if (!total.isZero()) problems.push(`the batch does not balance in ${cucd}: ${decimalText(total)}`);
  return problems;
}

function addLine(j: Journal, line: string, fields: Fields, parm?: string): void {
  const number = String(Number(line));
  if (j.lines.some((l) => l.LINE === number)) throw new MiNok(`Line ${number} already exists in batch ${j.KEY1}`, { code: 'EXISTS', field: 'LINE' });
  j.lines.push({ LINE: number, fields, ...(parm === undefined ? {} : { PARM: parm }) });
  j.lines.sort((a, b) => Number(a.LINE) - Number(b.LINE));
  j.status = 'open';
}

export const gls840miHandlers: MiHandlers = {
  AddBatchHead({ params }, { data, glTemplates }) {
    template(glTemplates, params.INTN);
    // KEY1 identifies the batch; a second head with the same key is refused, which makes it an idempotency key.
    if (data.journals[params.KEY1]) throw new MiNok(`Batch ${params.KEY1} already exists`, { code: 'EXISTS', field: 'KEY1' });
    data.journals[params.KEY1] = { KEY1: params.KEY1, INTN: params.INTN, DESC: params.DESC, DIVI: params.DIVI ?? '', CONO: params.CONO, status: 'open', errors: [], lines: [] };
    return [{ CONO: params.CONO }];
  },

  AddBatchLine({ params }, { data, glTemplates }) {
    const j = openJournal(data, params.KEY1);
    const tpl = template(glTemplates, j.INTN);
    if (tpl.usageType !== 1) throw new MiNok(`Interface ${j.INTN} is field-based (usage type 2); use AddBatchLineFld`, { code: 'USAGE_TYPE', field: 'PARM' });
    addLine(j, params.LINE, parsePositioned(tpl, params.PARM), params.PARM);
    return [{ CONO: params.CONO }];
  },

  AddBatchLineFld({ params }, { data, glTemplates }) {
    const j = openJournal(data, params.KEY1);
    const tpl = template(glTemplates, j.INTN);
    if (tpl.usageType !== 2) throw new MiNok(`Interface ${j.INTN} is position-based (usage type 1); use AddBatchLine`, { code: 'USAGE_TYPE', field: 'KEY1' });
    if (params.INRI !== 'I1') throw new MiNok(`Input record identity ${params.INRI} is not defined in ${j.INTN}`, { code: 'LAYOUT', field: 'INRI' });
    const { KEY1: _key, LINE: line, DIVI: _divi, ...fields } = params;
    if (fields.CUAM !== undefined) fields.CUAM = parseAmount(fields.CUAM, 'CUAM');
    addLine(j, line, fields);
    return [];
  },

  CtrlBatch({ params }, { data }) {
    const j = openJournal(data, params.KEY1);
    j.errors = check(j);
    j.status = j.errors.length ? 'error' : 'checked';
    if (j.errors.length) throw new MiNok(`Batch ${j.KEY1}: ${j.errors.join('; ')}`.slice(0, 240), { code: 'UNBALANCED', field: 'KEY1' });
    return [{ CONO: params.CONO }];
  },

  UpdBatch({ params }, { data }) {
    const j = openJournal(data, params.KEY1);
    j.errors = check(j);
    if (j.errors.length) {
      j.status = 'error';
      throw new MiNok(`Batch ${j.KEY1}: ${j.errors.join('; ')}`.slice(0, 240), { code: 'UNBALANCED', field: 'KEY1' });
    }
    j.status = 'posted';
    return [{ CONO: params.CONO }];
  },
};
