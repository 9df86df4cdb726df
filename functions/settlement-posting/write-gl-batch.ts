/**
 * Sends a GLS840MI posting plan to M3 so that a settlement is booked at most once. Before writing, the batch is read
 * back by its key (KEY1, unique per settlement): absent → post it whole; updated → done before; present but not
 * updated → an earlier attempt of ours stopped midway, so continue after the lines M3 already holds (line numbers are
 * deterministic). A batch under our key that this app never claimed is someone else's: refuse.
 */
import { PermanentError } from '../../core/errors';
import type { GlPostingPlan, SettlementMapping } from '../../core/settlement';
import { readGlBatch, type M3Executor } from './batch-read-back';

export type GlWriteResult =
  | { kind: 'posted' | 'checked' | 'exists' }
  | { kind: 'rejected'; reason: string; message: string };

export async function writeGlBatch(plan: GlPostingPlan, m3: M3Executor, mapping: SettlementMapping, options: { resume: boolean }): Promise<GlWriteResult> {
  const state = await readGlBatch(m3, mapping, plan.key1);
  if (state !== undefined && !options.resume) {
    return {
      kind: 'rejected', reason: 'M3_BATCH_EXISTS',
      message: `GLS840 already has a batch ${plan.key1} (status ${state.status}) that this app did not record; check it in GLS840 before re-driving`,
    };
  }
  if (state?.posted === true) return { kind: 'exists' };
  let calls = plan.calls;
  if (state !== undefined) {
    // Our own batch, stopped midway: M3 holds the head and the first `state.lines` lines.
    const lines = calls.filter((c) => c.transaction === 'AddBatchLine' || c.transaction === 'AddBatchLineFld');
    const done = new Set([calls.find((c) => c.transaction === 'AddBatchHead'), ...lines.slice(0, state.lines)]);
    calls = calls.filter((c) => !done.has(c));
  }
  for (const call of calls) {
    try {
      await m3.execute(call.program, call.transaction, call.params);
    } catch (error) {
      if (!(error instanceof PermanentError)) throw error;
      const rejected = call.transaction === 'CtrlBatch' || call.transaction === 'UpdBatch' ? 'M3_BATCH_ERRORS' : 'M3_REJECTED';
      return {
        kind: 'rejected', reason: rejected,
        message: `M3 refused ${call.program}.${call.transaction} for batch ${plan.key1}: ${error.message}. Fix the cause, delete the batch in GLS840, then re-drive`,
      };
    }
  }
  return { kind: plan.calls.some((c) => c.transaction === 'UpdBatch') ? 'posted' : 'checked' };
}
