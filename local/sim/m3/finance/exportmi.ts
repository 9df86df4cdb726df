/**
 * EXPORTMI.Select over the two finance tables the app reads back before it posts again: the GLS840 batch heads (FGLINH)
 * and the ARS040 payment batch heads. QERY is `<columns> from <table> where <column> = <value> [and …]`; each row
 * comes back as one REPL string joined by SEPC. Only those tables exist here; real column names are tenant-checked
 * (the app takes its queries from the mappings), the sandbox answers the names below.
 */
import type { Fields, SimData } from '../m3-sim-state';
import type { MiHandlers } from '../mi-handler';
import { MiNok } from '../mi-nok';
import { financeOf } from './finance-state';

/** GLS840 batch status as the sandbox reports it: 10 open, 15 errors found by the check, 20 checked, 90 updated. */
const GL_STATUS: Record<string, string> = { open: '10', error: '15', checked: '20', posted: '90' };

function glRows(data: SimData): Fields[] {
  return Object.values(data.journals).map((j) => ({ CONO: j.CONO, DIVI: j.DIVI, KEY1: j.KEY1, INTN: j.INTN, STAT: GL_STATUS[j.status] ?? '10', NLIN: String(j.lines.length) }));
}

function paymentRows(data: SimData): Fields[] {
  return Object.values(financeOf(data).payments).map((b) => ({
    CONO: b.head.CONO ?? '', DIVI: b.head.DIVI ?? '', PBID: b.PBID, BOPE: b.BOPE, BPYS: b.BPYS, CTRL: b.controlled ? '1' : '0',
    NLIN: String(b.lines.length), NCHG: String(b.charges.length),
  }));
}

const TABLES: Record<string, (data: SimData) => Fields[]> = { FGLINH: glRows, ARS040H: paymentRows };

const QUERY = /^\s*([A-Z0-9, ]+?)\s+from\s+([A-Z0-9]+)(?:\s+where\s+(.+?))?\s*$/i;
const CONDITION = /^\s*([A-Z0-9]+)\s*=\s*(?:'([^']*)'|(\S+))\s*$/i;

export const exportmiHandlers: MiHandlers = {
  Select({ params }, { data }) {
  const m = QUERY.exec(params.QERY);
  if (!m) throw new MiNok('QERY must read "<columns> from <table> where <column> = <value>"', { code: 'INVALID_QUERY', field: 'QERY' });
  const rowsOf = TABLES[m[2].toUpperCase()];
  if (!rowsOf) throw new MiNok(`Table ${m[2]} is not available for export`, { code: 'NOT_FOUND', field: 'QERY' });
  const columns = m[1].split(',').map((c) => c.trim().toUpperCase()).filter(Boolean);
  const conditions = (m[3] ?? '').split(/\s+and\s+/i).filter((c) => c.trim() !== '').map((c) => {
    const cm = CONDITION.exec(c);
    if (!cm) throw new MiNok(`Condition ${JSON.stringify(c.trim().slice(0, 40))} is not "<column> = <value>"`, { code: 'INVALID_QUERY', field: 'QERY' });
    return [cm[1].toUpperCase(), cm[2] ?? cm[3]] as const;
  });
  const rows = rowsOf(data);
  for (const c of columns) if (rows.length > 0 && !(c in rows[0])) throw new MiNok(`Column ${c} does not exist in ${m[2]}`, { code: 'NOT_FOUND', field: 'QERY' });
  const separator = params.SEPC || ';';
  return rows
    .filter((r) => conditions.every(([column, value]) => (r[column] ?? '') === value || (/^\d+$/.test(value) && Number(r[column]) === Number(value))))
    .map((r) => ({ REPL: columns.map((c) => r[c] ?? '').join(separator) }));
  },
};
