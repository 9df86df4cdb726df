/**
 * Refunds and returns end to end (local host, simulators, Azurite): a refund of one line of a two-line order becomes
 * one M3 credit order naming the order's invoice, however often the refund sweep runs; a physical return in the
 * merchant returns report becomes one OIS390 customer return; a refund of an order M3 does not have yet is parked and,
 * re-driven after the order exists, credited.
 */
import { memorySink } from '../../local/host';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { runCliInProcess } from '../support/run-cli';
import { getJson, m3Violations, postJson, settled, startTestSandbox, type SimM3Order } from './sandbox-support';

const DE = 'A1PA6795UKMFR9';
const RETURNS_REPORT = 'GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE';

interface SimReturn { number: string; kind: 'return' | 'credit'; ORNO: string; CUOR: string; OIVR?: string; WHLO?: string; lines: Array<{ ITNO: string; QTY: string; AMOUNT: string; PONR: string }> }
interface Parked { flow: string; id: string; reason: string; status: string }

function refund(transactionId: string, orderId: string, sku: string, amount: number): Record<string, unknown> {
  return {
    transactionId, transactionType: 'Refund', transactionStatus: 'RELEASED', description: 'Refund Order',
    postedDate: new Date(Date.now() - 3_600_000).toISOString(),
    marketplaceDetails: { marketplaceId: DE, marketplaceName: 'Amazon.de' },
    relatedIdentifiers: [{ relatedIdentifierName: 'ORDER_ID', relatedIdentifierValue: orderId }],
    totalAmount: { currencyCode: 'EUR', currencyAmount: -amount },
    items: [{
      description: sku, totalAmount: { currencyCode: 'EUR', currencyAmount: -amount },
      relatedIdentifiers: [{ itemRelatedIdentifierName: 'ORDER_ADJUSTMENT_ITEM_ID', itemRelatedIdentifierValue: `${transactionId}-1` }],
      breakdowns: [{ breakdownType: 'ProductCharges', breakdownAmount: { currencyCode: 'EUR', currencyAmount: -amount } }],
      contexts: [{ contextType: 'ProductContext', sku, quantityShipped: 1, fulfillmentNetwork: 'MFN' }],
    }],
  };
}

describe('refunds and returns reach M3', () => {
  let sandbox: Sandbox;
  const sink = memorySink();
  let orderId: string;
  let m3Order: SimM3Order;
  let invoice: { CINO: string; INYR: string };

  const sweep = async (name: 'refund-sweep' | 'returns-sweep') => {
    await sandbox.host.invokeTimer(name);
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  };
  const returns = () => getJson<SimReturn[]>(`${sandbox.m3.url}/_sim/returns`);
  const ops = async <T>(method: 'GET' | 'POST', route: string): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${sandbox.url}/api/ops/${route}`, { method, headers: { 'x-api-key': sandbox.opsKey } });
    return { status: response.status, body: (await response.json()) as T };
  };
  const m3OrderOf = async (amazonOrderId: string): Promise<SimM3Order> => {
    const found = (await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).find((o) => o.CUOR === amazonOrderId);
    if (!found) throw new Error(`no M3 order for ${amazonOrderId}`);
    return found;
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink });
    await postJson(`${sandbox.m3.url}/_sim/items`, ['SKU-A', 'SKU-B'].map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })));
    const generated = await postJson(`${sandbox.amazon.url}/_sim/orders`, { generate: 1, marketplaceId: DE, items: [{ sku: 'SKU-A', quantity: 1 }, { sku: 'SKU-B', quantity: 2 }] });
    orderId = (generated.body as { orderIds: string[] }).orderIds[0]!;
    await settled(sandbox);
    m3Order = await m3OrderOf(orderId);
    invoice = (await postJson(`${sandbox.m3.url}/_sim/orders/${m3Order.ORNO}/invoice`, {})).body as typeof invoice;
  }, 180_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('credits a refund of one line of a two-line order once, naming its invoice, however often the sweep runs', async () => {
    expect((await postJson(`${sandbox.amazon.url}/_sim/finances`, [refund('RF-1', orderId, 'SKU-B', 12.5)])).status).toBe(201);
    await sweep('refund-sweep');
    await sweep('refund-sweep');
    await sweep('refund-sweep');
    const credits = (await returns()).filter((r) => r.kind === 'credit');
    expect(credits).toEqual([expect.objectContaining({ ORNO: m3Order.ORNO, CUOR: orderId, OIVR: invoice.CINO, lines: [expect.objectContaining({ ITNO: 'SKU-B', QTY: '-1', AMOUNT: '-12.50' })] })]);
    expect(await m3Violations(sandbox)).toEqual([]);
  }, 120_000);

  it('books a physical return from the merchant returns report as one OIS390 return against the original order line', async () => {
    const content = [
      ['Order ID', 'Order date', 'Return request date', 'Return request status', 'Amazon RMA ID', 'Merchant SKU', 'Return quantity', 'Return Reason', 'Return delivery date'].join('\t'),
      [orderId, '2026-05-01', new Date().toISOString().slice(0, 10), 'Approved', 'RMA-E2E-1', 'SKU-A', '1', 'DEFECTIVE', ''].join('\t'),
    ].join('\n');
    expect((await postJson(`${sandbox.amazon.url}/_sim/reports`, { reportType: RETURNS_REPORT, content, marketplaceIds: [DE], notify: false })).status).toBe(201);
    await sweep('returns-sweep');
    await sweep('returns-sweep');
    const booked = (await returns()).filter((r) => r.kind === 'return');
    expect(booked).toEqual([expect.objectContaining({ ORNO: m3Order.ORNO, CUOR: orderId, WHLO: 'E10', lines: [expect.objectContaining({ ITNO: 'SKU-A', QTY: '1', PONR: '1' })] })]);
    expect(await m3Violations(sandbox)).toEqual([]);
  }, 120_000);

  it('parks a refund of an order M3 does not have, and credits it when re-driven after the order exists', async () => {
    const [later] = generateOrders({ seed: 4242, count: 1, marketplaceIds: [DE], pendingRate: 0, cancelledRate: 0, businessRate: 0, giftRate: 0, items: [{ sku: 'SKU-A', quantity: 1 }], start: new Date(Date.now() - 600_000).toISOString() }) as Array<Record<string, unknown> & { orderId: string }>;
    await postJson(`${sandbox.amazon.url}/_sim/finances`, [refund('RF-2', later!.orderId, 'SKU-A', 9.99)]);
    await sweep('refund-sweep');
    const parked = await ops<{ item: Parked }>('GET', `parked/refund-credit/RF-2`);
    expect(parked.body.item).toMatchObject({ reason: 'order-not-in-m3', status: 'parked' });

    expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, later)).status).toBeLessThan(300);
    await settled(sandbox);
    const created = await m3OrderOf(later!.orderId);
    const laterInvoice = (await postJson(`${sandbox.m3.url}/_sim/orders/${created.ORNO}/invoice`, {})).body as { CINO: string };
    expect((await ops('POST', `parked/refund-credit/RF-2/redrive`)).status).toBe(200);
    await sweep('refund-sweep');
    await sweep('refund-sweep');
    const credits = (await returns()).filter((r) => r.kind === 'credit' && r.CUOR === later!.orderId);
    expect(credits).toEqual([expect.objectContaining({ ORNO: created.ORNO, OIVR: laterInvoice.CINO, lines: [expect.objectContaining({ ITNO: 'SKU-A', QTY: '-1', AMOUNT: '-9.99' })] })]);
    expect((await ops<{ item: Parked }>('GET', `parked/refund-credit/RF-2`)).body.item.status).toBe('resolved');
  }, 180_000);

  it('shows what was booked and parked with m3sync returns --since and in the ops summary', async () => {
    const run = await runCliInProcess(['returns', '--since', '2020-01-01T00:00:00Z', '--json', '--url', sandbox.url, '--key', sandbox.opsKey]);
    expect(run.code).toBe(0);
    const listed = JSON.parse(run.stdout) as { entries: Array<{ kind: string; id: string; status: string }>; totals: { booked: number } };
    expect(listed.entries.map((e) => [e.kind, e.id, e.status]).sort()).toEqual([['refund', 'RF-1', 'booked'], ['refund', 'RF-2', 'booked'], ['return', 'RMA-E2E-1', 'booked']]);
    const summary = await ops<{ summary: { flows: Array<{ flow: string; outcomes: Record<string, number> }> } }>('GET', 'summary');
    expect(summary.body.summary.flows.find((f) => f.flow === 'refund-credit')?.outcomes).toMatchObject({ booked: 2, parked: 1 });
    expect(summary.body.summary.flows.find((f) => f.flow === 'customer-return')?.outcomes).toMatchObject({ booked: 1 });
  }, 60_000);
});
