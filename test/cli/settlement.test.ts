import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { main } from '../../cli/main';

const fixture = (name: string) => path.resolve(__dirname, '../fixtures/settlements', name);

const POSTED = {
  settlementId: '11774473571', status: 'posted', key1: 'AMZ11774473571', reportId: '90000000001', currency: 'USD', totalAmount: '991.66', difference: '0.00',
  startDate: '2024-03-01T08:00:00.000Z', endDate: '2024-03-15T08:00:00.000Z', depositDate: '2024-03-17T08:00:00.000Z',
  lines: [
    { account: '3010', dimensions: {}, currency: 'USD', amount: '-1279.50', text: 'Order/ItemPrice/Principal 11774473571', source: 'rule' },
    { account: '1999', dimensions: {}, currency: 'USD', amount: '1.25', text: 'other-transaction/other-transaction/NewM', source: 'suspense' },
    { account: '1950', dimensions: { AIT2: 'BANK' }, currency: 'USD', amount: '991.66', text: 'Amazon deposit 11774473571', source: 'clearing' },
  ],
  totalsByAccount: { 3010: '-1279.50', 1999: '1.25', 1950: '991.66' },
  unmapped: [{ transactionType: 'other-transaction', amountType: 'other-transaction', amountDescription: 'NewMysteryFee2026', marketplace: 'Amazon.com', currency: 'USD', amount: '-1.25' }],
  alerts: [], reason: '', message: 'GLS840 batch AMZ11774473571 updated', updatedAt: '2024-03-18T00:00:00.000Z',
};

const CASH_APPLICATION = {
  ...POSTED, settlementId: '20260517001', key1: 'AMZ20260517001', mode: 'cash-application', pbid: '260517001', totalAmount: '52.99',
  payments: [{ orderId: '111-0000001-0000002', ORNO: '2000000007', CUNO: 'AMZUS', CINO: '100009', INYR: '2026', amount: '-10.00', rows: [14], refund: { adjustmentId: 'ADJ-1', refundId: 'T-1', creditOrder: '2000000007' } }],
  unapplied: [
    { orderId: '111-0000001-0000003', ORNO: '1000000003', CUNO: 'AMZUS', amount: '24.98', rows: [16, 17], kind: 'order' },
    { orderId: '111-0000001-0000004', ORNO: '1000000004', CUNO: 'AMZUS', amount: '-5.00', rows: [20], kind: 'refund', adjustmentId: 'ADJ-2', why: 'no M3 credit is booked for this refund yet' },
  ],
};

async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { stdout += String(chunk); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => { stderr += String(chunk); return true; });
  try {
    const code = await main(args);
    return { code, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
    process.exitCode = undefined;
  }
}

describe('m3sync settlement show', () => {
  let server: http.Server;
  let url: string;
  const seen: Array<{ path: string; key: string | undefined }> = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      seen.push({ path: req.url ?? '', key: req.headers['x-api-key'] as string | undefined });
      const reply = (status: number, body: unknown) => { res.writeHead(status, { 'content-type': 'application/json' }); res.end(JSON.stringify(body)); };
      if (req.headers['x-api-key'] !== 'ops-key') return reply(401, { error: 'UNAUTHORIZED', message: 'a valid x-api-key is required' });
      if (req.url === '/api/ops/settlements/11774473571') return reply(200, POSTED);
      if (req.url === '/api/ops/settlements/20260517001') return reply(200, CASH_APPLICATION);
      return reply(404, { error: 'NOT_FOUND', message: 'settlement not found' });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise((resolve) => server.close(resolve)); });

  it('prints the lines, accounts, totals and difference of a posted settlement as tables', async () => {
    const result = await run('settlement', 'show', '11774473571', '--url', url, '--key', 'ops-key');
    expect(result.code).toBe(0);
    expect(seen.at(-1)).toEqual({ path: '/api/ops/settlements/11774473571', key: 'ops-key' });
    expect(result.stdout).toContain('settlement 11774473571: posted');
    expect(result.stdout).toContain('GLS840 batch: AMZ11774473571');
    expect(result.stdout).toContain('deposit: 991.66 USD   difference: 0.00 USD');
    expect(result.stdout).toMatch(/3010\s.*-1279\.50/);
    expect(result.stdout).toContain('AIT2=BANK');
    expect(result.stdout).toContain('other-transaction / other-transaction / NewMysteryFee2026: -1.25 USD');
  });

  it('lists unapplied orders and refunds, naming the refund and why it has no credit note yet', async () => {
    const result = await run('settlement', 'show', '20260517001', '--url', url, '--key', 'ops-key');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('ARS040 payment batch: 260517001 (1 receipt orders)');
    expect(result.stdout).toContain('  111-0000001-0000003 → 1000000003 (AMZUS): 24.98 USD\n');
    expect(result.stdout).toContain('  111-0000001-0000004 → 1000000004 (AMZUS): -5.00 USD refund ADJ-2 (no M3 credit is booked for this refund yet)');
  });

  it('prints the recorded posting as JSON with --json', async () => {
    const result = await run('settlement', 'show', '11774473571', '--url', url, '--key', 'ops-key', '--json');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ settlementId: '11774473571', status: 'posted', totalsByAccount: { 1950: '991.66' }, difference: '0.00' });
  });

  it('exits 2 with one error line for an unknown settlement, a refused key or no key', async () => {
    const saved = { ops: process.env.OPS_API_KEY, m3sync: process.env.M3SYNC_KEY };
    delete process.env.OPS_API_KEY;
    delete process.env.M3SYNC_KEY;
    try {
      for (const [args, pattern] of [
        [['settlement', 'show', '999', '--url', url, '--key', 'ops-key'], /^error: settlement 999 not found/],
        [['settlement', 'show', '11774473571', '--url', url, '--key', 'wrong'], /^error: the app refused the key/],
        [['settlement', 'show', '11774473571', '--url', url], /^error: no key/],
        [['settlement', 'show', '../etc', '--url', url, '--key', 'ops-key'], /^error: "\.\.\/etc" is not a settlement id/],
      ] as const) {
        const result = await run(...args);
        expect(result.code).toBe(2);
        expect(result.stderr).toMatch(pattern);
        expect(result.stderr.trim().split('\n')).toHaveLength(1);
      }
    } finally {
      if (saved.ops !== undefined) process.env.OPS_API_KEY = saved.ops;
      if (saved.m3sync !== undefined) process.env.M3SYNC_KEY = saved.m3sync;
    }
  });
});

describe('m3sync settlement plan', () => {
  it('shows what the US report would post with the shipped mappings, balanced to the deposit', async () => {
    const result = await run('settlement', 'plan', fixture('us-settlement-v2.tsv'), '--locale', 'en_US', '--json');
    expect(result.code).toBe(0);
    const view = JSON.parse(result.stdout) as { status: string; key1: string; difference: string; totalsByAccount: Record<string, string>; calls: Array<{ transaction: string }> };
    expect(view).toMatchObject({ status: 'post', key1: 'AMZ11774473571', difference: '0.00' });
    expect(view.totalsByAccount).toMatchObject({ 1950: '991.66', 1999: '1.25', 6110: '189.53' });
    expect(view.calls[0]!.transaction).toBe('AddBatchHead');
    expect(view.calls.at(-1)!.transaction).toBe('UpdBatch');
  });

  it('reads comma decimals with --locale de_DE and prints a table', async () => {
    const result = await run('settlement', 'plan', fixture('de-settlement-v2.tsv'), '--locale', 'de_DE');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('deposit: 1212.15 EUR   difference: 0.00 EUR');
    expect(result.stdout).toContain('Lagergebühr-Neu');
  });

  it('exits 2 naming the file when it is not a settlement report', async () => {
    const result = await run('settlement', 'plan', path.resolve(__dirname, '../../package.json'));
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^error: .*package\.json: settlement report: /);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
  });
});
