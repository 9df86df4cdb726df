import * as df from 'durable-functions';
import type { OrchestrationContext } from 'durable-functions';
import { VirtualClock } from '../../../../local/host/durable';
import { startHarness, type Harness } from './engine-harness';

const calls: string[] = [];
let flakyFailuresLeft = 0;

df.app.activity('greet', { handler: async (name: string) => { calls.push(`greet:${name}`); return `Hello ${name}`; } });
df.app.activity('double', { handler: async (n: number) => n * 2 });
df.app.activity('flaky', {
  handler: async () => {
    calls.push('flaky');
    if (flakyFailuresLeft > 0) {
      flakyFailuresLeft--;
      throw new Error('M3 not available');
    }
    return 'ok';
  },
});

df.app.orchestration('chain', function* (context: OrchestrationContext) {
  const a: string = yield context.df.callActivity('greet', 'Tokyo');
  const b: string = yield context.df.callActivity('greet', 'Seattle');
  return [a, b];
});

df.app.orchestration('fanOut', function* (context: OrchestrationContext) {
  const input = context.df.getInput<number[]>();
  const results: number[] = yield context.df.Task.all(input.map((n) => context.df.callActivity('double', n)));
  return results.reduce((sum, n) => sum + n, 0);
});

df.app.orchestration('retrying', function* (context: OrchestrationContext) {
  const options = new df.RetryOptions(60_000, 4);
  options.backoffCoefficient = 2;
  const started = context.df.currentUtcDateTime.getTime();
  const result: string = yield context.df.callActivityWithRetry('flaky', options, undefined);
  return { result, waitedMs: context.df.currentUtcDateTime.getTime() - started };
});

df.app.orchestration('sixHours', function* (context: OrchestrationContext) {
  const fireAt = new Date(context.df.currentUtcDateTime.getTime() + 6 * 3600_000);
  yield context.df.createTimer(fireAt);
  return 'woke';
});

df.app.orchestration('approval', function* (context: OrchestrationContext) {
  context.df.setCustomStatus({ stage: 'waiting' });
  const decision: { approved: boolean } = yield context.df.waitForExternalEvent('Approval');
  context.df.setCustomStatus({ stage: 'decided' });
  return decision.approved;
});

df.app.orchestration('child', function* (context: OrchestrationContext) {
  const n = context.df.getInput<number>();
  const doubled: number = yield context.df.callActivity('double', n);
  return doubled;
});

df.app.orchestration('parent', function* (context: OrchestrationContext) {
  const a: number = yield context.df.callSubOrchestrator('child', 5, `${context.df.instanceId}-child`);
  const b: number = yield context.df.callSubOrchestrator('child', 7);
  return a + b;
});

df.app.orchestration('counterLoop', function* (context: OrchestrationContext) {
  const n = context.df.getInput<number>();
  if (n >= 3) return `done at ${n}`;
  yield context.df.callActivity('double', n);
  context.df.continueAsNew(n + 1);
  return undefined;
});

df.app.orchestration('failing', function* (context: OrchestrationContext) {
  yield context.df.callActivity('greet', 'x');
  throw new Error('order 123 cannot be planned');
});

describe('the local durable engine replaying durable-functions orchestrations', () => {
  const clock = new VirtualClock(new Date('2025-03-01T08:00:00Z'));
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => {
    if (process.env.DURABLE_DEBUG) console.log(JSON.stringify(h.logs.filter((l) => l.event !== 'functionLog'), null, 0));
    await h.engine.stop();
  });
  beforeEach(() => {
    calls.length = 0;
  });

  it('runs an activity chain to completion, each activity once despite replays', async () => {
    const id = await h.client.startNew('chain', { instanceId: 'chain-1' });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual(['Hello Tokyo', 'Hello Seattle']);
    expect(calls).toEqual(['greet:Tokyo', 'greet:Seattle']);
  });

  it('fans out and fans in', async () => {
    const id = await h.client.startNew('fanOut', { input: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe(110);
  });

  it('retries a failing activity with backoff on virtual time until it succeeds', async () => {
    flakyFailuresLeft = 2;
    const id = await h.client.startNew('retrying');
    await h.engine.whenIdle();
    expect(calls).toEqual(['flaky']);
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Running');
    await clock.advance(60_000);
    await h.engine.whenIdle();
    expect(calls).toEqual(['flaky', 'flaky']);
    await clock.advance(60_000); // second backoff is 2 minutes: not yet
    await h.engine.whenIdle();
    expect(calls).toEqual(['flaky', 'flaky']);
    await clock.advance(60_000);
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id, { showHistory: true });
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toEqual({ result: 'ok', waitedMs: 180_000 });
    expect(calls).toEqual(['flaky', 'flaky', 'flaky']);
    const types = (status.history as Array<{ EventType: string }>).map((e) => e.EventType);
    expect(types.filter((t) => t === 'TaskFailed')).toHaveLength(2);
    expect(types.filter((t) => t === 'TimerFired')).toHaveLength(2);
  });

  it('completes a 6-hour timer when virtual time passes it', async () => {
    const id = await h.client.startNew('sixHours');
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Running');
    await clock.advance(6 * 3600_000 - 1);
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Running');
    await clock.advance(1);
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe('woke');
  });

  it('delivers an external event and shows the custom status', async () => {
    const id = await h.client.startNew('approval');
    await h.engine.whenIdle();
    const waiting = await h.client.getStatus(id);
    expect(waiting.runtimeStatus).toBe('Running');
    expect(waiting.customStatus).toEqual({ stage: 'waiting' });
    await h.client.raiseEvent(id, 'Approval', { approved: true });
    await h.engine.whenIdle();
    const done = await h.client.getStatus(id);
    expect(done.runtimeStatus).toBe('Completed');
    expect(done.output).toBe(true);
    expect(done.customStatus).toEqual({ stage: 'decided' });
  });

  it('buffers an external event raised before the orchestrator waits for it', async () => {
    const id = await h.client.startNew('approval', { instanceId: 'early-event' });
    // Raised before the first episode has necessarily run: the engine keeps it until the orchestrator asks.
    await h.client.raiseEvent(id, 'Approval', { approved: false });
    await h.engine.whenIdle();
    const done = await h.client.getStatus(id);
    expect(done.runtimeStatus).toBe('Completed');
    expect(done.output).toBe(false);
  });

  it('runs sub-orchestrations with given and generated instance ids', async () => {
    const id = await h.client.startNew('parent', { instanceId: 'parent-1' });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe(24);
    const child = await h.client.getStatus('parent-1-child');
    expect(child.runtimeStatus).toBe('Completed');
    expect(child.output).toBe(10);
  });

  it('continues as new with a fresh history and the carried input', async () => {
    const id = await h.client.startNew('counterLoop', { input: 0 });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id, { showHistory: true });
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe('done at 3');
    expect(status.input).toBe(3);
    const types = (status.history as Array<{ EventType: string }>).map((e) => e.EventType);
    expect(types).toEqual(['ExecutionStarted', 'ExecutionCompleted']);
  });

  it('marks an orchestrator that throws as Failed with its message', async () => {
    const id = await h.client.startNew('failing');
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Failed');
    expect(String(status.output)).toContain('order 123 cannot be planned');
  });

  it('terminates a waiting instance', async () => {
    const id = await h.client.startNew('approval');
    await h.engine.whenIdle();
    await h.client.terminate(id, 'operator cancelled');
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Terminated');
    expect(status.output).toBe('operator cancelled');
  });
});
