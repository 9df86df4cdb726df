import * as df from 'durable-functions';
import type { EntityContext, OrchestrationContext } from 'durable-functions';
import { VirtualClock } from '../../../../local/host/durable';
import { startHarness, type Harness } from './engine-harness';

let shippingBroken = true;
const shipped: string[] = [];

df.app.entity('counter', (context: EntityContext<number>) => {
  const current = context.df.getState(() => 0) ?? 0;
  switch (context.df.operationName) {
    case 'add':
      context.df.setState(current + context.df.getInput<number>()!);
      break;
    case 'get':
      context.df.return(current);
      break;
    case 'reset':
      context.df.setState(0);
      break;
  }
});

df.app.orchestration('countWithEntity', function* (context: OrchestrationContext) {
  const id = new df.EntityId('counter', context.df.getInput<string>());
  context.df.signalEntity(id, 'add', 10);
  yield context.df.callEntity(id, 'add', 5);
  const value: number = yield context.df.callEntity(id, 'get');
  return value;
});

df.app.activity('ship', {
  handler: async (orderId: string) => {
    if (shippingBroken) throw new Error('carrier rejected the label');
    shipped.push(orderId);
    return `shipped ${orderId}`;
  },
});

df.app.orchestration('shipOrder', function* (context: OrchestrationContext) {
  const result: string = yield context.df.callActivity('ship', context.df.getInput<string>());
  return result;
});

df.app.orchestration('waiter', function* (context: OrchestrationContext) {
  yield context.df.waitForExternalEvent('Go');
  return 'went';
});

describe('durable entities through the local engine', () => {
  const clock = new VirtualClock(new Date('2025-04-01T00:00:00Z'));
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => {
    await h.engine.stop();
  });

  it('keeps counter state across signals from the client (add, add, get)', async () => {
    const id = new df.EntityId('counter', 'client');
    await h.client.signalEntity(id, 'add', 3);
    await h.client.signalEntity(id, 'add', 4);
    await h.engine.whenIdle();
    const state = await h.client.readEntityState<number>(id);
    expect(state.entityExists).toBe(true);
    expect(state.entityState).toBe(7);
  });

  it('reports a never-touched entity as not existing', async () => {
    const state = await h.client.readEntityState<number>(new df.EntityId('counter', 'nobody'));
    expect(state.entityExists).toBe(false);
  });

  it('serves signalEntity and callEntity from an orchestrator, serialized per entity', async () => {
    const instanceId = await h.client.startNew('countWithEntity', { input: 'orch' });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(instanceId);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe(15);
    expect((await h.client.readEntityState<number>(new df.EntityId('counter', 'orch'))).entityState).toBe(15);
  });
});

describe('instance management through the durable client', () => {
  const clock = new VirtualClock(new Date('2025-05-01T00:00:00Z'));
  let h: Harness;

  beforeAll(async () => {
    h = await startHarness({ clock });
  });
  afterAll(async () => {
    await h.engine.stop();
  });

  it('rewinds a failed instance, which completes once the activity is fixed', async () => {
    shippingBroken = true;
    const id = await h.client.startNew('shipOrder', { instanceId: 'ship-1', input: 'A-1' });
    await h.engine.whenIdle();
    const failed = await h.client.getStatus(id);
    expect(failed.runtimeStatus).toBe('Failed');
    expect(String(failed.output)).toContain('carrier rejected the label');
    shippingBroken = false;
    await h.client.rewind(id, 'carrier fixed');
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toBe('shipped A-1');
    expect(shipped).toEqual(['A-1']);
  });

  it('refuses to rewind an instance that did not fail', async () => {
    const id = await h.client.startNew('waiter');
    await h.engine.whenIdle();
    await expect(h.client.rewind(id, 'why')).rejects.toThrow('only supported on failed');
  });

  it('does not start an instance id again while it is running, but restarts a finished one', async () => {
    await h.client.startNew('waiter', { instanceId: 'singleton' });
    await h.engine.whenIdle();
    await expect(h.client.startNew('waiter', { instanceId: 'singleton' })).rejects.toThrow('409');
    await h.client.raiseEvent('singleton', 'Go', null);
    await h.engine.whenIdle();
    expect((await h.client.getStatus('singleton')).runtimeStatus).toBe('Completed');
    await h.client.startNew('waiter', { instanceId: 'singleton' });
    await h.engine.whenIdle();
    expect((await h.client.getStatus('singleton')).runtimeStatus).toBe('Running');
  });

  it('suspends and resumes an instance, holding events while suspended', async () => {
    const id = await h.client.startNew('waiter');
    await h.engine.whenIdle();
    await h.client.suspend(id, 'maintenance');
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Suspended');
    await h.client.raiseEvent(id, 'Go', 1);
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Suspended');
    await h.client.resume(id, 'done');
    await h.engine.whenIdle();
    expect((await h.client.getStatus(id)).runtimeStatus).toBe('Completed');
  });

  it('lists instances by status and creation time across continuation-token pages', async () => {
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push(await h.client.startNew('waiter', { instanceId: `page-${i}` }));
    await h.engine.whenIdle();
    const running = await h.client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Running] });
    expect(running.map((s) => s.instanceId)).toEqual(expect.arrayContaining(ids));
    expect(running.every((s) => s.runtimeStatus === 'Running')).toBe(true);
    const none = await h.client.getStatusBy({ createdTimeFrom: new Date('2030-01-01T00:00:00Z') });
    expect(none).toEqual([]);
    const pageResponse = await fetch(`${h.engine.clientBaseUrl}instances/?top=2`);
    expect(pageResponse.headers.get('x-ms-continuation-token')).toBeTruthy();
    const all = await h.client.getStatusAll();
    expect(all.length).toBeGreaterThan(2);
  });

  it('purges a finished instance by id and finished ones by filter', async () => {
    const id = await h.client.startNew('shipOrder', { input: 'P-1' });
    await h.engine.whenIdle();
    expect((await h.client.purgeInstanceHistory(id)).instancesDeleted).toBe(1);
    await expect(h.client.getStatus(id)).rejects.toThrow('404');
    expect((await h.client.purgeInstanceHistory(id)).instancesDeleted).toBe(0);
    const finished = await h.client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
    expect(finished.length).toBeGreaterThan(0);
    const result = await h.client.purgeInstanceHistoryBy({ createdTimeFrom: new Date(0), runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] });
    expect(result.instancesDeleted).toBe(finished.length);
    expect(await h.client.getStatusBy({ runtimeStatus: [df.OrchestrationRuntimeStatus.Completed] })).toEqual([]);
  });
});
