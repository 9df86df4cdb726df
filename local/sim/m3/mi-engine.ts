/** Runs one MI transaction the way M3's REST v2 layer does: repository checks, the handler, output columns, maxrecs/returncols/excludeempty. */
import { findTransactionSpec, isKnownProgram } from './mi-catalog';
import { validateInput } from './mi-input-validation';
import type { MiHandlers, SimContext } from './mi-handler';
import { MiNok } from './mi-nok';
import type { Fields } from './m3-sim-state';

export interface MiOptions {
  cono: string;
  divi: string;
  /** 0 = unlimited (docs/m3-facts.md, MI REST v2). */
  maxrecs: number;
  returncols?: string[];
  excludeempty: boolean;
}

export type MiResult =
  | { ok: true; transaction: string; records: Fields[] }
  | { ok: false; transaction: string; notFound: boolean; errorMessage: string; errorCode: string; errorField: string; errorType: string; notProcessed?: boolean };

/** M3's default when the caller sets no maxrecs (Infor's odin SDK uses 100 as well, docs/m3-facts.md, MI REST v2). */
export const DEFAULT_MAXRECS = 100;

function nok(transaction: string, error: MiNok, notFound = false): MiResult {
  return { ok: false, transaction, notFound, errorMessage: error.message, errorCode: error.code, errorField: error.field, errorType: 'ServerReturnedNOK' };
}

export function runTransaction(
  registry: Record<string, MiHandlers>,
  ctx: SimContext,
  program: string,
  transaction: string,
  given: Map<string, string[]>,
  opts: MiOptions,
): MiResult {
  const spec = findTransactionSpec(program, transaction);
  const handler = registry[program]?.[transaction];
  if (!isKnownProgram(program) || !registry[program]) return nok(transaction, new MiNok(`Program ${program} does not exist`, { code: 'PROGRAM_NOT_FOUND' }), true);
  if (!spec || !handler) return nok(transaction, new MiNok(`Transaction ${transaction} does not exist in ${program}`, { code: 'TRANSACTION_NOT_FOUND' }), true);
  let records: Fields[];
  try {
    const params = validateInput(spec, given);
    records = handler({ program, transaction, params, cono: opts.cono, divi: opts.divi }, ctx);
  } catch (error) {
    if (error instanceof MiNok) return nok(transaction, error);
    throw error;
  }
  const limited = opts.maxrecs > 0 ? records.slice(0, opts.maxrecs) : records;
  const columns = opts.returncols?.length ? spec.outputs.filter((c) => opts.returncols!.includes(c)) : spec.outputs;
  return {
    ok: true,
    transaction,
    records: limited.map((record) => {
      const out: Fields = {};
      for (const column of columns) {
        const value = record[column] ?? '';
        if (opts.excludeempty && value === '') continue;
        out[column] = value;
      }
      return out;
    }),
  };
}

/** The v2 BulkResponse (docs/m3-facts.md, MI REST v2), including Infor's spelling `nrOfSuccessfullTransactions`. */
export function v2Body(results: Array<MiResult & { parameters?: Fields }>, extra: { wasTerminated?: boolean; terminationReason?: string } = {}): Record<string, unknown> {
  return {
    results: results.map((r) => r.ok
      ? { transaction: r.transaction, parameters: r.parameters ?? {}, errorMessage: '', errorCode: '', errorCfg: '', errorField: '', errorType: '', notProcessed: false, records: r.records }
      : { transaction: r.transaction, parameters: r.parameters ?? {}, errorMessage: r.errorMessage, errorCode: r.errorCode, errorCfg: '', errorField: r.errorField, errorType: r.errorType, notProcessed: r.notProcessed === true, records: [] }),
    wasTerminated: extra.wasTerminated ?? false,
    terminationReason: extra.terminationReason ?? '',
    terminationErrorType: extra.wasTerminated ? 'ServerReturnedNOK' : '',
    nrOfSuccessfullTransactions: results.filter((r) => r.ok).length,
    nrOfNotProcessedTransactions: results.filter((r) => !r.ok && r.notProcessed).length,
    nrOfFailedTransactions: results.filter((r) => !r.ok && !r.notProcessed).length,
    bulkJobId: '',
  };
}
