/** confirmShipment validation and the feed flow end to end (document, upload, createFeed, getFeed, processing report) against the strict simulator. */
import axios from 'axios';
import { z } from 'zod';
import { PermanentError, TransientError } from '../../../core/errors';
import { InMemoryRateGovernor, SpApiClient, type ConfirmShipmentRequest } from '../../../connectors/amazon';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { describeWithModels, startHarness, type Harness } from './sim-harness';

const http = axios.create({ validateStatus: () => true });
const ItemsSchema = z.array(z.object({ orderItemId: z.string(), quantityOrdered: z.number() }).passthrough());

async function waitForFeed(h: Harness, feedId: string): Promise<string> {
  for (let i = 0; i < 200; i += 1) {
    const feed = await h.client.getFeed(feedId);
    if (['DONE', 'FATAL', 'CANCELLED'].includes(feed.processingStatus)) return feed.processingStatus;
    await new Promise((r) => setTimeout(r, 10)); // waiting for the local server's scaled clock
  }
  throw new Error('feed did not finish');
}

describeWithModels('confirmShipment against the strict simulator', () => {
  let h: Harness;
  const [order] = generateOrders({ seed: 11, count: 1, pendingRate: 0, cancelledRate: 0 });
  const items = ItemsSchema.parse(order.orderItems);
  const marketplaceId = 'ATVPDKIKX0DER';
  const body = (overrides: Partial<ConfirmShipmentRequest['packageDetail']> = {}): ConfirmShipmentRequest => ({
    marketplaceId,
    packageDetail: {
      packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z999AA10123456784', shipDate: '2026-03-02T10:00:00Z',
      orderItems: items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered })), ...overrides,
    },
  });
  beforeEach(async () => {
    h = await startHarness();
    await http.post(`${h.sim.url}/_sim/orders`, order);
  });
  afterEach(async () => { await h.sim.close(); });

  it('confirms a package, marks the order shipped and records the body in /_sim/confirmations', async () => {
    await h.client.confirmShipment(String(order.orderId), body());
    const confirmations = await http.get(`${h.sim.url}/_sim/confirmations`);
    expect(confirmations.data).toEqual([{ orderId: order.orderId, body: body() }]);
    const stored = await http.get(`${h.sim.url}/_sim/orders/${String(order.orderId)}`);
    expect(stored.data.fulfillment.fulfillmentStatus).toBe('SHIPPED');
    expect(h.sim.violations).toEqual([]);
  });

  it('treats a re-sent packageReferenceId as an edit, not a second package', async () => {
    await h.client.confirmShipment(String(order.orderId), body());
    await h.client.confirmShipment(String(order.orderId), body({ trackingNumber: '1Z999AA10123456999' }));
    const stored = await http.get(`${h.sim.url}/_sim/orders/${String(order.orderId)}`);
    expect(stored.data.packages).toHaveLength(1);
    expect(stored.data.packages[0].trackingNumber).toBe('1Z999AA10123456999');
  });

  it.each([
    ['an unknown carrier code', { carrierCode: 'Speedy Pete' }],
    ['Other without a carrier name', { carrierCode: 'Other' }],
    ['an order item of another order', { orderItems: [{ orderItemId: '00000000000000', quantity: 1 }] }],
    ['more units than were ordered', { orderItems: items.map((i) => ({ orderItemId: i.orderItemId, quantity: i.quantityOrdered + 1 })) }],
  ])('rejects %s with PermanentError', async (_name, overrides) => {
    const err = await h.client.confirmShipment(String(order.orderId), body(overrides)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('InvalidInput');
  });

  it('accepts Other with a carrier name', async () => {
    await h.client.confirmShipment(String(order.orderId), body({ carrierCode: 'Other', carrierName: 'Spedition Müller' }));
  });

  it('counts quantities across packages', async () => {
    const first = items[0];
    if (first.quantityOrdered < 2) return;
    await h.client.confirmShipment(String(order.orderId), body({ orderItems: [{ orderItemId: first.orderItemId, quantity: first.quantityOrdered }] }));
    await expect(h.client.confirmShipment(String(order.orderId), body({ packageReferenceId: '2', orderItems: [{ orderItemId: first.orderItemId, quantity: 1 }] }))).rejects.toBeInstanceOf(PermanentError);
  });

  it('rejects a canceled order, an unknown order and an Amazon-fulfilled order', async () => {
    const [afn] = generateOrders({ seed: 12, count: 1, amazonFulfilledRate: 1, pendingRate: 0, cancelledRate: 0 });
    const [cancelled] = generateOrders({ seed: 13, count: 1, cancelledRate: 1, pendingRate: 0 });
    await http.post(`${h.sim.url}/_sim/orders`, [afn, cancelled]);
    const ids = (o: Record<string, unknown>) => ItemsSchema.parse(o.orderItems).map((i) => ({ orderItemId: i.orderItemId, quantity: 1 }));
    await expect(h.client.confirmShipment(String(afn.orderId), body({ orderItems: ids(afn) }))).rejects.toBeInstanceOf(PermanentError);
    await expect(h.client.confirmShipment(String(cancelled.orderId), body({ orderItems: ids(cancelled) }))).rejects.toBeInstanceOf(PermanentError);
    const missing = await h.client.confirmShipment('999-9999999-9999999', body()).catch((e: unknown) => e);
    expect((missing as PermanentError).code).toBe('NotFound');
  });
});

describeWithModels('feeds end to end against the strict simulator', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
    await http.post(`${h.sim.url}/_sim/listings`, [{ sku: 'SKU-0001', quantity: 3 }, { sku: 'SKU-0002', attributes: { fulfillment_availability: [{ fulfillment_channel_code: 'DEFAULT', quantity: 0, lead_time_to_ship_max_days: 3 }] } }]);
  });
  afterEach(async () => { await h.sim.close(); });

  async function submitListingsFeed(messages: unknown[]): Promise<string> {
    const contentType = 'application/json; charset=UTF-8';
    const doc = await h.client.createFeedDocument(contentType);
    await h.client.uploadFeedDocument(doc.url, JSON.stringify({ header: { sellerId: h.sim.sellerId, version: '2.0', issueLocale: 'en_US' }, messages }), contentType);
    return h.client.createFeed({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.feedDocumentId });
  }

  const merge = (messageId: number, sku: string, quantity: unknown) => ({
    messageId, sku, operationType: 'PATCH', productType: 'PRODUCT',
    patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] }],
  });

  it('applies a JSON_LISTINGS_FEED and reports rejected messages per messageId in a valid processing report', async () => {
    const feedId = await submitListingsFeed([merge(1, 'SKU-0001', 7), merge(2, 'SKU-0002', 5), merge(3, 'SKU-UNKNOWN', 1), merge(4, 'SKU-0001', -2)]);
    expect(await waitForFeed(h, feedId)).toBe('DONE');
    const feed = await h.client.getFeed(feedId);
    const doc = await h.client.getFeedDocument(String(feed.resultFeedDocumentId));
    const report: unknown = JSON.parse(doc.content.toString('utf8'));
    const validate = h.validator.jsonSchema('feeds/listings-feed-processing-report-schema-v2.json');
    expect(validate(report) ? [] : validate.errors).toEqual([]);
    const parsed = z.object({ summary: z.object({ messagesProcessed: z.number(), messagesAccepted: z.number(), messagesInvalid: z.number() }), issues: z.array(z.object({ messageId: z.number(), severity: z.string() })) }).parse(report);
    expect(parsed.summary).toEqual({ messagesProcessed: 4, messagesAccepted: 2, messagesInvalid: 2 });
    expect(parsed.issues.map((i) => i.messageId).sort()).toEqual([3, 4]);
    const listings = await http.get(`${h.sim.url}/_sim/listings`);
    const bySku = Object.fromEntries(z.array(z.object({ sku: z.string(), quantity: z.number().nullable(), attributes: z.record(z.unknown()) })).parse(listings.data).map((l) => [l.sku, l]));
    expect(bySku['SKU-0001'].quantity).toBe(7);
    expect(bySku['SKU-0002'].quantity).toBe(5);
    // merge keeps the other fields of the channel entry (handling time survives).
    expect(JSON.stringify(bySku['SKU-0002'].attributes)).toContain('lead_time_to_ship_max_days');
    const feeds = await http.get(`${h.sim.url}/_sim/feeds`);
    expect(feeds.data[0]).toMatchObject({ feedId, feedType: 'JSON_LISTINGS_FEED', processingStatus: 'DONE' });
    expect(feeds.data[0].messages).toHaveLength(4);
    expect(h.sim.violations).toEqual([]);
  });

  it('refuses an upload whose Content-Type differs from createFeedDocument (SignatureDoesNotMatch)', async () => {
    const doc = await h.client.createFeedDocument('application/json; charset=UTF-8');
    const err = await h.client.uploadFeedDocument(doc.url, '{}', 'application/json').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('SignatureDoesNotMatch');
  });

  it('allows five JSON_LISTINGS_FEED submissions per five minutes, then answers QuotaExceeded', async () => {
    await h.sim.close();
    // The client's own governor runs far faster here so only the simulator's feed-type quota is under test.
    h = await startHarness({ timeScale: 1 }, { maxRetries: 0, governorScale: 1e6 });
    for (let i = 0; i < 5; i += 1) await submitListingsFeed([merge(1, 'SKU-0001', i)]);
    const err = await submitListingsFeed([merge(1, 'SKU-0001', 9)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('QuotaExceeded');
    h.sim.clock.advance(300 * 1000);
    // A fresh client: this one's governor rightly backs off createFeed for minutes after the 429.
    h.client = new SpApiClient({ sellerId: h.sim.sellerId, region: 'NA', endpoint: h.sim.url, lwa: h.lwa, governor: new InMemoryRateGovernor({ timeScale: 1e6 }), userAgent: 'test' });
    await submitListingsFeed([merge(1, 'SKU-0001', 9)]);
  });

  it('finishes a feed on demand through /_sim/feeds/{id}/process', async () => {
    await h.sim.close();
    h = await startHarness({ timeScale: 1 }, { governorScale: 1e6 });
    const feedId = await submitListingsFeed([merge(1, 'SKU-0001', 4)]);
    expect((await h.client.getFeed(feedId)).processingStatus).toBe('IN_QUEUE');
    await http.post(`${h.sim.url}/_sim/feeds/${feedId}/process`);
    expect((await h.client.getFeed(feedId)).processingStatus).toBe('DONE');
  });

  it('confirms shipments from a POST_ORDER_FULFILLMENT_DATA feed and reports bad messages in the XML report', async () => {
    const [order] = generateOrders({ seed: 21, count: 1, pendingRate: 0, cancelledRate: 0 });
    await http.post(`${h.sim.url}/_sim/orders`, order);
    const item = ItemsSchema.parse(order.orderItems)[0];
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<AmazonEnvelope xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="amzn-envelope.xsd">
  <Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>${h.sim.sellerId}</MerchantIdentifier></Header>
  <MessageType>OrderFulfillment</MessageType>
  <Message><MessageID>1</MessageID><OrderFulfillment><AmazonOrderID>${String(order.orderId)}</AmazonOrderID><MerchantFulfillmentID>7</MerchantFulfillmentID><FulfillmentDate>2026-03-02T10:00:00Z</FulfillmentDate>
    <FulfillmentData><CarrierCode>DHL</CarrierCode><ShippingMethod>Paket</ShippingMethod><ShipperTrackingNumber>JJD000390007</ShipperTrackingNumber></FulfillmentData>
    <Item><AmazonOrderItemCode>${item.orderItemId}</AmazonOrderItemCode><Quantity>1</Quantity></Item></OrderFulfillment></Message>
  <Message><MessageID>2</MessageID><OrderFulfillment><AmazonOrderID>999-0000000-0000000</AmazonOrderID><FulfillmentDate>2026-03-02T10:00:00Z</FulfillmentDate>
    <FulfillmentData><CarrierCode>DHL</CarrierCode><ShipperTrackingNumber>X</ShipperTrackingNumber></FulfillmentData>
    <Item><AmazonOrderItemCode>1</AmazonOrderItemCode><Quantity>1</Quantity></Item></OrderFulfillment></Message>
</AmazonEnvelope>`;
    const contentType = 'text/xml; charset=UTF-8';
    const doc = await h.client.createFeedDocument(contentType);
    await h.client.uploadFeedDocument(doc.url, xml, contentType);
    const feedId = await h.client.createFeed({ feedType: 'POST_ORDER_FULFILLMENT_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.feedDocumentId });
    expect(await waitForFeed(h, feedId)).toBe('DONE');
    const report = (await h.client.getFeedDocument(String((await h.client.getFeed(feedId)).resultFeedDocumentId))).content.toString('utf8');
    expect(report).toContain('<MessagesProcessed>2</MessagesProcessed>');
    expect(report).toContain('<MessagesWithError>1</MessagesWithError>');
    const confirmations = await http.get(`${h.sim.url}/_sim/confirmations`);
    expect(confirmations.data).toEqual([{ orderId: order.orderId, body: expect.objectContaining({ marketplaceId: 'ATVPDKIKX0DER', packageDetail: expect.objectContaining({ packageReferenceId: '7', carrierCode: 'DHL', trackingNumber: 'JJD000390007' }) }) }]);
  });
});
