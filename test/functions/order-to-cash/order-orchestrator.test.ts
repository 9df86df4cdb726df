/**
 * The order-to-cash orchestrator on the real durable-functions library and the local engine, with a stand-in for its
 * one activity (the orchestrator module is imported alone; the test registers the activity under its name), so each
 * case controls exactly when the activity answers — no sleeps, virtual time for timers.
 */
import * as df from 'durable-functions';
import { VirtualClock } from '../../../local/host/durable';
import '../../../functions/order-to-cash/orchestrator';
import { ORDER_CHANGED_EVENT, ORDER_TO_CASH, PROCESS_ORDER_ACTIVITY } from '../../../functions/order-to-cash/names';
import type { OrderOutcome } from '../../../functions/order-to-cash/order-outcome';
import { startHarness, type Harness } from '../../local/host/durable/engine-harness';

type Step = () => Promise<OrderOutcome>;
let steps: Step[] = [];
let calls = 0;
let activityEntered: () => void = () => undefined;

df.app.activity(PROCESS_ORDER_ACTIVITY, {
  handler: async () => {
    const step = steps[Math.min(calls, steps.length - 1)]!;
    calls++;
    activityEntered();
    return step();
  },
});

const outcome = (kind: OrderOutcome['outcome'], m3OrderNumber = ''): OrderOutcome => ({ outcome: kind, reason: '', message: '', m3OrderNumber, lines: kind === 'created' ? 1 : 0 });

describe('the order-to-cash orchestrator', () => {
  const clock = new VirtualClock(new Date('2026-05-01T08:00:00Z'));
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ clock }); });
  afterAll(async () => { await h.engine.stop(); });
  beforeEach(() => { calls = 0; steps = []; });

  it('completes with the created order when nothing changed meanwhile', async () => {
    steps = [async () => outcome('created', '1000000001')];
    const id = await h.client.startNew(ORDER_TO_CASH, { instanceId: 'o2c:S:111-0000001-0000001', input: { sellerId: 'S', amazonOrderId: '111-0000001-0000001' } });
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toMatchObject({ outcome: 'created', m3OrderNumber: '1000000001' });
    expect(calls).toBe(1);
  });

  it('looks at the order again when a cancellation arrived while it was being written, and cancels it in M3', async () => {
    let release: () => void = () => undefined;
    const writing = new Promise<void>((resolve) => { release = resolve; });
    const entered = new Promise<void>((resolve) => { activityEntered = resolve; });
    steps = [async () => { await writing; return outcome('created', '1000000002'); }, async () => outcome('canceled', '1000000002')];
    const id = await h.client.startNew(ORDER_TO_CASH, { instanceId: 'o2c:S:111-0000002-0000002', input: { sellerId: 'S', amazonOrderId: '111-0000002-0000002' } });
    await entered;
    // Amazon's ORDER_CHANGE (canceled) reaches the running instance while M3 is still confirming the order.
    await h.client.raiseEvent(id, ORDER_CHANGED_EVENT, { trigger: 'n-cancel' });
    release();
    await h.engine.whenIdle();
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toMatchObject({ outcome: 'canceled', m3OrderNumber: '1000000002' });
    expect(calls).toBe(2);
  });

  it('waits out an outage longer than its retry policy instead of failing, saying so in its status', async () => {
    const outageUntil = clock.now().getTime() + 60 * 60_000;
    steps = [async () => {
      if (clock.now().getTime() < outageUntil) throw new Error('M3 OIS100MI.AddBatchHead: HTTP 503');
      return outcome('created', '1000000003');
    }];
    const id = await h.client.startNew(ORDER_TO_CASH, { instanceId: 'o2c:S:111-0000003-0000003', input: { sellerId: 'S', amazonOrderId: '111-0000003-0000003' } });
    let stalledSeen = false;
    for (let minute = 0; minute < 120; minute += 2) {
      await h.engine.whenIdle();
      const status = await h.client.getStatus(id);
      if ((status.customStatus as { outcome?: string } | undefined)?.outcome === 'retrying') stalledSeen = true;
      if (status.runtimeStatus !== 'Running') break;
      await clock.advance(2 * 60_000);
    }
    const status = await h.client.getStatus(id);
    expect(stalledSeen).toBe(true);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toMatchObject({ outcome: 'created' });
  });
});
