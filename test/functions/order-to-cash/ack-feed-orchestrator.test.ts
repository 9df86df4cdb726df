/**
 * The order instance follows the acknowledgement feed it sent: a sub-orchestration polls getFeed on durable timers
 * until the feed is done, then reads the processing report; the order instance ends after it. Real durable-functions
 * library and the local engine, stand-ins for the activities, virtual time.
 */
import * as df from 'durable-functions';
import { VirtualClock } from '../../../local/host/durable';
import '../../../functions/order-to-cash/orchestrator';
import '../../../functions/order-to-cash/ack-feed-orchestrator';
import { ACK_FEED_RESEND_ACTIVITY, ACK_FEED_RESULTS_ACTIVITY, ACK_FEED_STATUS_ACTIVITY, ORDER_TO_CASH, PROCESS_ORDER_ACTIVITY, ackFeedInstanceId } from '../../../functions/order-to-cash/names';
import type { OrderOutcome } from '../../../functions/order-to-cash/order-outcome';
import { startHarness, type Harness } from '../../local/host/durable/engine-harness';

let statuses: string[] = [];
let polls = 0;
let results: unknown[] = [];

df.app.activity(PROCESS_ORDER_ACTIVITY, {
  handler: async (): Promise<OrderOutcome> => ({ outcome: 'canceled', reason: 'M3_CANCELED', message: '', m3OrderNumber: '1000000009', lines: 0, acknowledgement: { feedId: 'F-ACK-1', marketplaceId: 'ATVPDKIKX0DER' } }),
});
df.app.activity(ACK_FEED_RESEND_ACTIVITY, { handler: async (input: { feedId: string }) => ({ feedId: input.feedId, state: 'sent' }) });
df.app.activity(ACK_FEED_STATUS_ACTIVITY, {
  handler: async () => ({ processingStatus: statuses[Math.min(polls++, statuses.length - 1)], resultFeedDocumentId: 'DOC-1' }),
});
df.app.activity(ACK_FEED_RESULTS_ACTIVITY, {
  handler: async (input: unknown) => { results.push(input); return { outcome: 'accepted', feedId: 'F-ACK-1', message: '' }; },
});

describe('the order instance and its acknowledgement feed', () => {
  const clock = new VirtualClock(new Date('2026-05-02T08:00:00Z'));
  let h: Harness;
  beforeAll(async () => { h = await startHarness({ clock }); });
  afterAll(async () => { await h.engine.stop(); });

  it('polls the feed on timers until DONE, reads its report, then completes the order instance', async () => {
    statuses = ['IN_QUEUE', 'IN_PROGRESS', 'DONE'];
    const id = await h.client.startNew(ORDER_TO_CASH, { instanceId: 'o2c:S:111-0000009-0000009', input: { sellerId: 'S', amazonOrderId: '111-0000009-0000009' } });
    for (let step = 0; step < 20; step++) {
      await h.engine.whenIdle();
      if ((await h.client.getStatus(id)).runtimeStatus !== 'Running') break;
      await clock.advance(60_000);
    }
    const status = await h.client.getStatus(id);
    expect(status.runtimeStatus).toBe('Completed');
    expect(status.output).toMatchObject({ outcome: 'canceled', m3OrderNumber: '1000000009' });
    expect(status.customStatus).toMatchObject({ acknowledgement: 'accepted' });
    expect(polls).toBe(3);
    expect(results).toEqual([expect.objectContaining({ feedId: 'F-ACK-1', amazonOrderId: '111-0000009-0000009', instanceId: ackFeedInstanceId('F-ACK-1'), status: expect.objectContaining({ processingStatus: 'DONE' }) })]);
    expect((await h.client.getStatus(ackFeedInstanceId('F-ACK-1'))).runtimeStatus).toBe('Completed');
  });
});
