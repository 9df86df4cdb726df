/**
 * The order acknowledgement feed read back against the strict SP-API simulator, through the rate-governed SP-API
 * client: getFeed until DONE, then the processing report — accepted marks the link, a refusal is parked with Amazon's
 * message (no personal data) and a re-drive sends the feed again.
 */
import { FlowCounterStore, OrderLinkStore, ParkedStore, createTableAccess } from '../../../connectors/storage';
import { acknowledgeCancellation } from '../../../functions/order-to-cash/acknowledge-cancellation';
import { ackFeedStatus, applyAckFeedResults, resendRefusedAcknowledgement, type AckFeedPorts } from '../../../functions/order-to-cash/acknowledgement-feed';
import { ORDER_ACK_FLOW } from '../../../functions/order-to-cash/names';
import type { LogSink } from '../../../functions/runtime/structured-log';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { describeWithModels, startHarness, type Harness } from '../../connectors/amazon/sim-harness';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const MARKETPLACE = 'ATVPDKIKX0DER';

describeWithModels('reading back the order acknowledgement feed', () => {
  let h: Harness;
  const tables = createTableAccess(azuriteConnectionString());
  const lines: string[] = [];
  const log: LogSink = { info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };

  beforeAll(async () => { h = await startHarness({ feedProcessingSeconds: 3600 }); });
  afterAll(async () => { await h?.sim.close(); });

  function ports(): AckFeedPorts & { parked: ParkedStore } {
    return {
      feeds: () => h.client,
      links: new OrderLinkStore(tables, uniqueName('links')),
      parked: new ParkedStore(tables, uniqueName('parked')),
      counters: new FlowCounterStore(tables, uniqueName('counters')),
    };
  }

  async function seededOrder(seed: number): Promise<{ orderId: string; itemIds: string[] }> {
    const [order] = generateOrders({ seed, count: 1, marketplaceIds: [MARKETPLACE], pendingRate: 0, cancelledRate: 0 });
    const res = await fetch(`${h.sim.url}/_sim/orders`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(order) });
    expect(res.status).toBeLessThan(300);
    const o = order as { orderId: string; orderItems: Array<{ orderItemId: string }> };
    return { orderId: o.orderId, itemIds: o.orderItems.map((i) => i.orderItemId) };
  }

  async function sendAndProcess(p: AckFeedPorts, orderId: string, itemIds: string[]): Promise<string> {
    const feedId = await acknowledgeCancellation({ sellerId: h.sim.sellerId, amazonOrderId: orderId, marketplaceId: MARKETPLACE, orderItemIds: itemIds, reason: 'NoInventory', m3OrderNumber: '1000000001' }, p, log);
    return feedId;
  }

  const processFeed = (feedId: string) => fetch(`${h.sim.url}/_sim/feeds/${feedId}/process`, { method: 'POST' });

  it('polls until DONE and marks the acknowledgement accepted when the report has no error for it', async () => {
    const p = ports();
    const { orderId, itemIds } = await seededOrder(501);
    const feedId = await sendAndProcess(p, orderId, itemIds);
    const input = { sellerId: h.sim.sellerId, marketplaceId: MARKETPLACE, amazonOrderId: orderId, feedId };
    expect((await ackFeedStatus(input, p)).processingStatus).not.toBe('DONE');
    expect((await p.links.get(h.sim.sellerId, orderId))?.acknowledgement).toMatchObject({ feedId, state: 'sent' });

    await processFeed(feedId);
    const status = await ackFeedStatus(input, p);
    expect(status).toMatchObject({ processingStatus: 'DONE', resultFeedDocumentId: expect.any(String) });

    expect(await applyAckFeedResults({ ...input, status, instanceId: `ackfeed:${feedId}` }, p, log)).toMatchObject({ outcome: 'accepted' });
    expect((await p.links.get(h.sim.sellerId, orderId))?.acknowledgement).toMatchObject({ feedId, state: 'accepted' });
    expect(await p.parked.list({ flow: ORDER_ACK_FLOW })).toEqual([]);
  });

  it('parks an acknowledgement Amazon refused with Amazon\'s message, and a re-drive sends it again', async () => {
    const p = ports();
    const { orderId, itemIds } = await seededOrder(502);
    // Amazon canceled the order itself meanwhile: a seller cancellation of it is refused in the processing report.
    await fetch(`${h.sim.url}/_sim/orders/${orderId}/cancel`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    const feedId = await sendAndProcess(p, orderId, itemIds);
    await processFeed(feedId);
    const input = { sellerId: h.sim.sellerId, marketplaceId: MARKETPLACE, amazonOrderId: orderId, feedId };
    const status = await ackFeedStatus(input, p);

    const result = await applyAckFeedResults({ ...input, status, instanceId: `ackfeed:${feedId}` }, p, log);

    expect(result.outcome).toBe('refused');
    const [parked] = await p.parked.list({ flow: ORDER_ACK_FLOW });
    expect(parked).toMatchObject({ id: orderId, reason: 'ACKNOWLEDGEMENT_REFUSED', instanceId: `ackfeed:${feedId}`, status: 'parked' });
    expect(parked?.message).toContain('18000');
    expect(parked?.message).toContain('canceled already');
    expect((await p.links.get(h.sim.sellerId, orderId))?.acknowledgement).toMatchObject({ feedId, state: 'refused', orderItemIds: itemIds });

    // The re-drive restarts the read-back, which sends the cancellation again (a new feed) and follows that one.
    const again = await resendRefusedAcknowledgement(input, p, log);
    expect(again.state).toBe('sent');
    expect(again.feedId).not.toBe(feedId);
    expect((await p.links.get(h.sim.sellerId, orderId))?.acknowledgement).toMatchObject({ feedId: again.feedId, state: 'sent' });
    const feeds = (await (await fetch(`${h.sim.url}/_sim/feeds`)).json()) as Array<{ feedId: string; feedType: string }>;
    expect(feeds.filter((f) => f.feedType === 'POST_ORDER_ACKNOWLEDGEMENT_DATA' && (f.feedId === feedId || f.feedId === again.feedId))).toHaveLength(2);
  });

  it('parks the acknowledgement when the feed ends FATAL without a processing report', async () => {
    const p = ports();
    const { orderId, itemIds } = await seededOrder(503);
    const feedId = await sendAndProcess(p, orderId, itemIds);
    const input = { sellerId: h.sim.sellerId, marketplaceId: MARKETPLACE, amazonOrderId: orderId, feedId };
    const result = await applyAckFeedResults({ ...input, status: { processingStatus: 'FATAL', resultFeedDocumentId: '' }, instanceId: '' }, p, log);
    expect(result.outcome).toBe('refused');
    expect((await p.parked.list({ flow: ORDER_ACK_FLOW })).map((i) => i.reason)).toEqual(['ACKNOWLEDGEMENT_REFUSED']);
    expect(lines.join('\n')).not.toMatch(/postal|address|@/i);
  });
});
