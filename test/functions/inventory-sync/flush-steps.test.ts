import { feedStatus, prepareFeed, recordResults, submitFeed } from '../../../functions/inventory-sync/flush-steps';
import { AuthError } from '../../../core/errors';
import { FakeFeeds, fakeFlushPorts } from './inventory-fakes';

/** Amazon refuses our credentials once the feed is submitted (a revoked refresh token). */
class RefusingAfterSubmit extends FakeFeeds {
  refuseReads = false;
  override async getFeed(feedId: string) {
    if (this.refuseReads) throw new AuthError('SP-API getFeed refused access (403 Unauthorized)', { code: 'Unauthorized', system: 'amazon' });
    return super.getFeed(feedId);
  }
  override async getFeedDocument(id: string) {
    if (this.refuseReads) throw new AuthError('SP-API getFeedDocument refused access (403 Unauthorized)', { code: 'Unauthorized', system: 'amazon' });
    return super.getFeedDocument(id);
  }
}

const G = 'ATVPDKIKX0DER';
const q = (sku: string, quantity: number) => ({ sku, itemNumber: sku, quantity });

async function flushOnce(ports: ReturnType<typeof fakeFlushPorts>['ports']) {
  const prepared = await prepareFeed('S1', 'NA', ports);
  if (prepared.kind === 'idle') return { prepared };
  const submitted = await submitFeed(prepared.ref, ports);
  if (submitted.kind !== 'submitted') throw new Error('not submitted');
  const status = await feedStatus('S1', prepared.marketplaceId, submitted.feedId, ports);
  const recorded = await recordResults({ ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, resultFeedDocumentId: status.resultFeedDocumentId }, ports);
  return { prepared, submitted, recorded };
}

describe('inventory flush steps', () => {
  it('sends only values that differ from what Amazon last accepted, as merge patches of the MFN quantity', async () => {
    const { ports, feeds } = fakeFlushPorts();
    await ports.states.merge('S1', 'NA', G, [{ sku: 'A', accepted: 5 }]);
    await ports.pending.put('S1', 'NA', G, [q('A', 5), q('B', 7)]);
    await flushOnce(ports);
    expect(feeds.feeds).toHaveLength(1);
    expect(feeds.feeds[0]!.marketplaceIds).toEqual([G]);
    expect(feeds.feeds[0]!.document.messages.map((m) => [m.sku, m.patches[0]!.value[0]!.quantity])).toEqual([['B', 7]]);
    expect((await ports.pending.list('S1', 'NA', G)).size).toBe(0);
  });

  it('is idle, with no feed, when every buffered value was already accepted', async () => {
    const { ports, feeds } = fakeFlushPorts();
    await ports.states.merge('S1', 'NA', G, [{ sku: 'A', accepted: 5 }]);
    await ports.pending.put('S1', 'NA', G, [q('A', 5)]);
    expect(await prepareFeed('S1', 'NA', ports)).toEqual({ kind: 'idle', reason: 'nothing pending' });
    expect(feeds.feeds).toHaveLength(0);
  });

  it('records accepted values and parks the refused SKU with Amazon\'s issue code', async () => {
    const { ports } = fakeFlushPorts(new FakeFeeds(new Set(['B'])));
    await ports.pending.put('S1', 'NA', G, [q('A', 1), q('B', 2), q('C', 3)]);
    const { recorded } = await flushOnce(ports);
    expect(recorded).toEqual({ accepted: 2, errors: 1, parked: 1 });
    const states = await ports.states.list('S1', 'NA', G);
    expect(states.get('A')).toMatchObject({ accepted: 1, sent: 1, feedId: 'F1' });
    expect(states.get('B')).toMatchObject({ sent: 2, error: '4000005' });
    expect(states.get('B')?.accepted).toBeUndefined();
    const parked = [...ports.parked.items.values()];
    expect(parked.map((p) => [p.flow, p.id, p.reason])).toEqual([['inventory-sync', 'S1:NA:B', '4000005']]);
  });

  it('keeps a newer value buffered while the feed with the older one was in flight', async () => {
    const { ports, feeds } = fakeFlushPorts();
    await ports.pending.put('S1', 'NA', G, [q('A', 1)]);
    const prepared = await prepareFeed('S1', 'NA', ports);
    if (prepared.kind !== 'feed') throw new Error('expected a feed');
    const submitted = await submitFeed(prepared.ref, ports);
    await ports.pending.put('S1', 'NA', G, [q('A', 4)]);
    if (submitted.kind !== 'submitted') throw new Error('not submitted');
    await recordResults({ ref: prepared.ref, feedId: submitted.feedId, processingStatus: 'DONE', resultFeedDocumentId: `report-${submitted.feedId}` }, ports);
    await flushOnce(ports);
    expect(feeds.feeds.map((f) => f.document.messages[0]!.patches[0]!.value[0]!.quantity)).toEqual([1, 4]);
  });

  it('parks the feed as AUTH_FAILED instead of retrying when Amazon refuses our credentials while it is processed', async () => {
    const feeds = new RefusingAfterSubmit();
    const { ports } = fakeFlushPorts(feeds);
    await ports.pending.put('S1', 'NA', G, [q('A', 1), q('B', 2)]);
    const prepared = await prepareFeed('S1', 'NA', ports);
    if (prepared.kind !== 'feed') throw new Error('expected a feed');
    const submitted = await submitFeed(prepared.ref, ports);
    if (submitted.kind !== 'submitted') throw new Error('not submitted');
    feeds.refuseReads = true;
    const status = await feedStatus('S1', prepared.marketplaceId, submitted.feedId, ports);
    expect(status.failure).toMatchObject({ code: 'AUTH_FAILED' });
    const recorded = await recordResults({ ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, failure: status.failure }, ports);
    expect(recorded).toEqual({ accepted: 0, errors: 2, parked: 1 });
    expect([...ports.parked.items.values()].map((p) => [p.id, p.reason])).toEqual([[`feed:${submitted.feedId}`, 'AUTH_FAILED']]);
    // Nothing counts as accepted: the next sweep sends the values again once the credentials are fixed.
    expect((await ports.states.list('S1', 'NA', G)).get('A')?.accepted).toBeUndefined();
  });

  it('parks the feed as AUTH_FAILED when the processing report cannot be read with our credentials', async () => {
    const feeds = new RefusingAfterSubmit();
    const { ports } = fakeFlushPorts(feeds);
    await ports.pending.put('S1', 'NA', G, [q('A', 1)]);
    const prepared = await prepareFeed('S1', 'NA', ports);
    if (prepared.kind !== 'feed') throw new Error('expected a feed');
    const submitted = await submitFeed(prepared.ref, ports);
    if (submitted.kind !== 'submitted') throw new Error('not submitted');
    const status = await feedStatus('S1', prepared.marketplaceId, submitted.feedId, ports);
    feeds.refuseReads = true;
    await recordResults({ ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, resultFeedDocumentId: status.resultFeedDocumentId }, ports);
    expect([...ports.parked.items.values()].map((p) => p.reason)).toEqual(['AUTH_FAILED']);
  });

  it('submits a prepared document once even when the submit step is retried', async () => {
    const { ports, feeds } = fakeFlushPorts();
    await ports.pending.put('S1', 'NA', G, [q('A', 1)]);
    const prepared = await prepareFeed('S1', 'NA', ports);
    if (prepared.kind !== 'feed') throw new Error('expected a feed');
    const first = await submitFeed(prepared.ref, ports);
    const again = await submitFeed(prepared.ref, ports);
    expect(again).toEqual(first);
    expect(feeds.feeds).toHaveLength(1);
  });

  it('splits a burst into feeds of at most the per-feed message limit', async () => {
    const { ports, feeds } = fakeFlushPorts(undefined, { maxMessagesPerFeed: 2 });
    await ports.pending.put('S1', 'NA', G, [q('A', 1), q('B', 2), q('C', 3)]);
    await flushOnce(ports);
    await flushOnce(ports);
    expect(feeds.feeds.map((f) => f.document.messages.map((m) => m.sku))).toEqual([['A', 'B'], ['C']]);
  });

  it('writes nothing to Amazon while the flow is paused', async () => {
    const { ports, feeds } = fakeFlushPorts(undefined, { switches: { isPaused: () => true, isDryRun: () => false } });
    await ports.pending.put('S1', 'NA', G, [q('A', 1)]);
    expect(await prepareFeed('S1', 'NA', ports)).toEqual({ kind: 'idle', reason: 'paused' });
    expect(feeds.feeds).toHaveLength(0);
  });
});
