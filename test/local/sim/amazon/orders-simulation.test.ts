/** Simulated orders: the generator's orders are on-model, seeding validates, and seeding/changing an order sends ORDER_CHANGE in the SQS shape. */
import http from 'node:http';
import axios from 'axios';
import { z } from 'zod';
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { generateOrders } from '../../../../local/sim/amazon/order-generator';
import { ModelValidator } from '../../../../local/sim/amazon/model-validator';
import { SIM_MARKETPLACES } from '../../../../local/sim/amazon/marketplaces';
import { describeWithModels } from '../../../connectors/amazon/sim-harness';

const client = axios.create({ validateStatus: () => true });

describeWithModels('simulated orders', () => {
  const validator = new ModelValidator();

  it('generates orders that validate against the v2026-01-01 Order model, with the variety the app must handle', () => {
    const orders = generateOrders({ seed: 9, count: 200, marketplaceIds: ['ATVPDKIKX0DER', 'A1PA6795UKMFR9', 'A1VC38T7YXB528'] });
    const validate = validator.definition('orders-api-model/orders_2026-01-01.json', 'Order');
    for (const o of orders) expect(validate(o) ? [] : validate.errors).toEqual([]);
    const text = JSON.stringify(orders);
    expect(text).toContain('"PENDING"');
    expect(text).toContain('"CANCELLED"');
    expect(text).toContain('AMAZON_BUSINESS');
    expect(text).toContain('GIFT_WRAP');
    expect(text).toContain('promotionId');
    expect(orders.some((o) => z.array(z.unknown()).parse(o.orderItems).length > 1)).toBe(true);
    expect(text).toMatch(/ü|é|山田/);
    expect(generateOrders({ seed: 9, count: 3 })).toEqual(generateOrders({ seed: 9, count: 3 }));
  });

  it('writes valid orders for each of Amazon\'s 23 marketplaces in its currency, with tax data (VAT included, US tax on top)', () => {
    const validate = validator.definition('orders-api-model/orders_2026-01-01.json', 'Order');
    const ItemSchema = z.object({ proceeds: z.object({ proceedsTotal: z.object({ amount: z.string(), currencyCode: z.string() }), breakdowns: z.array(z.object({ type: z.string(), subtotal: z.object({ amount: z.string() }) })) }), tax: z.record(z.unknown()).optional() }).passthrough();
    const currencies = new Map<string, string>();
    for (const m of SIM_MARKETPLACES) {
      const orders = generateOrders({ seed: 77, count: 20, marketplaceIds: [m.id], pendingRate: 0, cancelledRate: 0, giftRate: 0.5, businessRate: 0.5 });
      for (const o of orders) {
        expect(validate(o) ? [] : validate.errors).toEqual([]);
        for (const raw of z.array(z.unknown()).parse(o.orderItems)) {
          const item = ItemSchema.parse(raw);
          const sum = (types: string[]) => item.proceeds.breakdowns.filter((b) => types.includes(b.type)).reduce((a, b) => a + Number(b.subtotal.amount), 0);
          const charges = sum(['ITEM', 'SHIPPING', 'GIFT_WRAP', 'DISCOUNT']);
          // VAT-inclusive prices already hold the tax; the US and CA marketplace facilitator adds it on top.
          const expected = m.taxModel === 'vat-inclusive' ? charges : charges + sum(['TAX']);
          expect(Number(item.proceeds.proceedsTotal.amount)).toBeCloseTo(expected, 2);
          expect(sum(['TAX'])).toBeGreaterThan(0);
          if (m.taxModel === 'marketplace-facilitator') expect(JSON.stringify(item.tax)).toContain('MARKETPLACE_FACILITATOR');
          currencies.set(m.code, item.proceeds.proceedsTotal.currencyCode);
        }
      }
      const business = orders.find((o) => z.array(z.string()).parse(o.programs).includes('AMAZON_BUSINESS'));
      expect(JSON.stringify(business?.tax)).toMatch(m.vatPrefix ? new RegExp(`"VAT".*"${m.vatPrefix}\\d{9}"`) : /"BUSINESS"/);
    }
    expect(currencies.size).toBe(23);
    expect(Object.fromEntries(currencies)).toMatchObject({ US: 'USD', UK: 'GBP', JP: 'JPY', SE: 'SEK', PL: 'PLN', TR: 'TRY', IN: 'INR', AU: 'AUD', SG: 'SGD', BR: 'BRL', EG: 'EGP' });
  });

  it('keeps giving the same orders for a seed (what specs built on a seed rely on)', () => {
    const [order] = generateOrders({ seed: 7, count: 1 });
    expect(order).toMatchObject({ orderId: expect.stringMatching(/^\d{3}-\d{7}-\d{7}$/), salesChannel: { marketplaceId: 'ATVPDKIKX0DER' } });
    expect(generateOrders({ seed: 7, count: 1, fulfilledBy: 'AMAZON' })[0]?.orderId).toBe(order?.orderId);
  });

  it('refuses to seed an order that is off the model, with reasons', async () => {
    const sim = await startAmazonSimulator();
    try {
      const res = await client.post(`${sim.url}/_sim/orders`, { orderId: '1', createdTime: 'yesterday' });
      expect(res.status).toBe(400);
      expect(res.data.reasons.join(' ')).toMatch(/salesChannel|orderItems|lastUpdatedTime/);
    } finally {
      await sim.close();
    }
  });

  it('posts a valid ORDER_CHANGE inside an SQS message with the x-api-key when an order is seeded or changed', async () => {
    const received: Array<{ key: string | undefined; body: string }> = [];
    const sink = http.createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => { body += c.toString('utf8'); });
      req.on('end', () => { received.push({ key: req.headers['x-api-key'] as string | undefined, body }); res.writeHead(202).end(); });
    });
    await new Promise<void>((r) => sink.listen(0, '127.0.0.1', () => r()));
    const port = (sink.address() as { port: number }).port;
    const sim: AmazonSimulator = await startAmazonSimulator({ notifyUrl: `http://127.0.0.1:${port}/api/amazon/notifications`, notifyApiKey: 'k-123' });
    try {
      const [order] = generateOrders({ seed: 3, count: 1, pendingRate: 0, cancelledRate: 0 });
      await client.post(`${sim.url}/_sim/orders`, order);
      await client.post(`${sim.url}/_sim/orders`, { ...order, lastUpdatedTime: '2026-03-02T00:00:00Z', fulfillment: { fulfillmentStatus: 'CANCELLED', fulfilledBy: 'MERCHANT' } });
      await sim.notifications.flush();
      expect(received).toHaveLength(2);
      expect(received[0].key).toBe('k-123');
      const message = z.object({ MessageId: z.string(), Body: z.string() }).parse(JSON.parse(received[1].body));
      const notification: unknown = JSON.parse(message.Body);
      const validate = validator.jsonSchema('notifications/OrderChangeNotification.json');
      expect(validate(notification) ? [] : validate.errors).toEqual([]);
      expect(JSON.stringify(notification)).toContain('"OrderStatus":"Canceled"');
      // ORDER_CHANGE carries no buyer data or address (docs/amazon-facts.md, Deprecations to know first).
      expect(message.Body).not.toContain('buyerName');
      const stored = await client.get(`${sim.url}/_sim/orders/${String(order.orderId)}`);
      expect(stored.data.fulfillment.fulfillmentStatus).toBe('CANCELLED');
    } finally {
      await sim.close();
      sink.close();
    }
  });

  it('keeps orders across a restart when a state file is given', async () => {
    const file = `/tmp/spapi-sim-state-${process.pid}-${Date.now()}.json`;
    const [order] = generateOrders({ seed: 5, count: 1 });
    const first = await startAmazonSimulator({ stateFile: file });
    await client.post(`${first.url}/_sim/orders`, order);
    await first.close();
    const second = await startAmazonSimulator({ stateFile: file });
    try {
      expect((await client.get(`${second.url}/_sim/orders/${String(order.orderId)}`)).status).toBe(200);
      await client.post(`${second.url}/_sim/reset`);
      expect((await client.get(`${second.url}/_sim/orders/${String(order.orderId)}`)).status).toBe(404);
    } finally {
      await second.close();
    }
  });
});
