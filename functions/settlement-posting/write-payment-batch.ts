/**
 * Loads an ARS040MI payment batch at most once. The batch is read back by its id first: absent → load it whole;
 * controlled with every line and charge, or already updated to AR → done before; present but incomplete → an earlier
 * attempt of ours stopped midway, so continue after what M3 holds (TRNO and charge order are deterministic).
 */
import { PermanentError } from '../../core/errors';
import type { PaymentBatchPlan, SettlementMapping } from '../../core/settlement';
import { readPaymentBatch, type M3Executor } from './batch-read-back';

export type PaymentWriteResult = { kind: 'loaded' | 'exists' } | { kind: 'rejected'; reason: string; message: string };

export async function writePaymentBatch(plan: PaymentBatchPlan, m3: M3Executor, mapping: SettlementMapping, options: { resume: boolean }): Promise<PaymentWriteResult> {
  const state = await readPaymentBatch(m3, mapping, plan.pbid);
  if (state !== undefined && !options.resume) {
    return {
      kind: 'rejected', reason: 'M3_PAYMENT_BATCH_EXISTS',
      message: `ARS040 already has payment batch ${plan.pbid} (status ${state.status}) that this app did not record; check it in ARS040 before re-driving`,
    };
  }
  if (state !== undefined && (state.updated || (state.controlled && state.lines === plan.lines.length && state.charges === plan.charges.length))) {
    return { kind: 'exists' };
  }
  const calls = state === undefined
    ? [plan.head, ...plan.lines, ...plan.charges, plan.control]
    : [...plan.lines.slice(state.lines), ...plan.charges.slice(state.charges), plan.control];
  for (const call of calls) {
    try {
      await m3.execute(call.program, call.transaction, call.params);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      return {
        kind: 'rejected', reason: call.transaction === 'ControlBatch' ? 'M3_PAYMENT_BATCH_ERRORS' : 'M3_REJECTED',
        message: `M3 refused ${call.program}.${call.transaction} for payment batch ${plan.pbid}: ${error.message}. Correct it in ARS040 (or delete the batch there), then re-drive`,
      };
    }
  }
  return { kind: 'loaded' };
}
