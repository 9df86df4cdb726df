/**
 * Sends a GLS840MI posting plan to M3 so that a settlement is booked at most once. KEY1 (unique per settlement) and the
 * line numbers are deterministic, and M3 refuses a second head or line with the same key (research/bods/M3_GL_AND_DELIVERY.md
 * §2.2), so after a crash the same plan is replayed and those refusals mean "done before": a crash after AddBatchHead
 * continues with the lines, a crash after UpdBatch finds the batch already updated.
 */
import { PermanentError } from '../../core/errors';
import type { GlPostingPlan } from '../../core/settlement';
import type { SettlementPorts } from './settlement-ports';

export type GlWriteResult =
  | { kind: 'posted' | 'checked' | 'exists' }
  | { kind: 'rejected'; reason: string; message: string };

// M3 words these NOKs "… already exists" / "… is already updated"; the simulator adds the codes EXISTS / STATUS.
const ALREADY_EXISTS = /already exists/i;
const ALREADY_UPDATED = /already (updated|posted)/i;

function isAlreadyExists(error: PermanentError): boolean {
  return error.code === 'EXISTS' || ALREADY_EXISTS.test(error.message);
}

function isAlreadyUpdated(error: PermanentError): boolean {
  return ALREADY_UPDATED.test(error.message);
}

/**
 * `resume` is true when this settlement was claimed before (a retry after a crash, or a second report of the same
 * settlement): then existing heads and lines are ours. On a first claim an existing batch is someone else's: refuse.
 */
export async function writeGlBatch(plan: GlPostingPlan, gl: SettlementPorts['gl'], options: { resume: boolean }): Promise<GlWriteResult> {
  for (const call of plan.calls) {
    try {
      await gl.execute(call.program, call.transaction, call.params);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      if (options.resume && isAlreadyUpdated(error)) return { kind: 'exists' };
      if (options.resume && call.transaction !== 'CtrlBatch' && call.transaction !== 'UpdBatch' && isAlreadyExists(error)) continue;
      if (!options.resume && call.transaction === 'AddBatchHead' && isAlreadyExists(error)) {
        return {
          kind: 'rejected', reason: 'M3_BATCH_EXISTS',
          message: `GLS840 already has a batch ${plan.key1} that this app did not record; check it in GLS840 before re-driving (${error.message})`,
        };
      }
      const rejected = call.transaction === 'CtrlBatch' || call.transaction === 'UpdBatch' ? 'M3_BATCH_ERRORS' : 'M3_REJECTED';
      return {
        kind: 'rejected', reason: rejected,
        message: `M3 refused ${call.program}.${call.transaction} for batch ${plan.key1}: ${error.message}. Fix the cause, delete the batch in GLS840, then re-drive`,
      };
    }
  }
  return { kind: plan.calls.some((c) => c.transaction === 'UpdBatch') ? 'posted' : 'checked' };
}
