import { close, done, emptyBatchState, offer, waitingCount, type FeedBatchState } from '../../../functions/shipment-confirmation/feed-batch';
import type { PackageConfirmation } from '../../../functions/shipment-confirmation/shipment-model';

function confirmations(n: number, prefix: string): PackageConfirmation[] {
  return Array.from({ length: n }, (_, i) => ({
    key: `${prefix}-${i}`, documentId: prefix, packageId: `P${i}`, variationId: 1, bodId: 'b', sellerId: 'S', amazonOrderId: `O-${prefix}-${i}`, batchKey: 'S:EU',
    body: { marketplaceId: 'A1PA6795UKMFR9', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: 'T', shipDate: '2026-03-02T10:00:00.000Z', orderItems: [{ orderItemId: '1', quantity: 1 }] } },
  }));
}

const NOW = '2026-03-02T10:00:00.000Z';

describe('the feed batch: direct calls or one feed', () => {
  it('sends directly while the waiting confirmations stay within the threshold', () => {
    let state: FeedBatchState = { ...emptyBatchState(), threshold: 3 };
    const first = offer(state, { instanceId: 'a', now: NOW, confirmations: confirmations(2, 'a') }, 'S:EU');
    expect(first.route).toEqual({ mode: 'direct' });
    state = first.state;
    expect(waitingCount(state, Date.parse(NOW))).toBe(2);
    const second = offer(state, { instanceId: 'b', now: NOW, confirmations: confirmations(2, 'b') }, 'S:EU');
    expect(second.route).toMatchObject({ mode: 'bulk', leader: true, batchId: 'S:EU:1' });
  });

  it('puts every later offer into the open feed until its leader closes it, then starts afresh', () => {
    let state: FeedBatchState = { ...emptyBatchState(), threshold: 0 };
    const a = offer(state, { instanceId: 'a', now: NOW, confirmations: confirmations(1, 'a') }, 'S:EU');
    const b = offer(a.state, { instanceId: 'b', now: NOW, confirmations: confirmations(2, 'b') }, 'S:EU');
    expect(b.route).toMatchObject({ mode: 'bulk', leader: false, batchId: 'S:EU:1' });
    const closed = close(b.state, 'S:EU:1');
    expect(closed.members.map((m) => m.key)).toEqual(['a-0', 'b-0', 'b-1']);
    expect(close(closed.state, 'S:EU:1').members).toEqual([]);
    state = closed.state;
    expect(offer(state, { instanceId: 'c', now: NOW, confirmations: confirmations(1, 'c') }, 'S:EU').route).toMatchObject({ leader: true, batchId: 'S:EU:2' });
  });

  it('forgets finished direct senders, and ignores ones that never reported back after a while', () => {
    const state: FeedBatchState = { ...emptyBatchState(), threshold: 5 };
    const a = offer(state, { instanceId: 'a', now: NOW, confirmations: confirmations(3, 'a') }, 'S:EU');
    expect(waitingCount(done(a.state, 'a'), Date.parse(NOW))).toBe(0);
    expect(waitingCount(a.state, Date.parse(NOW) + 60 * 60 * 1000)).toBe(0);
  });
});

describe('an open feed whose leader is gone', () => {
  it('is taken over by the next offer, members and all, once it stays open well past its collecting time', () => {
    const state: FeedBatchState = { ...emptyBatchState(), threshold: 0, collectSeconds: 60 };
    const a = offer(state, { instanceId: 'a', now: NOW, confirmations: confirmations(1, 'a') }, 'S:EU');
    // Leader `a` was terminated before it closed S:EU:1; an hour later another shipment arrives.
    const later = new Date(Date.parse(NOW) + 60 * 60 * 1000).toISOString();
    const b = offer(a.state, { instanceId: 'b', now: later, confirmations: confirmations(1, 'b') }, 'S:EU');
    expect(b.route).toMatchObject({ mode: 'bulk', leader: true, batchId: 'S:EU:2' });
    expect(close(b.state, 'S:EU:2').members.map((m) => m.key)).toEqual(['a-0', 'b-0']);
    // The old leader waking up late gets nothing, so nothing is sent twice.
    expect(close(b.state, 'S:EU:1').members).toEqual([]);
  });

  it('is joined as usual while its leader may still be collecting', () => {
    const state: FeedBatchState = { ...emptyBatchState(), threshold: 0, collectSeconds: 60 };
    const a = offer(state, { instanceId: 'a', now: NOW, confirmations: confirmations(1, 'a') }, 'S:EU');
    const soon = new Date(Date.parse(NOW) + 5 * 60 * 1000).toISOString();
    expect(offer(a.state, { instanceId: 'b', now: soon, confirmations: confirmations(1, 'b') }, 'S:EU').route).toMatchObject({ leader: false, batchId: 'S:EU:1' });
  });
});
