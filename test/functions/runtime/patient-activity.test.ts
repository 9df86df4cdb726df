/**
 * Outage patience: an activity whose retry policy is exhausted (M3 down for its maintenance window) does not fail the
 * orchestration; it waits on durable timers and tries again, and lets the failure through only after its last round.
 * Driven by the real durable-functions library on the local engine, on virtual time.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { VirtualClock } from '../../../local/host/durable';
import { OUTAGE_PATIENCE_ACTIVITY, callActivityPatiently, pauseAfterRound, type Patience } from '../../../functions/runtime/patient-activity';
import { startHarness, type Harness } from '../../local/host/durable/engine-harness';

let outageUntil = 0;
let calls = 0;
let clock: VirtualClock;

df.app.activity('patience-m3-write', {
  handler: async () => {
    calls++;
    if (clock.now().getTime() < outageUntil) throw new Error('M3 OIS100MI.AddBatchHead: HTTP 503');
    return 'written';
  },
});

let bugCalls = 0;
df.app.activity('patience-bug', {
  handler: async () => {
    bugCalls++;
    const missing = undefined as unknown as { ORNO: string };
    return missing.ORNO; // a TypeError: it fails the same way tomorrow
  },
});

const RETRY = new df.RetryOptions(60_000, 3);
const PATIENCE: Patience = { rounds: 3, firstPauseMs: 15 * 60_000, maxPauseMs: 60 * 60_000 };

df.app.orchestration('patience-order', function* (context: OrchestrationContext) {
  return yield* callActivityPatiently(context, 'patience-m3-write', RETRY, {}, PATIENCE);
});

df.app.orchestration('patience-deployment-order', function* (context: OrchestrationContext) {
  return yield* callActivityPatiently(context, 'patience-m3-write', RETRY, {});
});

df.app.orchestration('patience-bug-order', function* (context: OrchestrationContext) {
  return yield* callActivityPatiently(context, 'patience-bug', RETRY, {}, PATIENCE);
});

describe('an orchestration waiting out an outage', () => {
  let h: Harness;
  clock = new VirtualClock(new Date('2026-05-01T08:00:00Z'));

  beforeAll(async () => { h = await startHarness({ clock }); });
  afterAll(async () => { await h.engine.stop(); });
  beforeEach(() => { calls = 0; });

  async function advance(ms: number, step = 60_000): Promise<void> {
    for (let done = 0; done < ms; done += step) {
      await clock.advance(step);
      await h.engine.whenIdle();
    }
  }

  it('pauses 15 minutes, then 30, capped at the maximum', () => {
    expect([1, 2, 3, 4].map((round) => pauseAfterRound(round, PATIENCE) / 60_000)).toEqual([15, 30, 60, 60]);
  });

  it('says it is retrying in its custom status and succeeds once the outage is over', async () => {
    outageUntil = clock.now().getTime() + 10 * 60_000;
    const id = await h.client.startNew('patience-order');
    await h.engine.whenIdle();
    await advance(3 * 60_000); // the retry policy's three attempts fail inside the outage
    const stalled = await h.client.getStatus(id);
    expect(stalled.runtimeStatus).toBe('Running');
    expect(stalled.customStatus).toMatchObject({ outcome: 'retrying', reason: 'TRANSIENT_FAILURES', activity: 'patience-m3-write', round: 1 });
    expect((stalled.customStatus as { message: string }).message).toBe('M3 OIS100MI.AddBatchHead: HTTP 503');
    await advance(20 * 60_000);
    const done = await h.client.getStatus(id);
    expect(done.runtimeStatus).toBe('Completed');
    expect(done.output).toBe('written');
    expect(done.customStatus).toMatchObject({ outcome: 'running', recoveredAfterRounds: 1 });
    expect(calls).toBe(4);
  });

  it('fails after its last round when the outage outlasts its patience', async () => {
    outageUntil = clock.now().getTime() + 24 * 60 * 60_000;
    const id = await h.client.startNew('patience-order');
    await h.engine.whenIdle();
    await advance(3 * 60 * 60_000, 5 * 60_000);
    const failed = await h.client.getStatus(id);
    expect(failed.runtimeStatus).toBe('Failed');
    expect(calls).toBe(9); // three rounds of three attempts
  });

  it("takes the deployment's OUTAGE_RETRY_ROUNDS from an activity at the first outage, so a changed setting does not change a replay", async () => {
    const saved = process.env.OUTAGE_RETRY_ROUNDS;
    try {
      process.env.OUTAGE_RETRY_ROUNDS = '2';
      outageUntil = clock.now().getTime() + 24 * 60 * 60_000;
      const id = await h.client.startNew('patience-deployment-order');
      await h.engine.whenIdle();
      await advance(3 * 60_000); // the first round fails: the patience is asked for once, then the instance pauses
      expect((await h.client.getStatus(id)).customStatus).toMatchObject({ outcome: 'retrying', round: 1 });
      process.env.OUTAGE_RETRY_ROUNDS = '50'; // every later replay runs with this in the environment
      await advance(30 * 60_000);
      const failed = await h.client.getStatus(id, { showHistory: true });
      expect(failed.runtimeStatus).toBe('Failed');
      expect(calls).toBe(6); // two rounds of three attempts, as the recorded answer said
      const asked = (failed.history ?? []).filter((e) => (e as { FunctionName?: string }).FunctionName === OUTAGE_PATIENCE_ACTIVITY);
      expect(asked).toHaveLength(1);
    } finally {
      if (saved === undefined) delete process.env.OUTAGE_RETRY_ROUNDS;
      else process.env.OUTAGE_RETRY_ROUNDS = saved;
    }
  });

  it('does not wait a day on a programming error: it fails after the retry policy', async () => {
    bugCalls = 0;
    const id = await h.client.startNew('patience-bug-order');
    await h.engine.whenIdle();
    await advance(5 * 60_000);
    const failed = await h.client.getStatus(id);
    expect(failed.runtimeStatus).toBe('Failed');
    expect(bugCalls).toBe(3);
  });
});
