/** The simulator's order lifecycle: buyer cancel requests, Amazon cancellations, the seller's acknowledgement feed, and regional endpoints. */
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { generateOrders } from '../../../../local/sim/amazon/order-generator';

type Json = Record<string, any>;

describe('SP-API simulator: after the order', () => {
  let sim: AmazonSimulator;
  let token = '';
  beforeAll(async () => {
    sim = await startAmazonSimulator({ feedProcessingSeconds: 1 });
    const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sim.refreshToken, client_id: sim.clientId, client_secret: sim.clientSecret });
    token = String(((await (await fetch(`${sim.url}/auth/o2/token`, { method: 'POST', body: form })).json()) as Json).access_token);
  });
  afterAll(async () => { await sim.close(); });

  const call = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<{ status: number; body: Json }> => {
    const res = await fetch(`${sim.url}${path}`, { method, headers: { 'content-type': 'application/json', 'x-amz-access-token': token, ...headers }, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : {} };
  };
  async function seed(seedNo: number, marketplaceId = 'ATVPDKIKX0DER'): Promise<Json> {
    const [order] = generateOrders({ seed: seedNo, count: 1, marketplaceIds: [marketplaceId], pendingRate: 0, cancelledRate: 0 });
    expect((await call('POST', '/_sim/orders', order)).status).toBeLessThan(300);
    return order as Json;
  }
  async function acknowledge(xml: string): Promise<void> {
    const doc = await call('POST', '/feeds/2021-06-30/documents', { contentType: 'text/xml; charset=UTF-8' });
    await fetch(String(doc.body.url), { method: 'PUT', headers: { 'content-type': 'text/xml; charset=UTF-8' }, body: xml });
    const feed = await call('POST', '/feeds/2021-06-30/feeds', { feedType: 'POST_ORDER_ACKNOWLEDGEMENT_DATA', marketplaceIds: ['ATVPDKIKX0DER'], inputFeedDocumentId: doc.body.feedDocumentId });
    expect(feed.status).toBe(202);
    await call('POST', `/_sim/feeds/${String(feed.body.feedId)}/process`);
  }
  const ackXml = (orderId: string, items: string[], reason: string) => `<?xml version="1.0"?><AmazonEnvelope><Header><DocumentVersion>1.01</DocumentVersion><MerchantIdentifier>S</MerchantIdentifier></Header><MessageType>OrderAcknowledgement</MessageType><Message><MessageID>1</MessageID><OrderAcknowledgement><AmazonOrderID>${orderId}</AmazonOrderID><StatusCode>Failure</StatusCode>${items.map((i) => `<Item><AmazonOrderItemCode>${i}</AmazonOrderItemCode><CancelReason>${reason}</CancelReason></Item>`).join('')}</OrderAcknowledgement></Message></AmazonEnvelope>`;

  it('records a buyer cancel request on every item, and a seller acknowledgement with Failure cancels the order', async () => {
    const order = await seed(11);
    expect((await call('POST', `/_sim/orders/${order.orderId}/cancel-request`, {})).status).toBe(200);
    let seen = (await call('GET', `/_sim/orders/${order.orderId}`)).body;
    expect(seen.orderItems.every((i: Json) => i.cancellation?.cancellationRequest?.requester === 'BUYER')).toBe(true);
    expect(seen.acknowledgements).toEqual([]);
    await acknowledge(ackXml(order.orderId, order.orderItems.map((i: Json) => i.orderItemId), 'BuyerCanceled'));
    seen = (await call('GET', `/_sim/orders/${order.orderId}`)).body;
    expect(seen.fulfillment.fulfillmentStatus).toBe('CANCELLED');
    expect(seen.acknowledgements).toEqual([{ statusCode: 'Failure', cancelReason: 'BuyerCanceled', items: order.orderItems.map((i: Json) => ({ orderItemId: i.orderItemId, cancelReason: 'BuyerCanceled' })) }]);
    // A second cancellation of a canceled order is refused in the processing report and not recorded.
    await acknowledge(ackXml(order.orderId, order.orderItems.map((i: Json) => i.orderItemId), 'BuyerCanceled'));
    expect((await call('GET', `/_sim/orders/${order.orderId}`)).body.acknowledgements).toHaveLength(1);
    expect((await call('POST', `/_sim/orders/${order.orderId}/cancel-request`, {})).status).toBe(409);
  });

  it('refuses a cancel reason off the published list', async () => {
    const order = await seed(12);
    await acknowledge(ackXml(order.orderId, order.orderItems.map((i: Json) => i.orderItemId), 'BecauseISaidSo'));
    const seen = (await call('GET', `/_sim/orders/${order.orderId}`)).body;
    expect(seen.acknowledgements).toEqual([]);
    expect(seen.fulfillment.fulfillmentStatus).toBe('UNSHIPPED');
  });

  it('lets Amazon cancel some items (the order stays open) or the whole order', async () => {
    const order = await seed(13);
    const first = order.orderItems[0].orderItemId as string;
    expect((await call('POST', `/_sim/orders/${order.orderId}/cancel`, { orderItemIds: ['nope'] })).status).toBe(400);
    const some = await call('POST', `/_sim/orders/${order.orderId}/cancel`, { orderItemIds: [first] });
    expect(some.body.orderCanceled).toBe(order.orderItems.length === 1);
    const seen = (await call('GET', `/_sim/orders/${order.orderId}`)).body;
    expect(seen.orderItems[0].cancellation.cancellationExecution.cancelledBy).toBe('AMAZON');
    expect(seen.fulfillment.fulfillmentStatus).toBe(order.orderItems.length === 1 ? 'CANCELLED' : 'UNSHIPPED');
  });

  it('serves an order only at its own region\'s endpoint, and records which endpoint served it', async () => {
    const order = await seed(14, 'A1PA6795UKMFR9');
    expect((await call('GET', `/na/orders/2026-01-01/orders/${order.orderId}`)).status).toBe(404);
    expect((await call('GET', `/eu/orders/2026-01-01/orders/${order.orderId}`)).status).toBe(200);
    expect((await call('GET', `/_sim/orders/${order.orderId}`)).body.endpoints).toEqual([{ operation: 'getOrder', region: 'eu' }]);
  });

  it('refuses confirmShipment for a Ship+ order, as Amazon documents', async () => {
    const order = await seed(15);
    await call('POST', '/_sim/orders', { ...order, programs: ['FBM_SHIP_PLUS'] });
    const item = order.orderItems[0];
    const res = await call('POST', `/orders/v0/orders/${order.orderId}/shipmentConfirmation`, {
      marketplaceId: 'ATVPDKIKX0DER', packageDetail: { packageReferenceId: '1', carrierCode: 'UPS', trackingNumber: '1Z1', shipDate: '2026-03-02T10:00:00Z', orderItems: [{ orderItemId: item.orderItemId, quantity: item.quantityOrdered }] },
    });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toMatch(/Ship\+/);
  });
});
