import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { VirtualClock } from '../../../../local/host/durable';
import { startHarness, type Harness } from './engine-harness';

let replays = 0;
const effects = new Map<string, number>();
let gateOpen = false;
let openGate: () => void = () => undefined;
const gate = new Promise<void>((resolve) => {
  openGate = () => {
    gateOpen = true;
    resolve();
  };
});
let started = 0;

df.app.activity('stepA', { handler: async () => 'a' });
df.app.activity('stepB', { handler: async () => 'b' });
df.app.orchestration('shifty', function* (context: OrchestrationContext) {
  replays++;
  // Deliberately non-deterministic: the replay yields another activity at the same sequence id.
  yield context.df.callActivity(replays === 1 ? 'stepA' : 'stepB');
  return 'never';
});

df.app.activity('postToM3', {
  handler: async (orderId: string) => {
    started++;
    if (!gateOpen) await gate;
    effects.set(orderId, (effects.get(orderId) ?? 0) + 1);
    return `posted ${orderId}`;
  },
});
df.app.orchestration('postOrder', function* (context: OrchestrationContext) {
  const orderId = context.df.getInput<string>();
  const posted: string = yield context.df.callActivity('postToM3', orderId);
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 3600_000));
  return posted;
});
df.app.orchestration('napThenPost', function* (context: OrchestrationContext) {
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 1800_000));
  const posted: string = yield context.df.callActivity('postToM3', context.df.getInput<string>());
  return posted;
});

df.app.activity('measure', { handler: async (text: string) => ({ length: text.length, echo: text }) });
df.app.orchestration('bigPayload', function* (context: OrchestrationContext) {
  const result: { length: number; echo: string } = yield context.df.callActivity('measure', context.df.getInput<string>());
  return result;
});

async function waitUntil(predicate: () => boolean): Promise<void> {
  // Polls real progress of in-process work (no fixed sleep).
  while (!predicate()) await new Promise((resolve) => setImmediate(resolve));
}

describe('durability of the local engine', () => {
  it('fails an orchestrator whose replay schedules a different activity with a non-determinism error naming both', async () => {
    const h = await startHarness();
    try {
      const id = await h.client.startNew('shifty');
      await h.engine.whenIdle();
      const status = await h.client.getStatus(id);
      expect(status.runtimeStatus).toBe('Failed');
      expect(String(status.output)).toMatch(/Non-deterministic workflow detected/);
      expect(String(status.output)).toContain("'stepA'");
      expect(String(status.output)).toContain("'stepB'");
    } finally {
      await h.engine.stop();
    }
  });

  it('carries inputs and outputs larger than a table property (64 KB) through history and status', async () => {
    const h = await startHarness();
    try {
      const big = 'x'.repeat(150_000);
      const id = await h.client.startNew('bigPayload', { input: big });
      await h.engine.whenIdle();
      const status = await h.client.getStatus(id);
      expect(status.runtimeStatus).toBe('Completed');
      expect(status.output).toEqual({ length: 150_000, echo: big });
      expect(status.input).toBe(big);
    } finally {
      await h.engine.stop();
    }
  });

  it('resumes every instance after the engine is killed mid-run, each activity taking effect at least once', async () => {
    const clock = new VirtualClock(new Date('2025-06-01T00:00:00Z'));
    const a: Harness = await startHarness({ clock });
    const orders = ['O-1', 'O-2', 'O-3'];
    for (const o of orders) await a.client.startNew('postOrder', { instanceId: `post-${o}`, input: o });
    await a.client.startNew('napThenPost', { instanceId: 'nap-1', input: 'N-1' });
    await a.client.signalEntity(new df.EntityId('ledger', 'main'), 'noop');
    await waitUntil(() => started >= orders.length);
    await a.engine.abandon(); // like SIGKILL: A writes nothing more

    const b: Harness = await startHarness({ clock, taskHub: a.taskHub });
    try {
      openGate(); // A's in-flight activities finish too, but their results are lost with A
      await b.engine.whenIdle();
      await clock.advance(3600_000);
      await b.engine.whenIdle();
      for (const o of orders) {
        const status = await b.client.getStatus(`post-${o}`);
        expect(status.runtimeStatus).toBe('Completed');
        expect(status.output).toBe(`posted ${o}`);
        expect(effects.get(o)).toBeGreaterThanOrEqual(1);
      }
      const nap = await b.client.getStatus('nap-1');
      expect(nap.runtimeStatus).toBe('Completed');
      expect(effects.get('N-1')).toBeGreaterThanOrEqual(1);
    } finally {
      await b.engine.stop();
    }
  });
});
