/**
 * The simulator's Finances API 2024-06-19: transactions stored through `POST /_sim/finances` (checked against the
 * model's Transaction) come back from `listTransactions` by posted date, marketplace and order id, with Amazon's rules
 * on the date window; a transaction stored twice under one id is kept once.
 */
import { z } from 'zod';
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { describeWithModels } from '../../../connectors/amazon/sim-harness';
import { call, http, invalidInputMessage } from './sim-client';

const DE = 'A1PA6795UKMFR9';
const DAY = 86_400_000;
const PageSchema = z.object({ payload: z.object({ transactions: z.array(z.object({ transactionId: z.string() }).passthrough()), nextToken: z.string().optional() }) });

function refund(id: string, orderId: string, postedDate: string): Record<string, unknown> {
  return {
    transactionId: id, transactionType: 'Refund', transactionStatus: 'RELEASED', description: 'Refund Order', postedDate,
    marketplaceDetails: { marketplaceId: DE, marketplaceName: 'Amazon.de' },
    relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId }],
    totalAmount: { currencyCode: 'EUR', currencyAmount: -19.99 },
    items: [{ description: 'Mug', totalAmount: { currencyCode: 'EUR', currencyAmount: -19.99 },
      relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: `${id}-1` }],
      contexts: [{ contextType: 'ProductContext', sku: 'SKU-1', quantityShipped: 1 }] }],
  };
}

describeWithModels('SP-API simulator Finances transactions', () => {
  let sim: AmazonSimulator;
  beforeEach(async () => { sim = await startAmazonSimulator({ timeScale: 1000 }); });
  afterEach(async () => {
    expect(sim.violations).toEqual([]);
    await sim.close();
  });

  const iso = (msAgo: number) => new Date(sim.clock.now() - msAgo).toISOString();

  it('lists stored refunds posted in the window, filtered by order id, once per transaction id', async () => {
    const stored = await http.post(`${sim.url}/_sim/finances`, [refund('T-1', '028-1', iso(10 * DAY)), refund('T-2', '028-2', iso(5 * DAY))]);
    expect(stored.status).toBe(201);
    await http.post(`${sim.url}/_sim/finances`, refund('T-1', '028-1', iso(10 * DAY)));
    const all = await call(sim, 'GET', `/finances/2024-06-19/transactions?postedAfter=${encodeURIComponent(iso(20 * DAY))}`);
    expect(all.status).toBe(200);
    expect(PageSchema.parse(all.data).payload.transactions.map((t) => t.transactionId)).toEqual(['T-1', 'T-2']);
    const one = await call(sim, 'GET', '/finances/2024-06-19/transactions?relatedIdentifierName=ORDER_ID&relatedIdentifierValue=028-2');
    expect(PageSchema.parse(one.data).payload.transactions.map((t) => t.transactionId)).toEqual(['T-2']);
    const later = await call(sim, 'GET', `/finances/2024-06-19/transactions?postedAfter=${encodeURIComponent(iso(7 * DAY))}`);
    expect(PageSchema.parse(later.data).payload.transactions.map((t) => t.transactionId)).toEqual(['T-2']);
  });

  it('refuses a call without postedAfter or related identifier, and a window ending within the last two minutes', async () => {
    expect(invalidInputMessage((await call(sim, 'GET', '/finances/2024-06-19/transactions')).data)).toMatch(/postedAfter is required/);
    const tooRecent = await call(sim, 'GET', `/finances/2024-06-19/transactions?postedAfter=${encodeURIComponent(iso(60_000))}`);
    expect(tooRecent.status).toBe(400);
  });

  it('refuses a stored transaction that is not a model Transaction', async () => {
    const res = await http.post(`${sim.url}/_sim/finances`, { transactionId: 'T-X', postedDate: iso(0), totalAmount: 'lots' });
    expect(res.status).toBe(400);
  });
});
