/**
 * The simulator's sandbox control: listings kept per seller, marketplace and SKU (feeds apply to their marketplaces and
 * say which), ids never reused in one sandbox's life, reports filed under the seller's first marketplace, and realistic
 * orders generated on demand.
 */
import http_ from 'node:http';
import { z } from 'zod';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { ModelValidator } from '../../../../local/sim/amazon/model-validator';
import { describeWithModels } from '../../../connectors/amazon/sim-harness';
import { call, http } from './sim-client';

const US = 'ATVPDKIKX0DER';
const CA = 'A2EUQ1WTGCTBG2';
const DE = 'A1PA6795UKMFR9';
const ListingsSchema = z.array(z.object({ sku: z.string(), marketplaceId: z.string(), quantity: z.number().nullable(), price: z.object({ currency: z.string(), amount: z.string() }).nullable(), productType: z.string(), attributes: z.record(z.unknown()) }));
const OrderIdsSchema = z.object({ orderIds: z.array(z.string()) });

async function submitFeed(sim: AmazonSimulator, marketplaceIds: string[], messages: unknown[]): Promise<string> {
  const doc = await call(sim, 'POST', '/feeds/2021-06-30/documents', { contentType: 'application/json; charset=UTF-8' });
  const { feedDocumentId, url } = z.object({ feedDocumentId: z.string(), url: z.string() }).parse(doc.data);
  await http.put(url, JSON.stringify({ header: { sellerId: sim.sellerId, version: '2.0' }, messages }), { headers: { 'content-type': 'application/json; charset=UTF-8' } });
  const feed = await call(sim, 'POST', '/feeds/2021-06-30/feeds', { feedType: 'JSON_LISTINGS_FEED', marketplaceIds, inputFeedDocumentId: feedDocumentId });
  expect(feed.status).toBe(202);
  const { feedId } = z.object({ feedId: z.string() }).parse(feed.data);
  await http.post(`${sim.url}/_sim/feeds/${feedId}/process`);
  return feedId;
}

const quantityPatch = (messageId: number, sku: string, quantity: number) => ({
  messageId, sku, operationType: 'PATCH', productType: 'PRODUCT',
  patches: [{ op: 'merge', path: '/attributes/fulfillment_availability', value: [{ fulfillment_channel_code: 'DEFAULT', quantity }] }],
});

describeWithModels('SP-API simulator sandbox control', () => {
  let sim: AmazonSimulator;
  beforeEach(async () => { sim = await startAmazonSimulator({ timeScale: 1000 }); });
  afterEach(async () => {
    expect(sim.violations).toEqual([]);
    await sim.close();
  });

  it('keeps one listing per marketplace: a regional feed changes only its own marketplaces', async () => {
    await http.post(`${sim.url}/_sim/listings`, [US, CA, DE].map((marketplaceId) => ({ sku: 'SKU-1', marketplaceId, quantity: 1 })));
    const feedId = await submitFeed(sim, [US, CA], [quantityPatch(1, 'SKU-1', 7)]);
    await submitFeed(sim, [DE], [quantityPatch(1, 'SKU-1', 3)]);
    const listings = ListingsSchema.parse((await http.get(`${sim.url}/_sim/listings`)).data);
    expect(Object.fromEntries(listings.map((l) => [l.marketplaceId, l.quantity]))).toEqual({ [US]: 7, [CA]: 7, [DE]: 3 });
    expect(ListingsSchema.parse((await http.get(`${sim.url}/_sim/listings?marketplaceId=${DE}`)).data).map((l) => l.quantity)).toEqual([3]);
    const feeds = z.array(z.object({ feedId: z.string(), marketplaceIds: z.array(z.string()) })).parse((await http.get(`${sim.url}/_sim/feeds`)).data);
    expect(feeds.find((f) => f.feedId === feedId)?.marketplaceIds).toEqual([US, CA]);
  });

  it('shows the offer price a put sets (purchasable_offer our_price), and null without one', async () => {
    const put = await call(sim, 'PUT', `/listings/2021-08-01/items/${sim.sellerId}/SKU-P?marketplaceIds=${DE}`, {
      productType: 'PRODUCT',
      attributes: { purchasable_offer: [{ marketplace_id: DE, currency: 'EUR', our_price: [{ schedule: [{ value_with_tax: 19.99 }] }] }] },
    });
    expect(put.status).toBe(200);
    await http.post(`${sim.url}/_sim/listings`, [{ sku: 'SKU-N', quantity: 2 }]);
    const listings = ListingsSchema.parse((await http.get(`${sim.url}/_sim/listings`)).data);
    expect(listings.find((l) => l.sku === 'SKU-P')).toMatchObject({ marketplaceId: DE, price: { currency: 'EUR', amount: '19.99' } });
    // Seeded without a marketplace: the seller's first one.
    expect(listings.find((l) => l.sku === 'SKU-N')).toMatchObject({ marketplaceId: US, price: null, quantity: 2 });
  });

  it('never hands out a report, feed, document or order id twice, also not after /_sim/reset', async () => {
    const report = async () => z.object({ reportId: z.string(), reportDocumentId: z.string() }).parse((await http.post(`${sim.url}/_sim/reports`, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', content: 'x', notify: false })).data);
    const generated = async () => OrderIdsSchema.parse((await http.post(`${sim.url}/_sim/orders`, { generate: 2 })).data).orderIds;
    const before = [await report(), await generated()];
    await http.post(`${sim.url}/_sim/reset`);
    const after = [await report(), await generated()];
    const ids = [before, after].flatMap(([r, o]) => [...Object.values(r as Record<string, string>), ...(o as string[])]);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps the id sequence in the state file, so a restarted sandbox goes on where it stopped', async () => {
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'spapi-sim-')), 'state.json');
    const first = await startAmazonSimulator({ stateFile: file });
    const a = z.object({ reportId: z.string() }).parse((await http.post(`${first.url}/_sim/reports`, { reportType: 'X', content: 'x', notify: false })).data);
    await http.post(`${first.url}/_sim/reset`);
    await first.close();
    const second = await startAmazonSimulator({ stateFile: file });
    try {
      const b = z.object({ reportId: z.string() }).parse((await http.post(`${second.url}/_sim/reports`, { reportType: 'X', content: 'x', notify: false })).data);
      expect(Number(b.reportId)).toBeGreaterThan(Number(a.reportId));
    } finally {
      await second.close();
    }
  });

  it('files a report under the seller\'s first marketplace unless told otherwise, whatever its type', async () => {
    await http.post(`${sim.url}/_sim/reports`, { reportType: 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE', content: 'x', notify: false });
    await http.post(`${sim.url}/_sim/reports`, { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', content: 'y', notify: false, marketplaceIds: [DE] });
    const res = await call(sim, 'GET', '/reports/2021-06-30/reports?reportTypes=GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE,GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2');
    const reports = z.object({ reports: z.array(z.object({ reportType: z.string(), marketplaceIds: z.array(z.string()) })) }).parse(res.data).reports;
    expect(Object.fromEntries(reports.map((r) => [r.reportType, r.marketplaceIds]))).toEqual({ GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE: [US], GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2: [DE] });
  });

  describe('orders on demand', () => {
    const validator = new ModelValidator();
    const validOrder = validator.definition('orders-api-model/orders_2026-01-01.json', 'Order');
    const OrderSchema = z.object({
      orderId: z.string(),
      programs: z.array(z.string()),
      salesChannel: z.object({ marketplaceId: z.string() }),
      fulfillment: z.object({ fulfilledBy: z.string(), fulfillmentStatus: z.string() }),
      associatedOrders: z.array(z.object({ associationType: z.string() })).optional(),
      tax: z.object({ taxRegistrations: z.array(z.object({ taxRegistrationType: z.string(), taxRegistrationNumber: z.string() })) }).optional(),
      orderItems: z.array(z.object({ quantityOrdered: z.number(), product: z.object({ sellerSku: z.string() }), proceeds: z.object({ breakdowns: z.array(z.object({ type: z.string(), subtotal: z.object({ amount: z.string(), currencyCode: z.string() }) })) }) })),
    }).passthrough();
    const order = async (id: string) => {
      const raw: unknown = (await http.get(`${sim.url}/_sim/orders/${id}`)).data;
      expect(validOrder(raw) ? [] : validOrder.errors).toEqual([]);
      return OrderSchema.parse(raw);
    };

    it('generates N new unshipped orders in the seller\'s first marketplace, announced by ORDER_CHANGE', async () => {
      const announced: string[] = [];
      const sink = http_.createServer((req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
        req.on('end', () => { announced.push(body); res.writeHead(200).end(); });
      });
      await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
      sim.notifications.setNotifyUrl(`http://127.0.0.1:${(sink.address() as { port: number }).port}/`);
      const res = await http.post(`${sim.url}/_sim/orders`, { generate: 3 });
      expect(res.status).toBe(201);
      const { orderIds } = OrderIdsSchema.parse(res.data);
      expect(orderIds).toHaveLength(3);
      for (const id of orderIds) expect(await order(id)).toMatchObject({ salesChannel: { marketplaceId: US }, fulfillment: { fulfillmentStatus: 'UNSHIPPED' } });
      await sim.notifications.flush();
      await new Promise<void>((r) => sink.close(() => r()));
      for (const id of orderIds) expect(announced.filter((b) => b.includes('ORDER_CHANGE') && b.includes(id))).toHaveLength(1);
      // The orders are there to be found by searchOrders.
      const search = await call(sim, 'GET', `/orders/2026-01-01/orders?createdAfter=${new Date(sim.clock.now() - 3_600_000).toISOString()}`);
      expect(z.object({ orders: z.array(z.object({ orderId: z.string() })) }).parse(search.data).orders.map((o) => o.orderId)).toEqual(expect.arrayContaining(orderIds));
    });

    it('writes orders for the marketplace asked for, in its currency, with VAT included and stated', async () => {
      const { orderIds: [id] } = OrderIdsSchema.parse((await http.post(`${sim.url}/_sim/orders`, { generate: 1, marketplaceId: 'A1C3SOZRARQ6R3', items: [{ sku: 'PL-1', quantity: 3 }] })).data);
      const o = await order(String(id));
      expect(o.orderItems).toHaveLength(1);
      expect(o.orderItems[0]).toMatchObject({ quantityOrdered: 3, product: { sellerSku: 'PL-1' } });
      const tax = o.orderItems[0]!.proceeds.breakdowns.find((b) => b.type === 'TAX');
      expect(tax?.subtotal.currencyCode).toBe('PLN');
      expect(Number(tax?.subtotal.amount)).toBeGreaterThan(0);
    });

    it('writes business, replacement, FBA and program orders on request', async () => {
      const ids = OrderIdsSchema.parse((await http.post(`${sim.url}/_sim/orders`, { generate: 1, marketplaceId: DE, business: true, replacement: true, fulfilledBy: 'AMAZON', programs: ['PRIME', 'AMAZON_EASY_SHIP'] })).data).orderIds;
      const o = await order(String(ids[0]));
      expect(o.programs).toEqual(expect.arrayContaining(['AMAZON_BUSINESS', 'PRIME', 'AMAZON_EASY_SHIP']));
      expect(o.fulfillment.fulfilledBy).toBe('AMAZON');
      expect(o.associatedOrders?.[0]?.associationType).toBe('REPLACEMENT_ORIGINAL_ID');
      expect(o.tax?.taxRegistrations[0]).toMatchObject({ taxRegistrationType: 'VAT', taxRegistrationNumber: expect.stringMatching(/^DE\d{9}$/) });
    });

    it('refuses a generate request it cannot honour, naming the field', async () => {
      const res = await http.post(`${sim.url}/_sim/orders`, { generate: 1, marketplaceId: 'NOWHERE', programs: ['FREE_LUNCH'] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.data)).toMatch(/marketplaceId/);
      expect(JSON.stringify(res.data)).toMatch(/programs/);
    });
  });
});
