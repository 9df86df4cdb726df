import { readFileSync } from 'node:fs';
import path from 'node:path';
import { toCanonicalOrder, summarizeOrder, OrderInputError, GetOrderResponseSchema } from '../../../core/orders';

const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(__dirname, '../../fixtures/orders', name), 'utf8'));

describe('toCanonicalOrder', () => {
  it('reads a v2026 getOrder body with the unit price as written', () => {
    const order = toCanonicalOrder(fixture('v2026-single-line.json'));
    expect(order.source).toBe('orders-2026-01-01');
    expect(order.status).toBe('unshipped');
    expect(order.channel).toBe('merchant');
    expect(order.marketplaceId).toBe('ATVPDKIKX0DER');
    expect(order.lines[0]).toMatchObject({ sku: 'WIDGET-1', quantity: 1, unitPrice: '19.99', itemTax: '1.80', shipping: { amount: '4.99' } });
  });

  it('keeps promotions positive and splits discounts and taxes by subtype', () => {
    const order = toCanonicalOrder(fixture('v2026-multi-line-promo-gift.json'));
    expect(order.lines[0]).toMatchObject({
      quantity: 3, unitPrice: '12.50', promotionDiscount: '5.00', promotionIds: ['SPRING-5'],
      shipping: { amount: '3.99', discount: '3.99', tax: '0.64' }, giftWrap: { amount: '2.50', level: 'STANDARD' }, isGift: true,
    });
    expect(order.lines[1].promotionDiscount).toBeUndefined();
  });

  it('divides the v0 ItemPrice line total by the quantity exactly', () => {
    const order = toCanonicalOrder(fixture('v0-capture.json'));
    expect(order.source).toBe('orders-v0');
    expect(order.lines[0]).toMatchObject({ lineTotal: '59.97', unitPrice: '19.99', unitPriceExact: true, promotionDiscount: '6.00' });
    expect(order.lines[1]).toMatchObject({ lineTotal: '10.00', unitPrice: '3.333333', unitPriceExact: false, giftWrap: { amount: '3.99' } });
  });

  it('recognises business orders, FBA orders and pending orders without prices', () => {
    const business = toCanonicalOrder(fixture('v2026-business.json'));
    expect(business.isBusinessOrder).toBe(true);
    expect(business.buyer?.purchaseOrderNumber).toBe('PO-2026-00042');
    expect(business.taxRegistrations[0]).toMatchObject({ type: 'VAT', number: 'GB123456789' });
    expect(toCanonicalOrder(fixture('v2026-fba.json')).channel).toBe('amazon');
    const pending = toCanonicalOrder(fixture('v2026-pending.json'));
    expect(pending.status).toBe('pending');
    expect(pending.lines[0].unitPrice).toBeUndefined();
    expect(pending.shipTo).toBeUndefined();
  });

  it('accepts a bare v2026 Order as well as the getOrder body', () => {
    const body = fixture('v2026-single-line.json') as { order: unknown };
    expect(toCanonicalOrder(body.order).orderId).toBe('113-0000001-0000001');
  });

  it('keeps unknown fields Amazon may add when parsing the v2026 model', () => {
    const body = fixture('v2026-single-line.json') as { order: Record<string, unknown> };
    const parsed = GetOrderResponseSchema.parse({ order: { ...body.order, futureField: { x: 1 } } });
    expect((parsed.order as Record<string, unknown>).futureField).toEqual({ x: 1 });
  });

  it('rejects an order that breaks the model with the path of the bad value', () => {
    const body = fixture('v2026-single-line.json') as { order: { orderItems: { quantityOrdered: unknown }[] } };
    body.order.orderItems[0].quantityOrdered = 'two';
    expect(() => toCanonicalOrder(body)).toThrow(OrderInputError);
    expect(() => toCanonicalOrder(body)).toThrow(/order\.orderItems\.0\.quantityOrdered/);
    expect(() => toCanonicalOrder([])).toThrow(OrderInputError);
    expect(() => toCanonicalOrder({ order: { orderId: 'x' } })).toThrow(/not a valid Orders v2026-01-01/);
  });

  it('rejects money that is not a decimal string', () => {
    const body = fixture('v2026-single-line.json') as { order: { orderItems: { product: { price: { unitPrice: { amount: unknown } } } }[] } };
    body.order.orderItems[0].product.price.unitPrice.amount = 19.99;
    expect(() => toCanonicalOrder(body)).toThrow(/unitPrice\.amount/);
  });
});

describe('summarizeOrder', () => {
  it('carries no buyer name, address, phone or e-mail', () => {
    for (const name of ['v2026-single-line.json', 'v2026-business.json', 'v2026-multi-line-promo-gift.json', 'v0-capture.json']) {
      const order = toCanonicalOrder(fixture(name));
      const text = JSON.stringify(summarizeOrder(order));
      for (const secret of [order.shipTo?.name, order.shipTo?.line1, order.shipTo?.phone, order.buyer?.email, order.buyer?.name, order.shipTo?.postalCode]) {
        if (secret !== undefined) expect(text).not.toContain(secret);
      }
      expect(summarizeOrder(order).lines.length).toBe(order.lines.length);
    }
  });
});
