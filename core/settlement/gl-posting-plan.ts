// Turns a settlement aggregate into the GLS840MI calls that post it as one M3 GL batch (docs/m3-facts.md, GL interface (GLS840MI)).
import Decimal from 'decimal.js';
import { PermanentError } from '../errors';
import { buildParm, type ParmValues } from './gl-parm';
import type { GlLine, SettlementAggregate } from './settlement-aggregate';
import type { SettlementMapping } from './settlement-mapping';

export interface MiCall {
  program: 'GLS840MI';
  transaction: 'AddBatchHead' | 'AddBatchLine' | 'AddBatchLineFld' | 'CtrlBatch' | 'UpdBatch';
  params: Record<string, string>;
}

export interface GlPostingPlan {
  settlementId: string;
  /** GLS840 batch key (KEY1, 15): unique per settlement, so it doubles as the idempotency key. */
  key1: string;
  action: 'post' | 'park';
  reason?: string;
  calls: MiCall[];
  issues: { code: string; message: string }[];
}

export interface PlanGlPostingOptions {
  settlementId?: string;
  /** Overrides the batch description (DESC, 40). */
  description?: string;
  /** Overrides the accounting date (ISO date); else the mapping's choice of deposit or end date. */
  accountingDate?: string;
}

/**
 * KEY1 from the settlement id: "AMZ" + id when it fits the 15 characters, else the id itself, else a numeric id
 * in base 36 (with "AMZ" when that fits; still deterministic and unique). Amazon settlement ids are numeric, about 11 digits.
 */
export function batchKeyForSettlement(settlementId: string): string {
  if (`AMZ${settlementId}`.length <= 15) return `AMZ${settlementId}`;
  if (settlementId.length <= 15) return settlementId;
  if (/^\d+$/.test(settlementId)) {
    const short = BigInt(settlementId).toString(36).toUpperCase();
    if (`AMZ${short}`.length <= 15) return `AMZ${short}`;
    if (short.length <= 15) return short;
  }
  throw new PermanentError(`settlement id ${settlementId} cannot be made into a 15-character GLS840 batch key`, { code: 'SETTLEMENT_KEY_TOO_LONG', system: 'm3' });
}

/** ISO date/time → M3 MI date YYYYMMDD (dateformat YMD8, docs/m3-facts.md, MI REST v2. */
function m3Date(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (m === null) throw new PermanentError(`"${iso}" is not an ISO date`, { code: 'INVALID_ACCOUNTING_DATE', system: 'm3' });
  return `${m[1]}${m[2]}${m[3]}`;
}

function signed(line: GlLine, mapping: SettlementMapping): { amount: string; dbcr?: 'D' | 'C' } {
  const debitPositive = new Decimal(line.amount);
  switch (mapping.gl.sign) {
    case 'debit-positive': return { amount: debitPositive.toFixed(2) };
    case 'credit-positive': return { amount: debitPositive.negated().toFixed(2) };
    case 'dbcr': return { amount: debitPositive.abs().toFixed(2), dbcr: debitPositive.isNegative() ? 'C' : 'D' };
  }
}

const DIMENSION_KEYS = ['AIT2', 'AIT3', 'AIT4', 'AIT5', 'AIT6', 'AIT7'] as const;

/**
 * AddBatchHead → AddBatchLine (PARM per the GLS850 layout) or AddBatchLineFld per GL line → CtrlBatch →
 * UpdBatch (when autoUpdate). A parked aggregate yields no calls: an unbalanced batch is never sent.
 */
export function planGlPosting(aggregate: SettlementAggregate, mapping: SettlementMapping, options: PlanGlPostingOptions = {}): GlPostingPlan {
  const settlementId = options.settlementId ?? aggregate.settlementId;
  const key1 = batchKeyForSettlement(settlementId);
  const issues = aggregate.alerts.map((a) => ({ code: a.code, message: a.message }));
  if (aggregate.status === 'park') {
    return { settlementId, key1, action: 'park', reason: aggregate.reason ?? 'SETTLEMENT_NOT_POSTABLE', calls: [], issues };
  }
  const gl = mapping.gl;
  const dateSource = options.accountingDate
    ?? (gl.accountingDate === 'deposit-date' ? aggregate.depositDate ?? aggregate.endDate : aggregate.endDate ?? aggregate.depositDate);
  if (dateSource === undefined) {
    return { settlementId, key1, action: 'park', reason: 'NO_ACCOUNTING_DATE', calls: [], issues: [...issues, { code: 'NO_ACCOUNTING_DATE', message: `settlement ${settlementId} has neither deposit-date nor settlement-end-date` }] };
  }
  const acdt = m3Date(dateSource);
  const company = { CONO: gl.company };
  const division: Record<string, string> = gl.division === undefined ? {} : { DIVI: gl.division };
  // DESC is 40 characters: "Amazon <id> <start>-<end>" fits with compact M3-style dates.
  const period = aggregate.startDate !== undefined && aggregate.endDate !== undefined
    ? ` ${m3Date(aggregate.startDate)}-${m3Date(aggregate.endDate)}` : '';
  const description = [...(options.description ?? `Amazon ${settlementId}${period}`)].slice(0, 40).join('');

  const calls: MiCall[] = [{
    program: 'GLS840MI', transaction: 'AddBatchHead',
    params: { ...company, ...division, KEY1: key1, INTN: gl.interfaceName, DESC: description },
  }];
  aggregate.lines.forEach((line, i) => {
    const { amount, dbcr } = signed(line, mapping);
    const fields: ParmValues = {
      INRI: gl.recordIdentity, AIT1: line.account, CUCD: line.currency, ACDT: acdt, VTXT: line.text,
      CUAM: gl.parmDecimalSeparator === ',' ? amount.replace('.', ',') : amount,
    };
    if (gl.division !== undefined) fields.DIVI = gl.division;
    if (dbcr !== undefined) fields.DBCR = dbcr;
    for (const k of DIMENSION_KEYS) {
      const v = line.dimensions[k];
      if (v !== undefined) fields[k] = v;
    }
    const LINE = String(i + 1);
    if (gl.lineMode === 'position') {
      calls.push({ program: 'GLS840MI', transaction: 'AddBatchLine', params: { ...company, ...division, KEY1: key1, LINE, PARM: buildParm(gl.parmLayout, fields) } });
    } else {
      // AddBatchLineFld takes no CONO (2020 Swagger); MI REST amounts use '.' whatever the PARM convention.
      const params: Record<string, string> = { ...division, KEY1: key1, LINE, INRI: gl.recordIdentity, AIT1: line.account };
      for (const k of DIMENSION_KEYS) {
        const v = line.dimensions[k];
        if (v !== undefined) params[k] = v;
      }
      Object.assign(params, { CUCD: line.currency, CUAM: amount, ACDT: acdt, VTXT: [...line.text].slice(0, 40).join('') });
      if (dbcr !== undefined) params.DBCR = dbcr;
      calls.push({ program: 'GLS840MI', transaction: 'AddBatchLineFld', params });
    }
  });
  calls.push({ program: 'GLS840MI', transaction: 'CtrlBatch', params: { ...company, ...division, KEY1: key1 } });
  if (gl.autoUpdate) calls.push({ program: 'GLS840MI', transaction: 'UpdBatch', params: { ...company, ...division, KEY1: key1 } });
  return { settlementId, key1, action: 'post', calls, issues };
}
