/**
 * Refunds in the books, end to end (local host, simulators, Azurite): a refund the refund sweep credited in M3 is
 * applied in the settlement's ARS040 payment batch against the credit order's invoice (the credit note), a refund
 * without a credit is unapplied cash listed for finance, payments plus journal equal the deposit, and posting the same
 * settlement again posts nothing. A refund and a return of the same item end as one credit in M3, in either order.
 */
import Decimal from 'decimal.js';
import { memorySink } from '../../local/host';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { createTableAccess } from '../../connectors/storage';
import { tableKey } from '../../connectors/storage/table-access';
import { getJson, m3Violations, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';

const DE = 'A1PA6795UKMFR9';
const SETTLEMENT_REPORT = 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2';
const RETURNS_REPORT = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';
const SETTLEMENT_ID = '20260531001';
const PBID = String(BigInt(SETTLEMENT_ID) % 10_000_000_000n);

interface Invoice { CINO: string; INYR: string; gross: string }
interface SimReturn { number: string; kind: 'return' | 'credit'; ORNO: string; CUOR: string; OIVR?: string; lines: Array<{ ITNO: string; QTY: string; AMOUNT: string }> }
interface Payment { batch: string; controlled: boolean; lines: Array<Record<string, string>>; charges: Array<Record<string, string>> }
interface Journal { KEY1: string; status: string; lines: Array<Record<string, string>> }

function refund(transactionId: string, orderId: string, sku: string, amount: string): Record<string, unknown> {
  return {
    transactionId, transactionType: 'Refund', transactionStatus: 'RELEASED', description: 'Refund Order',
    postedDate: new Date(Date.now() - 3_600_000).toISOString(),
    marketplaceDetails: { marketplaceId: DE, marketplaceName: 'Amazon.de' },
    relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId }],
    totalAmount: { currencyCode: 'EUR', currencyAmount: -Number(amount) },
    items: [{
      description: sku, totalAmount: { currencyCode: 'EUR', currencyAmount: -Number(amount) },
      relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: `${transactionId}-1` }],
      breakdowns: [{ breakdownType: 'ProductCharges', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -Number(amount) } }],
      contexts: [{ contextType: 'ProductContext', sku, quantityShipped: 1, fulfillmentNetwork: 'MFN' }],
    }],
  };
}

const HEADER = ['settlement-id', 'settlement-start-date', 'settlement-end-date', 'deposit-date', 'total-amount', 'currency', 'transaction-type', 'order-id', 'merchant-order-id', 'adjustment-id', 'shipment-id', 'marketplace-name', 'amount-type', 'amount-description', 'amount', 'fulfillment-id', 'posted-date', 'posted-date-time', 'order-item-code', 'merchant-order-item-id', 'merchant-adjustment-item-id', 'sku', 'quantity-purchased', 'promotion-id'];
type Row = [transactionType: string, orderId: string, adjustmentId: string, amountType: string, description: string, amount: string];

/** A de_DE V2 flat file: decimal commas, dotted dates. */
function settlementFile(rows: Row[]): { content: string; total: string } {
  const total = rows.reduce((s, r) => s.plus(r[5]), new Decimal(0)).toFixed(2);
  const amount = (a: string) => new Decimal(a).toFixed(2).replace('.', ',');
  const summary = [SETTLEMENT_ID, '17.05.2026 08:00:00 UTC', '31.05.2026 08:00:00 UTC', '31.05.2026 08:00:00 UTC', amount(total), 'EUR', ...Array(18).fill('')];
  const details = rows.map((r) => [SETTLEMENT_ID, '', '', '', '', '', r[0], r[1], '', r[2], '', 'Amazon.de', r[3], r[4], amount(r[5]), 'MFN', '25.05.2026', '', '', '', '', '', '', '']);
  return { content: [HEADER, summary, ...details].map((r) => r.join('\t')).join('\n'), total };
}

describe('refunds applied against their M3 credits, and one credit per returned and refunded item', () => {
  let sandbox: Sandbox;
  const sink = memorySink();
  const orderIds: Record<'o1' | 'o2' | 'o3', string> = { o1: '', o2: '', o3: '' };
  const m3Orders: Record<string, SimM3Order> = {};
  const invoices: Record<string, Invoice> = {};
  let creditNote: Invoice & { ORNO: string };
  let file: { content: string; total: string };

  const sweep = async (name: string) => {
    await sandbox.host.invokeTimer(name);
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  };
  const returnsInM3 = () => getJson<SimReturn[]>(`${sandbox.m3.url}/_sim/returns`);
  const invoice = async (orno: string) => (await postJson(`${sandbox.m3.url}/_sim/orders/${orno}/invoice`, {})).body as Invoice;
  const postReport = async (reportType: string, content: string) => {
    expect((await postJson(`${sandbox.amazon.url}/_sim/reports`, { reportType, content, marketplaceIds: [DE], notify: false })).status).toBe(201);
  };
  const writes = async () => {
    const stats = await getJson<{ calls: Record<string, number> }>(`${sandbox.m3.url}/_sim/stats`);
    return ['ARS040MI/AddBatchHead', 'ARS040MI/AddBatchLine', 'ARS040MI/ControlBatch', 'GLS840MI/AddBatchHead', 'GLS840MI/AddBatchLine', 'GLS840MI/UpdBatch'].map((k) => stats.calls[k] ?? 0);
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink });
    await postJson(`${sandbox.m3.url}/_sim/items`, ['SKU-A', 'SKU-B'].map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })));
    for (const [key, items] of [['o1', [{ sku: 'SKU-A', quantity: 1 }, { sku: 'SKU-B', quantity: 2 }]], ['o2', [{ sku: 'SKU-A', quantity: 1 }]], ['o3', [{ sku: 'SKU-B', quantity: 1 }]]] as const) {
      const generated = await postJson(`${sandbox.amazon.url}/_sim/orders`, { generate: 1, marketplaceId: DE, items });
      orderIds[key] = (generated.body as { orderIds: string[] }).orderIds[0]!;
    }
    await settled(sandbox);
    const created = await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
    for (const [key, orderId] of Object.entries(orderIds)) {
      m3Orders[key] = created.find((o) => o.CUOR === orderId)!;
      invoices[key] = await invoice(m3Orders[key]!.ORNO);
    }
    // The refund sweep credits o1's refund in M3; M3 then invoices the credit order (the credit note).
    expect((await postJson(`${sandbox.amazon.url}/_sim/finances`, [refund('RF-S1', orderIds.o1, 'SKU-B', '12.50')])).status).toBe(201);
    await sweep('refund-sweep');
    const credit = (await returnsInM3()).find((r) => r.kind === 'credit' && r.CUOR === orderIds.o1)!;
    creditNote = { ...(await invoice(credit.number)), ORNO: credit.number };

    // The settlement: both orders paid in full, o1's refund (credited) and o2's refund (no credit in M3), fees.
    file = settlementFile([
      ['Order', orderIds.o1, '', 'ItemPrice', 'Principal', invoices.o1!.gross],
      ['Order', orderIds.o1, '', 'ItemFees', 'Commission', '-5.10'],
      ['Refund', orderIds.o1, 'ADJ-S1', 'ItemPrice', 'Principal', '-12.50'],
      ['Refund', orderIds.o1, 'ADJ-S1', 'ItemFees', 'RefundCommission', '1.50'],
      ['Order', orderIds.o2, '', 'ItemPrice', 'Principal', invoices.o2!.gross],
      ['Order', orderIds.o2, '', 'ItemFees', 'Commission', '-3.00'],
      ['Refund', orderIds.o2, 'ADJ-S2', 'ItemPrice', 'Principal', '-9.99'],
      ['ServiceFee', '', '', 'other-transaction', 'Subscription Fee', '-39.00'],
    ]);
    await postReport(SETTLEMENT_REPORT, file.content);
    await sweep('settlement-sweep');
  }, 300_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('applies a credited refund against the credit note of its credit order, beside the payments of the invoices', async () => {
    const batch = (await getJson<Payment[]>(`${sandbox.m3.url}/_sim/payments`)).find((b) => b.batch === PBID)!;
    expect(batch.controlled).toBe(true);
    expect(batch.lines.map((l) => ({ CINO: l.CINO, PYAM: new Decimal(l.PYAM!).toFixed(2), IRNO: l.IRNO, errorStatus: l.errorStatus }))).toEqual([
      { CINO: invoices.o1!.CINO, PYAM: invoices.o1!.gross, IRNO: orderIds.o1, errorStatus: '0' },
      { CINO: invoices.o2!.CINO, PYAM: invoices.o2!.gross, IRNO: orderIds.o2, errorStatus: '0' },
      { CINO: creditNote.CINO, PYAM: '-12.50', IRNO: orderIds.o1, errorStatus: '0' },
    ]);
    expect(creditNote.gross).toBe('-12.50');
    const record = await getJson<{ status: string; payments: Array<Record<string, unknown>>; unapplied: Array<Record<string, unknown>> }>(`${sandbox.url}/api/ops/settlements/${SETTLEMENT_ID}`, { 'x-api-key': sandbox.opsKey });
    expect(record.status).toBe('posted');
    // Traceable: the receipt order names the settlement row, Amazon's adjustment, the refund and the M3 credit order.
    expect(record.payments[2]).toMatchObject({ CINO: creditNote.CINO, amount: '-12.50', rows: [5], refund: { adjustmentId: 'ADJ-S1', refundId: 'RF-S1', creditOrder: creditNote.ORNO } });
  });

  it('leaves a refund without an M3 credit as unapplied cash for finance, and payments plus journal equal the deposit', async () => {
    const record = await getJson<{ unapplied: Array<Record<string, unknown>> }>(`${sandbox.url}/api/ops/settlements/${SETTLEMENT_ID}`, { 'x-api-key': sandbox.opsKey });
    expect(record.unapplied).toEqual([expect.objectContaining({ orderId: orderIds.o2, kind: 'refund', amount: '-9.99', rows: [9], adjustmentId: 'ADJ-S2' })]);
    const journal = (await getJson<Journal[]>(`${sandbox.m3.url}/_sim/journals`)).find((j) => j.KEY1 === `AMZ${SETTLEMENT_ID}`)!;
    expect(journal.status).toBe('posted');
    const byAccount = new Map<string, Decimal>();
    for (const l of journal.lines) byAccount.set(l.AIT1!, (byAccount.get(l.AIT1!) ?? new Decimal(0)).plus(l.CUAM!));
    // Debit positive: commissions 5.10 + 3.00 − 1.50 given back; the subscription; 9.99 paid out before M3 has its credit.
    expect(byAccount.get('6110')!.toFixed(2)).toBe('6.60');
    expect(byAccount.get('6130')!.toFixed(2)).toBe('39.00');
    expect(byAccount.get('2290')!.toFixed(2)).toBe('9.99');
    for (const revenueOrTax of ['3010', '3020', '3030', '2610']) expect(byAccount.has(revenueOrTax)).toBe(false);
    const batch = (await getJson<Payment[]>(`${sandbox.m3.url}/_sim/payments`)).find((b) => b.batch === PBID)!;
    const paid = batch.lines.reduce((s, l) => s.plus(l.PYAM!), new Decimal(0)).minus(batch.charges.reduce((s, c) => s.plus(c.CHAM!), new Decimal(0)));
    expect(paid.plus(byAccount.get('1950')!).toFixed(2)).toBe(file.total);
    expect(journal.lines.reduce((s, l) => s.plus(l.CUAM!), new Decimal(0)).isZero()).toBe(true);
  });

  it('posts the settlement once even when the app forgot it posted: the batches are read back from M3', async () => {
    const before = await writes();
    const table = await createTableAccess(sandbox.connectionString).table('settlementpostings');
    await table.deleteEntity('settlement', tableKey(SETTLEMENT_ID));
    await postReport(SETTLEMENT_REPORT, file.content);
    await sweep('settlement-sweep');
    expect(await writes()).toEqual(before);
    expect((await getJson<Payment[]>(`${sandbox.m3.url}/_sim/payments`)).filter((b) => b.batch === PBID)).toHaveLength(1);
  });

  it('credits a returned and refunded item once in M3, whether the refund or the return comes first', async () => {
    // o3: the refund first, then the return. o2: the return first, then the refund.
    await postJson(`${sandbox.amazon.url}/_sim/finances`, [refund('RF-S3', orderIds.o3, 'SKU-B', '15.00')]);
    await sweep('refund-sweep');
    const today = new Date().toISOString().slice(0, 10);
    await postReport(RETURNS_REPORT, [
      ['Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Merchant SKU', 'Return quantity', 'Return Reason', 'Return delivery date'].join('\t'),
      [orderIds.o3, '2026-05-20', today, 'Approved', 'RMA-S3', 'SKU-B', '1', 'DEFECTIVE', ''].join('\t'),
      [orderIds.o2, '2026-05-20', today, 'Approved', 'RMA-S2', 'SKU-A', '1', 'DEFECTIVE', ''].join('\t'),
    ].join('\n'));
    await sweep('returns-sweep');
    await postJson(`${sandbox.amazon.url}/_sim/finances`, [refund('RF-S2', orderIds.o2, 'SKU-A', '9.99')]);
    await sweep('refund-sweep');
    await sweep('returns-sweep');
    await sweep('refund-sweep');

    const all = await returnsInM3();
    const view = (orderId: string) => all.filter((r) => r.CUOR === orderId).map((r) => [r.kind, r.lines.map((l) => `${l.ITNO} ${l.QTY} ${l.AMOUNT}`)]);
    // Refund first: the credit order is the credit; the return brings the goods back at price 0.
    expect(view(orderIds.o3)).toEqual([['return', ['SKU-B 1 0.00']], ['credit', ['SKU-B -1 -15.00']]]);
    // Return first: M3 credits the return (at the order line's price); the refund is not credited again.
    expect(view(orderIds.o2)).toEqual([['return', [expect.stringMatching(/^SKU-A 1 [1-9]\d*\.\d\d$/)]]]);
    const listed = await getJson<{ entries: Array<{ kind: string; id: string; status: string }> }>(`${sandbox.url}/api/ops/returns?since=2020-01-01T00:00:00Z`, { 'x-api-key': sandbox.opsKey });
    expect(listed.entries.filter((e) => ['RF-S2', 'RF-S3', 'RMA-S2', 'RMA-S3'].includes(e.id)).map((e) => [e.id, e.status]).sort()).toEqual([
      ['RF-S2', 'skipped'], ['RF-S3', 'booked'], ['RMA-S2', 'booked'], ['RMA-S3', 'booked'],
    ]);
    expect(await m3Violations(sandbox)).toEqual([]);
  }, 180_000);
});
