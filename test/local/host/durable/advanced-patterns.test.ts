import * as df from 'durable-functions';
import type { EntityContext, OrchestrationContext } from 'durable-functions';
import { VirtualClock } from '../../../../local/host/durable';
import { startHarness, type Harness } from './engine-harness';

let childFailuresLeft = 0;

df.app.activity('mayFail', {
  handler: async () => {
    if (childFailuresLeft > 0) {
      childFailuresLeft--;
      throw new Error('transient');
    }
    return 'fine';
  },
});
df.app.orchestration('fragileChild', function* (context: OrchestrationContext) {
  const r: string = yield context.df.callActivity('mayFail');
  return r;
});
df.app.orchestration('retryingParent', function* (context: OrchestrationContext) {
  const r: string = yield context.df.callSubOrchestratorWithRetry('fragileChild', new df.RetryOptions(1000, 3), undefined, `${context.df.instanceId}-kid`);
  return r;
});

df.app.orchestration('approvalWithDeadline', function* (context: OrchestrationContext) {
  const deadline = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 24 * 3600_000));
  const approval = context.df.waitForExternalEvent('Approval');
  const winner: unknown = yield context.df.Task.any([approval, deadline]);
  if (winner === approval) {
    deadline.cancel();
    return 'approved';
  }
  return 'expired';
});

df.app.orchestration('tenDays', function* (context: OrchestrationContext) {
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + 10 * 24 * 3600_000));
  return context.df.currentUtcDateTime.toISOString();
});

df.app.entity('strict', (context: EntityContext<number>) => {
  if (context.df.operationName === 'explode') throw new Error('not allowed');
  context.df.return('ok');
});
df.app.orchestration('callsStrict', function* (context: OrchestrationContext) {
  const id = new df.EntityId('strict', 'one');
  const fine: string = yield context.df.callEntity(id, 'ping');
  try {
    yield context.df.callEntity(id, 'explode');
    return `${fine}, then no error`;
  } catch {
    return `${fine}, then caught`;
  }
});

describe('advanced orchestration patterns on the local engine', () => {
  const clock = new VirtualClock(new Date('2025-07-01T00:00:00Z'));
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => {
    if (process.env.DURABLE_DEBUG) console.log(JSON.stringify(h.logs.filter((l) => l.event !== 'functionLog' && !String(l.event).startsWith('activity'))));
    await h.engine.stop();
  });

  it('retries a failed sub-orchestration under the same instance id', async () => {
    childFailuresLeft = 1;
    const id = await h.client.startNew('retryingParent', { instanceId: 'rp-1' });
    await h.engine.whenIdle();
    expect((await h.client.getStatus('rp-1-kid')).runtimeStatus).toBe('Failed');
    await clock.advance(1000);
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe('fine');
    expect((await h.client.getStatus('rp-1-kid')).runtimeStatus).toBe('Completed');
  });

  it('lets an event win a race against a deadline timer', async () => {
    const id = await h.client.startNew('approvalWithDeadline');
    await h.engine.whenIdle();
    await h.client.raiseEvent(id, 'Approval', 'yes');
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).output).toBe('approved');
  });

  it('lets the deadline timer win when no event comes', async () => {
    const id = await h.client.startNew('approvalWithDeadline');
    await h.engine.whenIdle();
    await clock.advance(24 * 3600_000);
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).output).toBe('expired');
  });

  it('completes a timer longer than the maximum short timer (split into chunks by the library)', async () => {
    const start = clock.now().getTime();
    const id = await h.client.startNew('tenDays');
    await h.engine.whenIdle();
    for (let day = 0; day < 10; day++) {
      await clock.advance(24 * 3600_000);
      await h.engine.whenIdle();
    }
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(new Date(String(status.output)).getTime()).toBeGreaterThanOrEqual(start + 10 * 24 * 3600_000);
  });

  it('returns entity results to callEntity and surfaces an entity operation error as a catchable failure', async () => {
    const id = await h.client.startNew('callsStrict');
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe('ok, then caught');
  });
});
