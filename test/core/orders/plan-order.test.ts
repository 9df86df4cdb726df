import { readFileSync } from 'node:fs';
import path from 'node:path';
import { planOrder, toCanonicalOrder, OrderPlanSchema, blockingIssues, type OrderPlan } from '../../../core/orders';
import { loadMappingsText, type Mappings } from '../../../core/mapping';
import { renderOrderPlan } from '../../../core/orders/structured-order-plan';
import type { OrderPlan as OrderPlanJson } from '../../../core/orders/order-plan';

/** The plan as `m3sync plan-order` prints it (docs/contracts.md, Order plan JSON). */
const planJson = (...args: Parameters<typeof planOrder>): OrderPlanJson => renderOrderPlan(planOrder(...args));

const repo = path.resolve(__dirname, '../../..');
const fixture = (name: string): unknown => JSON.parse(readFileSync(path.join(repo, 'test/fixtures/orders', name), 'utf8'));
const defaults = (): Mappings => loadMappingsText(readFileSync(path.join(repo, 'mappings/default.json'), 'utf8'), 'default.json');
const plan = (name: string, mappings = defaults(), options = {}): OrderPlan => planJson(toCanonicalOrder(fixture(name)), mappings, options);
const steps = (p: OrderPlan): string[] => p.calls.map((c) => `${c.program}.${c.transaction}`);
const addBatch = (p: OrderPlan) => p.calls.filter((c) => c.transaction.startsWith('AddBatch'));

// M3 input lengths from docs/m3-facts.md, Field lengths and formats.
const LENGTHS: Record<string, number> = { CUNO: 10, ORTP: 3, FACI: 3, WHLO: 3, CUOR: 20, ITNO: 15, ORQT: 16, SAPR: 18, CUPO: 7, CUNM: 36, CUA1: 36, CUA2: 36, CUA3: 36, CUA4: 36, TOWN: 20, PONO: 10, ECAR: 2, CSCD: 3, PHNO: 10, PHN2: 16, YREF: 30, CRID: 6, CRAM: 16, CUCD: 3, LNCD: 2, ADRT: 2, DIA2: 16, ITDS: 30, A030: 30, A130: 30, A230: 30, A330: 30, FILE: 10, PK01: 30 };

function expectFieldsFit(p: OrderPlan): void {
  for (const call of p.calls) {
    for (const [field, value] of Object.entries(call.params)) {
      const max = LENGTHS[field];
      if (max !== undefined) expect([...value].length).toBeLessThanOrEqual(max);
    }
  }
}

describe('planOrder', () => {
  it('creates an unshipped order: head, lines, line charges, address, confirm', () => {
    const p = plan('v2026-single-line.json');
    expect(OrderPlanSchema.parse(p)).toEqual(p);
    expect(p.action).toBe('create');
    expect(steps(p).slice(0, 5)).toEqual(['OIS100MI.AddBatchHead', 'OIS100MI.AddBatchLine', 'OIS100MI.AddBatchLineChg', 'OIS100MI.AddBatchAddress', 'OIS100MI.Confirm']);
    expect(p.calls[0].params).toMatchObject({ CUNO: 'AMZUS', ORTP: 'AMZ', FACI: 'A01', WHLO: 'A10', CUOR: '113-0000001-0000001', CUCD: 'USD' });
    expect(p.calls[1].params).toMatchObject({ ITNO: 'WIDGET-1', ORQT: '1', SAPR: '19.99' });
    expect(p.calls[2].params).toMatchObject({ CRID: 'FRT', CRAM: '4.99' });
    expect(p.calls[3].params).toMatchObject({ CUNM: 'Jane Doe', CUA1: '123 Main Street', CUA2: 'Apt 4', TOWN: 'Seattle', ECAR: 'WA', PONO: '98101', CSCD: 'US', PHNO: '2065550100' });
    expect(p.issues).toEqual([]);
    expectFieldsFit(p);
  });

  it('sends quantity and the unit price before promotions as strings, the promotion as a line discount', () => {
    const p = plan('v2026-multi-line-promo-gift.json');
    const lines = p.calls.filter((c) => c.transaction === 'AddBatchLine');
    expect(lines[0].params).toMatchObject({ ITNO: 'MUG-BLUE', ORQT: '3', SAPR: '12.50', DIA2: '5.00', CUPO: '1' });
    expect(lines[1].params).toMatchObject({ ITNO: 'TEA-SET-XL', ORQT: '1', SAPR: '49.00', CUPO: '2' });
    // Gift wrap becomes a charge item line whose item differs from every SKU.
    expect(lines[2].params).toMatchObject({ ITNO: 'GIFTWRAP', ORQT: '1', SAPR: '2.50' });
    // Shipping fully discounted: no charge.
    expect(steps(p)).not.toContain('OIS100MI.AddBatchLineChg');
  });

  it('keeps text as written: ü stays ü', () => {
    const address = plan('v2026-multi-line-promo-gift.json').calls.find((c) => c.transaction === 'AddBatchAddress');
    expect(address?.params).toMatchObject({ CUNM: 'Jürgen Müller', CUA1: 'Königstraße 12', TOWN: 'München', CSCD: 'DE' });
    expect(address?.params.ECAR).toBeUndefined();
    expect(Object.values(address?.params ?? {})).toContain('Bayern');
  });

  it('holds an order whose address does not fit CUNM + CUA1–CUA4 even wrapped, rather than dropping words', () => {
    const p = plan('v2026-long-unicode-address.json');
    expect(p.action).toBe('create');
    expect(addBatch(p)).toEqual([]);
    expect(blockingIssues(p).map((i) => i.code)).toEqual(['ADDRESS_TOO_LONG']);
    expect(p.reason).toContain('ADDRESS_TOO_LONG');
    expect(JSON.stringify(p.issues)).not.toContain('Rua');
  });

  it('keeps CJK addresses intact when they fit by characters', () => {
    const p = plan('v2026-japan-cjk.json');
    const address = p.calls.find((c) => c.transaction === 'AddBatchAddress');
    expect(address?.params.CUA1).toBe('東京都千代田区丸の内一丁目九番二号グラントウキョウサウスタワー二十階');
    expect(address?.params.CUNM).toBe('山田 太郎');
    expect(p.calls[0].params).toMatchObject({ CUNO: 'AMZJP', WHLO: 'F10', CUCD: 'JPY' });
    expect(p.calls.find((c) => c.transaction === 'AddBatchLine')?.params.SAPR).toBe('1500');
  });

  it('divides the v0 ItemPrice by the quantity and reports an inexact division', () => {
    const p = plan('v0-capture.json');
    const lines = p.calls.filter((c) => c.transaction === 'AddBatchLine');
    expect(lines[0].params).toMatchObject({ ITNO: 'WIDGET-1', ORQT: '3', SAPR: '19.99' });
    expect(lines[1].params).toMatchObject({ ITNO: 'GADGET-3', SAPR: '3.333333' });
    expect(p.issues.map((i) => i.code)).toContain('PRICE_ROUNDED');
  });

  it("sends the business buyer's VAT number on the delivery address (VRNO)", () => {
    const address = plan('v2026-business.json').calls.find((c) => c.transaction === 'AddBatchAddress');
    expect(address?.params.VRNO).toBe('GB123456789');
  });

  it('sends gross prices on a VAT-inclusive marketplace by default, and (price − item tax) ÷ quantity when mapped net', () => {
    const gross = plan('v2026-business.json').calls.find((c) => c.transaction === 'AddBatchLine');
    expect(gross?.params.SAPR).toBe('7.25');
    const mappings = defaults();
    mappings.marketplaces.A1F83G8C2ARO7P.prices = 'net';
    const net = plan('v2026-business.json', mappings);
    // 10 × 7.25 = 72.50 gross, item tax 14.50: 58.00 net ÷ 10.
    expect(net.calls.find((c) => c.transaction === 'AddBatchLine')?.params.SAPR).toBe('5.80');
    expect(blockingIssues(net)).toEqual([]);
  });

  it('keeps the IOSS number Amazon collected import VAT under in a custom field', () => {
    const order = fixture('v2026-business.json') as { order: { orderItems: Array<Record<string, unknown>> } };
    const item = order.order.orderItems[0];
    item.fulfillment = { ...(item.fulfillment as object), shipping: { internationalShipping: { iossNumber: 'IM2760000742' } } };
    const p = planJson(toCanonicalOrder(order), defaults());
    expect(p.calls.find((c) => c.program === 'CUSEXTMI')?.params.A530).toBe('IM2760000742');
  });

  it('stores business attributes in CUSEXTMI after Confirm', () => {
    const p = plan('v2026-business.json');
    expect(steps(p).indexOf('CUSEXTMI.AddFieldValue')).toBeGreaterThan(steps(p).indexOf('OIS100MI.Confirm'));
    const ext = p.calls.find((c) => c.program === 'CUSEXTMI');
    expect(ext?.params).toMatchObject({ FILE: 'OOHEAD', A030: 'PO-2026-00042', A130: 'GB123456789', N096: '1' });
    expect(p.calls[0].params.YREF).toBe('PO-2026-00042');
    expect(p.calls[0].params).toMatchObject({ CUNO: 'AMZUK', WHLO: 'E10', CUCD: 'GBP' });
  });

  it('parks the order when a SKU is longer than the M3 item number and unmapped', () => {
    const p = plan('v2026-long-sku.json');
    expect(p.action).toBe('create');
    expect(p.calls).toEqual([]);
    expect(blockingIssues(p).map((i) => i.code)).toEqual(['SKU_NOT_FOUND']);
    expect(p.issues[0].message).toContain('AMZ-WIDGET-BLUE-LARGE-2026');
  });

  it('uses a mapping table entry or a resolved alias for a long SKU', () => {
    const mappings = defaults();
    mappings.items.table['AMZ-WIDGET-BLUE-LARGE-2026'] = 'WB-L-26';
    expect(plan('v2026-long-sku.json', mappings).calls[1].params.ITNO).toBe('WB-L-26');
    const viaAlias = plan('v2026-long-sku.json', defaults(), { items: new Map([['AMZ-WIDGET-BLUE-LARGE-2026', 'WB-ALIAS']]) });
    expect(viaAlias.calls[1].params.ITNO).toBe('WB-ALIAS');
    const missing = plan('v2026-single-line.json', defaults(), { items: new Map([['WIDGET-1', null]]) });
    expect(blockingIssues(missing).map((i) => i.code)).toEqual(['SKU_NOT_FOUND']);
  });

  it('cancels, waits and ignores without AddBatch calls', () => {
    const canceled = plan('v2026-canceled.json');
    expect(canceled.action).toBe('cancel');
    const pending = plan('v2026-pending.json');
    expect(pending.action).toBe('wait');
    const fba = plan('v2026-fba.json');
    expect(fba.action).toBe('ignore');
    for (const p of [canceled, pending, fba]) expect(addBatch(p)).toEqual([]);
  });

  it('books an Amazon-fulfilled order when the mapping says create-as-fulfilled', () => {
    const mappings = defaults();
    mappings.fulfillment.amazon = 'create-as-fulfilled';
    mappings.fulfillment.amazonOrderType = 'AFN';
    mappings.fulfillment.amazonWarehouse = 'FBA';
    const p = plan('v2026-fba.json', mappings);
    expect(p.action).toBe('create');
    expect(p.calls[0].params).toMatchObject({ ORTP: 'AFN', WHLO: 'FBA' });
    expect(steps(p)).not.toContain('OIS100MI.AddBatchAddress');
  });

  it('follows statusActions for shipped merchant orders', () => {
    const body = fixture('v2026-single-line.json') as { order: { fulfillment: { fulfillmentStatus: string } } };
    body.order.fulfillment.fulfillmentStatus = 'SHIPPED';
    expect(planJson(toCanonicalOrder(body), defaults()).action).toBe('ignore');
    const mappings = defaults();
    mappings.statusActions.shipped = 'create';
    expect(planJson(toCanonicalOrder(body), mappings).action).toBe('create');
  });

  it('reports an unmapped marketplace as blocking', () => {
    const mappings = defaults();
    delete mappings.marketplaces.ATVPDKIKX0DER;
    const p = plan('v2026-single-line.json', mappings);
    expect(p.calls).toEqual([]);
    expect(p.issues.map((i) => i.code)).toEqual(['MARKETPLACE_NOT_MAPPED']);
  });

  it('plans every fixture within M3 field lengths', () => {
    for (const name of ['v2026-single-line.json', 'v2026-multi-line-promo-gift.json', 'v2026-business.json', 'v2026-long-unicode-address.json', 'v2026-japan-cjk.json', 'v0-capture.json']) {
      expectFieldsFit(plan(name));
    }
  });
});
