/**
 * `npm run demo`: a scripted day in a self-contained sandbox — Amazon orders become M3 orders (one parks on an
 * unknown SKU), a delivery's Sync.Shipment BOD confirms it at Amazon, a stock change reaches Amazon's quantities, a
 * settlement report posts a GL journal — then a summary table, exit 0.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Table from 'cli-table3';
import { startSandbox, REPO_ROOT, type Sandbox } from './sandbox';
import { shipmentBod } from './shipment-bod';
import { generateOrders } from '../sim/amazon/order-generator';

interface SimOrder { ORNO: string; CUOR: string; CUNO: string; STAT: string; lines: Array<{ PONR: string; ITNO: string; ORQT: string; SAPR: string }> }

const SKUS = Array.from({ length: 12 }, (_, i) => `SKU-${String(i + 1).padStart(4, '0')}`);

async function call<T>(url: string, init?: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string }): Promise<T> {
  const response = await fetch(url, {
    method: init?.method ?? (init?.body !== undefined || init?.raw !== undefined ? 'POST' : 'GET'),
    headers: { 'content-type': init?.raw !== undefined ? 'application/xml' : 'application/json', ...init?.headers },
    body: init?.raw ?? (init?.body === undefined ? undefined : JSON.stringify(init.body)),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init?.method ?? 'GET'} ${url} → ${response.status} ${text.slice(0, 200)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

function step(title: string): void {
  process.stdout.write(`\n▸ ${title}\n`);
}

async function runTimer(sandbox: Sandbox, name: string): Promise<boolean> {
  if (!sandbox.host.registrations.some((r) => r.name === name)) return false;
  await sandbox.host.invokeTimer(name);
  await sandbox.host.whenIdle({ timeoutMs: 120_000 });
  return true;
}

async function main(): Promise<void> {
  step('Starting Azurite, the SP-API and M3 simulators and the function app');
  const sandbox = await startSandbox({ timeScale: 20 });
  const summary: Array<[string, string, string]> = [];
  try {
    process.stdout.write(`  function app ${sandbox.url}, SP-API simulator ${sandbox.amazon.url}, M3 simulator ${sandbox.m3.url}\n`);
    await call(`${sandbox.m3.url}/_sim/items`, { body: SKUS.map((ITNO) => ({ ITNO, ITDS: `Demo item ${ITNO}`, STAT: '20' })) });
    await call(`${sandbox.m3.url}/_sim/balances`, { body: SKUS.map((ITNO, i) => ({ ITNO, WHLO: 'A10', STQT: String(50 + i * 5), ALQT: '0' })) });

    step('Amazon orders arrive (ORDER_CHANGE notifications from the SP-API simulator)');
    const orders = generateOrders({ seed: 42, count: 5, skus: SKUS, pendingRate: 0, cancelledRate: 0 });
    const unknown = generateOrders({ seed: 43, count: 1, skus: ['SKU-NOT-IN-M3'], pendingRate: 0, cancelledRate: 0 });
    for (const order of [...orders, ...unknown]) await call(`${sandbox.amazon.url}/_sim/orders`, { body: order });
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    const m3Orders = await call<SimOrder[]>(`${sandbox.m3.url}/_sim/orders`);
    const table = new Table({ head: ['Amazon order', 'M3 order', 'Customer', 'Lines', 'Status'] });
    for (const order of [...orders, ...unknown]) {
      const m3 = m3Orders.find((o) => o.CUOR === order.orderId);
      table.push([String(order.orderId), m3?.ORNO ?? '(parked)', m3?.CUNO ?? '', m3 ? m3.lines.map((l) => `${l.ITNO}×${Number(l.ORQT)}`).join(', ') : 'unknown SKU SKU-NOT-IN-M3', m3?.STAT ?? '']);
    }
    process.stdout.write(`${table.toString()}\n`);
    summary.push(['Orders in M3', `${m3Orders.length} of ${orders.length + unknown.length}`, m3Orders.length === orders.length ? 'ok (1 parked on an unknown SKU, as intended)' : 'check']);

    step('M3 ships the first order: its Sync.Shipment BOD goes to POST /api/ion/bods');
    const first = m3Orders[0];
    if (first) {
      const bod = shipmentBod({
        bodId: `demo-shipment-${first.ORNO}`, deliveryNumber: `D${first.ORNO}`, variation: 1, warehouse: 'A10', shippedAt: new Date().toISOString(),
        carrier: { code: 'UPS', name: 'United Parcel Service', service: 'GND' },
        packages: [{ id: 'PKG-1', trackingNumber: '1Z999AA10123456784', lines: first.lines.filter((l) => SKUS.includes(l.ITNO)).map((l) => ({ itemNumber: l.ITNO, quantity: Number(l.ORQT), orderNumber: first.ORNO, orderLine: l.PONR, customerOrderRef: first.CUOR })) }],
      });
      await call(`${sandbox.url}/api/ion/bods`, { raw: bod, headers: { 'x-api-key': sandbox.intakeKey } });
      await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    }
    const confirmations = await call<Array<{ orderId: string }>>(`${sandbox.amazon.url}/_sim/confirmations`);
    summary.push(['Shipment confirmations at Amazon', String(confirmations.length), confirmations.length > 0 ? 'ok' : 'none']);

    step('Stock changes in M3; the balance sweep brings Amazon quantities in line');
    await call(`${sandbox.m3.url}/_sim/balances`, { body: [{ ITNO: 'SKU-0001', WHLO: 'A10', STQT: '7', ALQT: '0' }] });
    const swept = await runTimer(sandbox, 'm3-balance-sweep');
    const feeds = await call<Array<{ feedType: string; messages: unknown[] }>>(`${sandbox.amazon.url}/_sim/feeds`);
    const listingFeeds = feeds.filter((f) => f.feedType === 'JSON_LISTINGS_FEED');
    summary.push(['Inventory feeds to Amazon', swept ? `${listingFeeds.length} feed(s), ${listingFeeds.reduce((n, f) => n + f.messages.length, 0)} SKU updates` : 'balance sweep not available', swept ? 'ok' : 'skipped']);

    step('Amazon publishes a settlement; the settlement sweep posts it to M3 GL');
    const report = readFileSync(path.join(REPO_ROOT, 'test', 'fixtures', 'settlements', 'us-settlement-v2.tsv'), 'utf8');
    await call(`${sandbox.amazon.url}/_sim/reports`, { body: { reportType: 'GET_V2_SETTLEMENT_REPORT_DATA_FLAT_FILE_V2', content: report } });
    const settled = await runTimer(sandbox, 'settlement-sweep');
    const journals = await call<Array<{ KEY1: string; status: string; lines: unknown[] }>>(`${sandbox.m3.url}/_sim/journals`);
    summary.push(['GL journals in M3', settled ? journals.map((j) => `${j.KEY1} (${j.lines.length} lines, ${j.status})`).join('; ') || 'none' : 'settlement sweep not available', settled && journals.length > 0 ? 'ok' : 'skipped']);

    // The SP-API simulator checks every request against Amazon's official models; the demo fails on any it refused.
    const violations = sandbox.amazon.violations;
    summary.push(['SP-API requests as the official models describe', violations.length === 0 ? 'all' : `${violations.length} off the models (${violations[0]?.operation}: ${violations[0]?.problems.join('; ')})`, violations.length === 0 ? 'ok' : 'FAILED']);
    const m3Violations = await call<Array<{ operation: string; problems: string[] }>>(`${sandbox.m3.url}/_sim/violations`);
    summary.push(['M3 calls against the MI rules', m3Violations.length === 0 ? 'none' : m3Violations.map((v) => `${v.operation}: ${v.problems.join('; ')}`).join(' | '), m3Violations.length === 0 ? 'ok' : 'FAILED']);

    step('Summary');
    const result = new Table({ head: ['What', 'Result', ''] });
    for (const row of summary) result.push(row);
    process.stdout.write(`${result.toString()}\n`);
    if (violations.length > 0) throw new Error(`the app made ${violations.length} SP-API request(s) the official models refuse (GET ${sandbox.amazon.url}/_sim/violations)`);
  } finally {
    await sandbox.stop();
  }
}

main().then(() => process.exit(0), (error: unknown) => {
  process.stderr.write(`error: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
