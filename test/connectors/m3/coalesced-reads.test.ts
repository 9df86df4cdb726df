/** Read-only MI calls asked for together go to M3 as one bulk request per program; each caller gets its own answer. */
import { coalescedReads, type BulkCall, type BulkOutcome, type BulkReader } from '../../../connectors/m3';
import { PermanentError, TransientError } from '../../../core/errors';

/** M3 as far as bulk reads go: item numbers it knows, and optionally a bulk that stops at its first failure. */
function fakeM3(known: string[], opts: { stopAtFailure?: boolean; down?: boolean } = {}): BulkReader & { requests: Array<{ program: string; calls: BulkCall[] }> } {
  const requests: Array<{ program: string; calls: BulkCall[] }> = [];
  return {
    requests,
    execute: async () => { throw new Error('single calls are not expected'); },
    executeBulk: async (program, calls) => {
      requests.push({ program, calls });
      if (opts.down) throw new TransientError('M3 is not answering', { code: 'M3_UNAVAILABLE', system: 'm3' });
      let stopped = false;
      return calls.map((call): BulkOutcome => {
        if (stopped) return { ok: false, transaction: call.transaction, error: new TransientError('not processed', { code: 'NOT_PROCESSED', system: 'm3' }) };
        const itno = call.params.ITNO ?? '';
        if (known.includes(itno)) return { ok: true, transaction: call.transaction, records: [{ ITNO: itno }] };
        stopped = opts.stopAtFailure === true;
        return { ok: false, transaction: call.transaction, error: new PermanentError(`Item ${itno} does not exist`, { code: 'ITNO', system: 'm3' }) };
      });
    },
  };
}

const read = (m3: ReturnType<typeof coalescedReads>, itno: string) => m3.execute('MMS200MI', 'GetItmBasic', { ITNO: itno });

describe('coalesced MI reads', () => {
  it('sends reads asked for together as one bulk request per program, and answers each caller with its own records', async () => {
    const m3 = fakeM3(['A', 'B', 'C']);
    const reads = coalescedReads(m3);
    const answers = await Promise.all(['A', 'B', 'C'].map((itno) => read(reads, itno)));
    expect(answers).toEqual([[{ ITNO: 'A' }], [{ ITNO: 'B' }], [{ ITNO: 'C' }]]);
    expect(m3.requests).toHaveLength(1);
    expect(m3.requests[0]!.calls.map((c) => c.params.ITNO)).toEqual(['A', 'B', 'C']);
  });

  it('gives a caller whose own transaction failed that error, and the others their records', async () => {
    const reads = coalescedReads(fakeM3(['A', 'C']));
    const [a, b, c] = await Promise.allSettled(['A', 'B', 'C'].map((itno) => read(reads, itno)));
    expect(a).toEqual({ status: 'fulfilled', value: [{ ITNO: 'A' }] });
    expect(b.status === 'rejected' && b.reason instanceof PermanentError && b.reason.message).toBe('Item B does not exist');
    expect(c).toEqual({ status: 'fulfilled', value: [{ ITNO: 'C' }] });
  });

  it('sends again what M3 did not process because the bulk stopped at an earlier failure', async () => {
    const m3 = fakeM3(['A', 'C'], { stopAtFailure: true });
    const reads = coalescedReads(m3);
    const [a, b, c] = await Promise.allSettled(['A', 'B', 'C'].map((itno) => read(reads, itno)));
    expect(a.status).toBe('fulfilled');
    expect(b.status).toBe('rejected');
    expect(c).toEqual({ status: 'fulfilled', value: [{ ITNO: 'C' }] });
    expect(m3.requests.map((r) => r.calls.map((call) => call.params.ITNO))).toEqual([['A', 'B', 'C'], ['C']]);
  });

  it('fails every waiting read with the request\'s error when M3 does not answer', async () => {
    const reads = coalescedReads(fakeM3([], { down: true }));
    const outcomes = await Promise.allSettled(['A', 'B'].map((itno) => read(reads, itno)));
    expect(outcomes.every((o) => o.status === 'rejected' && o.reason instanceof TransientError)).toBe(true);
  });
});
