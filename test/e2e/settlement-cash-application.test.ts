/**
 * Books a finance team would sign, end to end (local host, simulators, Azurite): orders created and invoiced in M3, then
 * a US and a DE settlement of those orders. Cash application makes one ARS040 receipt order per invoice for what
 * Amazon collected, books only what is not an invoiced order in the GL, and payments plus journal equal the deposit.
 */
import Decimal from 'decimal.js';
import { memorySink } from '../../local/host';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { createTableAccess } from '../../connectors/storage';
import { tableKey } from '../../connectors/storage/table-access';
import { getJson, postJson, settled, startTestSandbox } from './sandbox-support';

const REPORT_TYPE = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';
const UK = 'A1F83G8C2ARO7P';
const JP = 'A1VC38T7YXB528';

interface Line { sku: string; qty: number; unit: string; tax: string }
interface Spec { key: string; marketplaceId: string; currency: string; lines: Line[]; shipping: string; shippingTax: string; business?: boolean }
interface SimOrder { ORNO: string; CUOR: string; CUNO: string; address: Record<string, string>; customFields: Record<string, Record<string, string>> }
interface Payment { batch: string; controlled: boolean; lines: Array<Record<string, string>>; charges: Array<Record<string, string>> }
interface Journal { KEY1: string; status: string; lines: Array<Record<string, string>> }

/** Amazon's prices include VAT except on US, CA, MX and BR, where the sales tax comes on top. */
const inclusive = (marketplaceId: string) => marketplaceId !== US;
const m = (amount: Decimal.Value, currencyCode: string) => ({ amount: new Decimal(amount).toFixed(currencyCode === 'JPY' ? 0 : 2), currencyCode });

function amazonOrder(spec: Spec, seed: number): Record<string, unknown> & { orderId: string } {
  const [base] = generateOrders({ seed, count: 1, marketplaceIds: [spec.marketplaceId], pendingRate: 0, cancelledRate: 0, businessRate: spec.business ? 1 : 0, skus: ['SKU-A'] }) as Array<Record<string, unknown> & { orderId: string }>;
  const cur = spec.currency;
  let grand = new Decimal(0);
  const items = spec.lines.map((l, i) => {
    const item = new Decimal(l.unit).times(l.qty);
    const shipping = new Decimal(i === 0 ? spec.shipping : 0);
    const shipTax = new Decimal(i === 0 ? spec.shippingTax : 0);
    const tax = new Decimal(l.tax).plus(shipTax);
    // EU, UK, JP: the item and shipping amounts contain the VAT shown under TAX; US: the tax is on top.
    const total = item.plus(shipping).plus(inclusive(spec.marketplaceId) ? 0 : tax);
    grand = grand.plus(total);
    return {
      orderItemId: `${String(seed).padStart(8, '0')}${i + 1}`.padEnd(14, '0'),
      quantityOrdered: l.qty,
      product: { asin: `B0000000${i}${seed % 10}`, title: `Product ${l.sku}`, sellerSku: l.sku, condition: { conditionType: 'New' }, price: { unitPrice: m(l.unit, cur) } },
      fulfillment: { quantityFulfilled: 0, quantityUnfulfilled: l.qty },
      proceeds: {
        proceedsTotal: m(total, cur),
        breakdowns: [
          { type: 'ITEM', subtotal: m(item, cur) },
          ...(shipping.isZero() ? [] : [{ type: 'SHIPPING', subtotal: m(shipping, cur) }]),
          { type: 'TAX', subtotal: m(tax, cur), detailedBreakdowns: [{ subtype: 'ITEM', value: m(l.tax, cur) }, ...(shipTax.isZero() ? [] : [{ subtype: 'SHIPPING', value: m(shipTax, cur) }])] },
        ],
      },
    };
  });
  const order: Record<string, unknown> & { orderId: string } = { ...base, orderItems: items, proceeds: { grandTotal: m(grand, cur) } };
  if (spec.business) order.tax = { taxRegistrations: [{ entityType: 'BUYER', taxRegistrationType: 'VAT', taxRegistrationNumber: 'DE811907980' }] };
  return order;
}

const SPECS: Spec[] = [
  { key: 'us1', marketplaceId: US, currency: 'USD', lines: [{ sku: 'SKU-A', qty: 2, unit: '19.99', tax: '3.30' }], shipping: '4.99', shippingTax: '0.41' },
  { key: 'us2', marketplaceId: US, currency: 'USD', lines: [{ sku: 'SKU-B', qty: 1, unit: '49.00', tax: '4.04' }], shipping: '0.00', shippingTax: '0.00' },
  { key: 'us3', marketplaceId: US, currency: 'USD', lines: [{ sku: 'SKU-A', qty: 1, unit: '19.99', tax: '1.65' }], shipping: '4.99', shippingTax: '0.41' },
  { key: 'de1', marketplaceId: DE, currency: 'EUR', lines: [{ sku: 'SKU-A', qty: 2, unit: '29.90', tax: '9.55' }], shipping: '4.99', shippingTax: '0.80' },
  { key: 'de2', marketplaceId: DE, currency: 'EUR', lines: [{ sku: 'SKU-B', qty: 1, unit: '119.00', tax: '19.00' }], shipping: '0.00', shippingTax: '0.00', business: true },
  { key: 'uk1', marketplaceId: UK, currency: 'GBP', lines: [{ sku: 'SKU-A', qty: 1, unit: '24.00', tax: '4.00' }], shipping: '3.60', shippingTax: '0.60' },
  { key: 'jp1', marketplaceId: JP, currency: 'JPY', lines: [{ sku: 'SKU-B', qty: 1, unit: '2200', tax: '200' }], shipping: '350', shippingTax: '32' },
];

const HEADER = ['settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id', 'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id'];
type Row = [transactionType: string, orderId: string, amountType: string, description: string, amount: string];

/** A V2 flat file as the marketplace writes it: de_DE with decimal commas and dotted dates, en_US with slashes. */
function settlementFile(id: string, rows: Row[], locale: 'en_US' | 'de_DE', marketplaceName: string): { content: string; total: string } {
  const total = rows.reduce((s, r) => s.plus(r[4]), new Decimal(0)).toFixed(2);
  const amount = (a: string) => (locale === 'de_DE' ? new Decimal(a).toFixed(2).replace('.', ',') : new Decimal(a).toFixed(2));
  const date = locale === 'de_DE' ? '17.05.2026 08:00:00 UTC' : '2026-05-17 08:00:00 UTC';
  const summary = [id, '2026-05-01 08:00:00 UTC', '2026-05-15 08:00:00 UTC', date, amount(total), locale === 'de_DE' ? 'EUR' : 'USD', ...Array(18).fill('')];
  const details = rows.map((r) => [id, '', '', '', '', '', r[0], r[1], '', '', '', marketplaceName, r[2], r[3], amount(r[4]), 'MFN', locale === 'de_DE' ? '10.05.2026' : '05/10/2026', '', '', '', '', '', '', '']);
  return { content: [HEADER, summary, ...details].map((r) => r.join('\t')).join('\n'), total };
}

describe('settlement cash application end to end', () => {
  let sandbox: Sandbox;
  const sink = memorySink();
  const orders = new Map<string, Record<string, unknown> & { orderId: string }>();
  const m3 = new Map<string, SimOrder>();
  const invoices = new Map<string, { CINO: string; INYR: string; gross: string }>();
  const US_ID = '20260517001';
  const DE_ID = '20260517002';
  let usFile: { content: string; total: string };
  let deFile: { content: string; total: string };

  const id = (key: string) => orders.get(key)!.orderId;
  const payments = () => getJson<Payment[]>(`${sandbox.m3.url}/_sim/payments`);
  const journals = () => getJson<Journal[]>(`${sandbox.m3.url}/_sim/journals`);
  const postReport = async (content: string, marketplaceId: string) => {
    expect((await postJson(`${sandbox.amazon.url}/_sim/reports`, { reportType: REPORT_TYPE, content, marketplaceIds: [marketplaceId], notify: false })).status).toBe(201);
  };
  const sweep = async () => {
    await sandbox.host.invokeTimer('settlement-sweep');
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink });
    await postJson(`${sandbox.m3.url}/_sim/items`, ['SKU-A', 'SKU-B'].map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })));
    SPECS.forEach((spec, i) => orders.set(spec.key, amazonOrder(spec, 7100 + i)));
    for (const order of orders.values()) expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, order)).status).toBeLessThan(300);
    await settled(sandbox);
    const created = await getJson<SimOrder[]>(`${sandbox.m3.url}/_sim/orders`);
    for (const [key, order] of orders) {
      const found = created.find((o) => o.CUOR === order.orderId);
      if (found) m3.set(key, found);
    }
    // Shipped and invoiced in M3, except us3, which is not invoiced when the settlement arrives.
    for (const key of ['us1', 'us2', 'de1', 'de2', 'uk1', 'jp1']) {
      const answer = await postJson(`${sandbox.m3.url}/_sim/orders/${m3.get(key)!.ORNO}/invoice`, {});
      expect(answer.status).toBe(200);
      invoices.set(key, answer.body as { CINO: string; INYR: string; gross: string });
    }
    const o = (key: string, type: string, desc: string, amount: string, amountType = 'ItemPrice', tt = 'Order'): Row => [tt, id(key), amountType, desc, amount];
    usFile = settlementFile(US_ID, [
      o('us1', 'Order', 'Principal', '39.98'), o('us1', 'Order', 'Shipping', '4.99'), o('us1', 'Order', 'Tax', '3.30'), o('us1', 'Order', 'ShippingTax', '0.41'),
      o('us1', 'Order', 'MarketplaceFacilitatorTax-Principal', '-3.30', 'ItemWithheldTax'), o('us1', 'Order', 'MarketplaceFacilitatorTax-Shipping', '-0.41', 'ItemWithheldTax'),
      o('us1', 'Order', 'Commission', '-6.75', 'ItemFees'),
      o('us2', 'Order', 'Principal', '49.00'), o('us2', 'Order', 'Tax', '4.04'), o('us2', 'Order', 'MarketplaceFacilitatorTax-Principal', '-4.04', 'ItemWithheldTax'),
      o('us2', 'Order', 'Commission', '-7.35', 'ItemFees'),
      o('us2', 'Refund', 'Principal', '-10.00', 'ItemPrice', 'Refund'), o('us2', 'Refund', 'RefundCommission', '1.50', 'ItemFees', 'Refund'),
      o('us3', 'Order', 'Principal', '19.99'), o('us3', 'Order', 'Shipping', '4.99'), o('us3', 'Order', 'Commission', '-3.37', 'ItemFees'),
      ['ServiceFee', '', 'other-transaction', 'Subscription Fee', '-39.99'],
    ], 'en_US', 'Amazon.com');
    deFile = settlementFile(DE_ID, [
      o('de1', 'Order', 'Principal', '50.25'), o('de1', 'Order', 'Tax', '9.55'), o('de1', 'Order', 'Shipping', '4.19'), o('de1', 'Order', 'ShippingTax', '0.80'),
      o('de1', 'Order', 'Commission', '-9.72', 'ItemFees'),
      o('de2', 'Order', 'Principal', '100.00'), o('de2', 'Order', 'Tax', '19.00'), o('de2', 'Order', 'Commission', '-17.85', 'ItemFees'),
      ['ServiceFee', '', 'other-transaction', 'Subscription Fee', '-39.00'],
    ], 'de_DE', 'Amazon.de');
    await postReport(usFile.content, US);
    await postReport(deFile.content, DE);
    await sweep();
  }, 240_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('creates every order in M3 with a total equal to what Amazon charged, VAT-inclusive marketplaces included', () => {
    expect([...m3.keys()].sort()).toEqual(SPECS.map((s) => s.key).sort());
    for (const key of ['de1', 'de2', 'uk1', 'jp1']) {
      expect({ key, gross: invoices.get(key)!.gross }).toEqual({ key, gross: new Decimal((orders.get(key)!.proceeds as { grandTotal: { amount: string } }).grandTotal.amount).toFixed(2) });
    }
    // US: M3 invoices net prices; the sales tax on top of Amazon's total is collected and remitted by Amazon as
    // marketplace facilitator (ItemWithheldTax in the settlement), so it is not on the seller's invoice.
    const us1 = orders.get('us1')!;
    expect(invoices.get('us1')!.gross).toBe(new Decimal((us1.proceeds as { grandTotal: { amount: string } }).grandTotal.amount).minus('3.71').toFixed(2));
  });

  it("says in the health detail whether M3's marketplace customers match the VAT basis of the prices", async () => {
    const m3Detail = async () => (await getJson<{ checks: Array<{ name: string; detail: string }> }>(`${sandbox.url}/api/health`, { 'x-api-key': sandbox.opsKey })).checks.find((c) => c.name === 'm3')?.detail ?? '';
    let detail = await m3Detail();
    for (let i = 0; i < 5 && /still reading/.test(detail); i += 1) detail = await m3Detail();
    expect(detail).toMatch(/^VAT basis ok for \d+ marketplace customer\(s\)$/);
  });

  it("keeps a business buyer's VAT number on the M3 order (address VRNO and custom field)", () => {
    const de2 = m3.get('de2')!;
    expect(de2.address.VRNO).toBe('DE811907980');
    expect(Object.values(de2.customFields).some((f) => f.A130 === 'DE811907980')).toBe(true);
  });

  it('loads one receipt order per invoiced order, on its M3 invoice, for what Amazon collected', async () => {
    const batches = await payments();
    const us = batches.find((b) => b.batch === String(BigInt(US_ID) % 10_000_000_000n))!;
    const de = batches.find((b) => b.batch === String(BigInt(DE_ID) % 10_000_000_000n))!;
    expect(us.controlled).toBe(true);
    expect(de.controlled).toBe(true);
    const view = (b: Payment) => b.lines.map((l) => ({ CINO: l.CINO, INYR: l.INYR, CUNO: l.CUNO, PYAM: new Decimal(l.PYAM).toFixed(2), IRNO: l.IRNO }));
    const expected = (key: string, amount: string) => ({ CINO: invoices.get(key)!.CINO, INYR: invoices.get(key)!.INYR, CUNO: m3.get(key)!.CUNO, PYAM: amount, IRNO: id(key) });
    // us1: 39.98 + 4.99 + 3.30 + 0.41 − 3.30 − 0.41 = 44.97 (= its invoice); us2: 49.00 + 4.04 − 4.04 = 49.00. Its refund
    // is not netted in: refunds are credited in M3, and one without a credit yet is unapplied (next spec).
    expect(view(us)).toEqual([expected('us1', '44.97'), expected('us2', '49.00')]);
    expect(view(de)).toEqual([expected('de1', '64.79'), expected('de2', '119.00')]);
    expect(invoices.get('us1')!.gross).toBe('44.97');
    expect(invoices.get('de1')!.gross).toBe('64.79');
    expect(invoices.get('de2')!.gross).toBe('119.00');
  });

  it('books no order amount on a revenue or VAT account, and payments plus journal equal the deposit', async () => {
    const batches = await payments();
    const all = await journals();
    for (const [sid, file] of [[US_ID, usFile], [DE_ID, deFile]] as const) {
      const journal = all.find((j) => j.KEY1 === `AMZ${sid}`)!;
      expect(journal.status).toBe('posted');
      const accounts = new Set(journal.lines.map((l) => l.AIT1));
      for (const revenueOrTax of ['3010', '3020', '3030', '2610', '3090']) expect(accounts.has(revenueOrTax)).toBe(false);
      const batch = batches.find((b) => b.batch === String(BigInt(sid) % 10_000_000_000n))!;
      const paid = batch.lines.reduce((s, l) => s.plus(l.PYAM), new Decimal(0)).minus(batch.charges.reduce((s, c) => s.plus(c.CHAM), new Decimal(0)));
      const bank = journal.lines.filter((l) => l.AIT1 === '1950').reduce((s, l) => s.plus(l.CUAM), new Decimal(0));
      expect(paid.plus(bank).toFixed(2)).toBe(file.total);
      expect(journal.lines.reduce((s, l) => s.plus(l.CUAM), new Decimal(0)).isZero()).toBe(true);
    }
    // us3 is an M3 order without an invoice: its 24.98 waits as unapplied cash on the marketplace customer's account;
    // us2's refund of 10.00 has no M3 credit yet (the refund sweep has not credited it): paid out, so unapplied too.
    const us = all.find((j) => j.KEY1 === `AMZ${US_ID}`)!;
    expect(us.lines.filter((l) => l.AIT1 === '2290').map((l) => new Decimal(l.CUAM).toFixed(2))).toEqual(['-24.98', '10.00']);
    // The example of docs/finance.md, debit positive.
    const byAccount = new Map<string, Decimal>();
    for (const l of us.lines) byAccount.set(l.AIT1, (byAccount.get(l.AIT1) ?? new Decimal(0)).plus(l.CUAM));
    expect(Object.fromEntries([...byAccount].map(([k, v]) => [k, v.toFixed(2)]))).toEqual({ 6110: '15.97', 6130: '39.99', 2290: '-14.98', 1950: '-40.98' });
    const record = await getJson<{ mode: string; unapplied: Array<{ orderId: string; amount: string }> }>(`${sandbox.url}/api/ops/settlements/${US_ID}`, { 'x-api-key': sandbox.opsKey });
    expect(record.mode).toBe('cash-application');
    expect(record.unapplied).toEqual([
      expect.objectContaining({ orderId: id('us3'), amount: '24.98', kind: 'order' }),
      expect.objectContaining({ orderId: id('us2'), amount: '-10.00', kind: 'refund', rows: [14] }),
    ]);
  });

  it('posts a settlement once even when the app forgot it posted: the batches are read back from M3', async () => {
    const writes = async () => {
      const stats = await getJson<{ calls: Record<string, number> }>(`${sandbox.m3.url}/_sim/stats`);
      return ['ARS040MI/AddBatchHead', 'ARS040MI/AddBatchLine', 'ARS040MI/ControlBatch', 'GLS840MI/AddBatchHead', 'GLS840MI/AddBatchLine', 'GLS840MI/UpdBatch'].map((k) => stats.calls[k] ?? 0);
    };
    const before = await writes();
    // Lose the app's own record of the US posting, then deliver the same settlement again as a new report.
    const table = await createTableAccess(sandbox.connectionString).table('settlementpostings');
    await table.deleteEntity('settlement', tableKey(US_ID));
    await postReport(usFile.content, US);
    await sweep();
    expect(await writes()).toEqual(before);
    expect((await payments()).filter((b) => b.batch === String(BigInt(US_ID) % 10_000_000_000n))).toHaveLength(1);
    const record = await getJson<{ status: string }>(`${sandbox.url}/api/ops/settlements/${US_ID}`, { 'x-api-key': sandbox.opsKey });
    expect(record.status).toBe('posted');
  });
});
