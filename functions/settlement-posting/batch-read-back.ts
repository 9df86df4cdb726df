/**
 * Reads a GLS840 batch (by KEY1) or an ARS040 payment batch (by PBID) back from M3 before anything is posted again, so
 * whether a batch exists and how far it got is decided by M3's data, never by the wording of an error message.
 * GLS840MI and ARS040MI have no Get transaction: the queries (EXPORTMI.Select) come from the mappings (readBack).
 */
import { PermanentError } from '../../core/errors';
import type { SettlementMapping } from '../../core/settlement';
import type { MiRecord } from './settlement-ports';

export interface M3Executor { execute(program: string, transaction: string, params: Record<string, string>): Promise<MiRecord[]> }

export interface GlBatchState { status: string; posted: boolean; lines: number }
export interface PaymentBatchState { status: string; controlled: boolean; updated: boolean; lines: number; charges: number }

const SEPARATOR = ';';

async function selectOne(m3: M3Executor, query: string, what: string): Promise<string[] | undefined> {
  let rows: MiRecord[];
  try {
    rows = await m3.execute('EXPORTMI', 'Select', { QERY: query, SEPC: SEPARATOR });
  } catch (error) {
    if (!(error instanceof PermanentError)) throw error;
    throw new PermanentError(`M3 refused to read the ${what} back (${error.message}); check the readBack query in the mappings`, { code: 'READ_BACK_REFUSED', system: 'm3' });
  }
  if (rows.length > 1) throw new PermanentError(`M3 has ${rows.length} ${what} rows for one key; check the readBack query in the mappings`, { code: 'READ_BACK_AMBIGUOUS', system: 'm3' });
  const repl = rows[0]?.REPL;
  return repl === undefined ? undefined : repl.split(SEPARATOR).map((v) => v.trim());
}

function count(value: string | undefined, what: string): number {
  if (value === undefined || !/^\d+$/.test(value)) throw new PermanentError(`the ${what} read back from M3 is not a count; check the readBack query in the mappings`, { code: 'READ_BACK_UNREADABLE', system: 'm3' });
  return Number(value);
}

function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}

/** Undefined when M3 has no batch under this key. */
export async function readGlBatch(m3: M3Executor, mapping: SettlementMapping, key1: string): Promise<GlBatchState | undefined> {
  const row = await selectOne(m3, fill(mapping.readBack.glBatch, { KEY1: key1, CONO: mapping.gl.company }), 'GLS840 batch');
  if (row === undefined) return undefined;
  const status = row[0] ?? '';
  return { status, posted: status === mapping.readBack.glPostedStatus, lines: count(row[1], 'GLS840 line count') };
}

/** Undefined when M3 has no payment batch with this id. ARS040 status 8/9 = accounts receivable (being) updated. */
export async function readPaymentBatch(m3: M3Executor, mapping: SettlementMapping, pbid: string): Promise<PaymentBatchState | undefined> {
  const row = await selectOne(m3, fill(mapping.readBack.paymentBatch, { PBID: pbid, CONO: mapping.gl.company }), 'ARS040 payment batch');
  if (row === undefined) return undefined;
  const status = row[0] ?? '';
  return {
    status, controlled: row[1] === '1', updated: status === '8' || status === '9',
    lines: count(row[2], 'payment line count'), charges: count(row[3], 'payment charge count'),
  };
}
