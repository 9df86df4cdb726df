/** Connector against the strict simulator: Orders 2026 getOrder/searchOrders on-model both ways, error classes, token refresh, throttling and retries. */
import axios from 'axios';
import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import { describeWithModels, startHarness, ORDERS_MODEL, type Harness } from './sim-harness';

const http = axios.create({ validateStatus: () => true });

describeWithModels('SpApiClient orders against the strict simulator', () => {
  let h: Harness;
  const orders = generateOrders({ seed: 42, count: 12, marketplaceIds: ['ATVPDKIKX0DER', 'A1PA6795UKMFR9'] });
  beforeEach(async () => {
    h = await startHarness();
    const seeded = await http.post(`${h.sim.url}/_sim/orders`, orders);
    expect(seeded.status).toBe(200);
  });
  afterEach(async () => { await h.sim.close(); });

  it('reads an order with items, buyer and recipient that validate against the model', async () => {
    const res = await h.client.getOrder(String(orders[0].orderId), ['BUYER', 'RECIPIENT', 'PROCEEDS', 'FULFILLMENT']);
    expect(res.order.orderId).toBe(orders[0].orderId);
    expect(res.order.orderItems.length).toBeGreaterThan(0);
    const validate = h.validator.definition(ORDERS_MODEL, 'GetOrderResponse');
    expect(validate(res)).toBe(true);
    expect(h.sim.violations).toEqual([]);
  });

  it('leaves out buyer and recipient unless includedData asks for them', async () => {
    const res = await h.client.getOrder(String(orders[0].orderId));
    expect(res.order.buyer).toBeUndefined();
    expect(res.order.recipient).toBeUndefined();
  });

  it('pages through searchOrders with nextToken until every order was seen once', async () => {
    const seen: string[] = [];
    let token: string | undefined;
    do {
      const page = await h.client.searchOrders({ lastUpdatedAfter: '2026-01-01T00:00:00Z', maxResultsPerPage: 5, paginationToken: token });
      seen.push(...page.orders.map((o) => o.orderId));
      expect(page.lastUpdatedBefore).toBeDefined();
      token = page.pagination?.nextToken;
    } while (token);
    expect(seen.sort()).toEqual(orders.map((o) => String(o.orderId)).sort());
    expect(h.sim.violations).toEqual([]);
  });

  it('filters by marketplace and fulfillment status', async () => {
    const page = await h.client.searchOrders({ createdAfter: '2026-01-01T00:00:00Z', marketplaceIds: ['A1PA6795UKMFR9'], fulfillmentStatuses: ['UNSHIPPED'], includedData: ['FULFILLMENT'] });
    expect(page.orders.length).toBeGreaterThan(0);
    expect(page.orders.every((o) => o.salesChannel.marketplaceId === 'A1PA6795UKMFR9' && o.fulfillment?.fulfillmentStatus === 'UNSHIPPED')).toBe(true);
  });

  it('raises PermanentError with Amazon\'s code for an unknown order', async () => {
    const err = await h.client.getOrder('999-0000000-0000000').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PermanentError);
    expect((err as PermanentError).code).toBe('NotFound');
  });

  it('raises PermanentError for an off-model request (strict mode) such as both createdAfter and lastUpdatedAfter', async () => {
    await expect(h.client.searchOrders({ createdAfter: '2026-01-01T00:00:00Z', lastUpdatedAfter: '2026-01-01T00:00:00Z' })).rejects.toBeInstanceOf(PermanentError);
  });

  it('refreshes an expired access token once for many concurrent calls', async () => {
    await h.client.getOrder(String(orders[0].orderId));
    const before = h.lwa.refreshCount;
    await http.post(`${h.sim.url}/_sim/faults`, { expireTokens: true });
    await Promise.all(orders.slice(0, 8).map((o) => h.client.getOrder(String(o.orderId))));
    expect(h.lwa.refreshCount).toBe(before + 1);
  });

  it('raises AuthError when the API keeps refusing after a refresh', async () => {
    await http.post(`${h.sim.url}/_sim/faults`, { operations: { getOrder: { status: 403, body: { errors: [{ code: 'Unauthorized', message: 'Access to requested resource is denied.' }] } } } });
    await expect(h.client.getOrder(String(orders[0].orderId))).rejects.toBeInstanceOf(AuthError);
  });

  it('retries 429 and 5xx within its bound, then succeeds', async () => {
    await http.post(`${h.sim.url}/_sim/faults`, { operations: { getOrder: { status: 429, times: 1 } } });
    await h.client.getOrder(String(orders[0].orderId));
    await http.post(`${h.sim.url}/_sim/faults`, { operations: { getOrder: { status: 503, times: 2 } } });
    await h.client.getOrder(String(orders[0].orderId));
  });

  it('raises TransientError QuotaExceeded with a retry hint when throttling outlasts its retries', async () => {
    await http.post(`${h.sim.url}/_sim/faults`, { operations: { getOrder: { status: 429, body: { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.' }] } } } });
    const err = await h.client.getOrder(String(orders[0].orderId)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect((err as TransientError).code).toBe('QuotaExceeded');
    expect((err as TransientError).retryAfterMs).toBeGreaterThan(0);
  });

  it('raises TransientError on 5xx after its retries, never leaking the access token', async () => {
    await http.post(`${h.sim.url}/_sim/faults`, { operations: { getOrder: { status: 500 } } });
    const token = await h.lwa.getAccessToken();
    const err = await h.client.getOrder(String(orders[0].orderId)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TransientError);
    expect(JSON.stringify(err)).not.toContain(token);
    expect(String(err)).not.toContain(token);
  });
});

describeWithModels('governor in front of the simulator', () => {
  it('keeps 429s at zero for a burst of calls well beyond the bucket', async () => {
    // getOrder limited to 10/s burst 5 on the simulator's clock; 25 concurrent calls must pace, not throttle.
    const h = await startHarness({ timeScale: 1, rateLimits: { getOrder: { rate: 10, burst: 5 } } }, { maxRetries: 0 });
    try {
      const [order] = generateOrders({ seed: 1, count: 1 });
      await http.post(`${h.sim.url}/_sim/orders`, order);
      await Promise.all(Array.from({ length: 25 }, () => h.client.getOrder(String(order.orderId))));
      const stats = await http.get(`${h.sim.url}/_sim/stats`);
      expect(stats.data.operations.getOrder).toMatchObject({ accepted: 25, throttled: 0 });
    } finally {
      await h.sim.close();
    }
  });
});
