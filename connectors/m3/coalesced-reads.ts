/**
 * Read-only MI transactions asked for at the same moment go to M3 together: one bulk request per program (docs/m3-facts.md,
 * Bulk calls) instead of one round trip each. At the start of a sale-day burst every order asks which M3 item each of
 * its SKUs is, at once; coalesced, the first orders' look-ups cost a few requests instead of two per SKU.
 * Reads of one program asked for within a few milliseconds of each other share a request.
 *
 * Only for reads (Get/Lst transactions): a call M3 did not process because the bulk stopped at an earlier failure is
 * simply sent again with the next batch. Each caller gets exactly what `execute` would have given it: its records, or
 * the error of its own transaction (or of the whole request, when that fails).
 */
import { TransientError } from '../../core/errors';
import type { BulkCall, BulkOutcome, MiExecutor } from './m3-client';
import type { MiRecord } from './mi-response';

export interface BulkReader extends MiExecutor {
  executeBulk(program: string, calls: BulkCall[]): Promise<BulkOutcome[]>;
}

/** M3 answers large bulk requests slowly and all-or-nothing on a timeout: keep each one modest. */
const MAX_CALLS_PER_REQUEST = 100;
/** How long reads gather before they go: orders of a burst ask within milliseconds of each other; a lone read waits this long. */
const GATHER_MS = 10;

interface Waiting {
  call: BulkCall;
  resolve: (records: MiRecord[]) => void;
  reject: (error: unknown) => void;
}

export function coalescedReads(m3: BulkReader): MiExecutor {
  const queues = new Map<string, Waiting[]>();
  const flush = async (program: string): Promise<void> => {
    const waiting = queues.get(program) ?? [];
    queues.delete(program);
    let pending = waiting;
    while (pending.length > 0) {
      const chunk = pending.slice(0, MAX_CALLS_PER_REQUEST);
      let outcomes: BulkOutcome[];
      try {
        outcomes = await m3.executeBulk(program, chunk.map((w) => w.call));
      } catch (error) {
        for (const w of pending) w.reject(error);
        return;
      }
      const again: Waiting[] = [];
      chunk.forEach((w, i) => {
        const outcome = outcomes[i];
        if (!outcome) w.reject(new TransientError(`M3 answered ${outcomes.length} results for ${chunk.length} reads`, { code: 'BULK_MISMATCH', system: 'm3', details: { program } }));
        else if (outcome.ok) w.resolve(outcome.records);
        // The request stopped at an earlier failure (answered to its own caller): this read goes again.
        else if (outcome.error.code === 'NOT_PROCESSED' && i > 0) again.push(w);
        else w.reject(outcome.error);
      });
      pending = [...again, ...pending.slice(chunk.length)];
    }
  };
  return {
    execute(program, transaction, params, opts = {}) {
      return new Promise<MiRecord[]>((resolve, reject) => {
        let queue = queues.get(program);
        if (!queue) {
          queue = [];
          queues.set(program, queue);
          setTimeout(() => { void flush(program); }, GATHER_MS);
        }
        queue.push({ call: { transaction, params, ...(opts.returncols?.length ? { returncols: opts.returncols } : {}) }, resolve, reject });
      });
    },
  };
}
