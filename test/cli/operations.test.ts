/**
 * The operations commands against a stand-in for the app's ops API on 127.0.0.1: what they send (key, paths, bodies),
 * tables for people, --json for scripts, and bad input / unreachable app / refused key as one `error:` line, exit 2.
 */
import { execFile } from 'node:child_process';
import { runCliInProcess, type CliRun } from '../support/run-cli';
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { promisify } from 'node:util';

interface Seen { method: string; path: string; key: string; body: unknown }

const parkedItem = {
  flow: 'order-to-cash', id: '113-0000001-0000001', reason: 'SKU_NOT_FOUND', message: 'SKU GADGET-9: no M3 item (mapping table, alias and item lookup found none)',
  sourceRef: 'amazon-order:A1:113-0000001-0000001', status: 'parked', firstSeen: '2026-05-01T10:00:00.000Z', lastSeen: '2026-05-01T10:05:00.000Z', attempts: 2, instanceId: 'o2c:A1:113-0000001-0000001', note: '', details: {},
};

describe('m3sync operations commands', () => {
  let server: http.Server;
  let url: string;
  const seen: Seen[] = [];
  let sweepCalls = 0;

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const u = new URL(req.url ?? '/', 'http://x');
        const text = Buffer.concat(chunks).toString('utf8');
        seen.push({ method: req.method ?? '', path: `${u.pathname}${u.search}`, key: String(req.headers['x-api-key'] ?? ''), body: text ? JSON.parse(text) : undefined });
        const send = (status: number, body: unknown): void => { res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body)); };
        if (req.headers['x-api-key'] === 'intake-key') return send(403, { error: 'FORBIDDEN', message: 'the intake key does not open operations' });
        if (req.headers['x-api-key'] !== 'k1' && u.pathname !== '/api/health') return send(401, { error: 'UNAUTHORIZED', message: 'key' });
        const route = `${req.method} ${u.pathname}`;
        if (route === 'GET /api/ops/parked') return send(200, { items: [parkedItem], total: 1 });
        if (route.startsWith('POST /api/ops/parked/') && u.pathname.endsWith('/redrive')) return send(200, { redriven: { flow: 'order-to-cash', id: parkedItem.id, how: 'signaled', instanceId: parkedItem.instanceId } });
        if (route === 'GET /api/ops/instances') return send(200, { instances: [{ instanceId: 'o2c:A1:113-9', process: 'order-to-cash', runtimeStatus: 'Failed', createdTime: 't', lastUpdatedTime: 't', customStatus: null, lastError: 'M3 OIS100MI.SearchHead: HTTP 500', sourceRef: 'amazon-order:A1:113-9', ids: {} }], total: 1 });
        if (route === 'POST /api/ops/instances/o2c%3AA1%3A113-9/rewind') return send(200, { instance: { instanceId: 'o2c:A1:113-9', process: 'order-to-cash', runtimeStatus: 'Running', createdTime: 't', lastUpdatedTime: 't', customStatus: null, lastError: '', sourceRef: '', ids: {} } });
        if (route === 'POST /api/ops/instances/nope/rewind') return send(404, { error: 'NOT_FOUND', message: 'instance nope not found' });
        if (route === 'POST /api/ops/flows/order-to-cash') return send(200, { flow: { flow: 'order-to-cash', paused: false, dryRun: true }, drained: 0 });
        if (route === 'POST /api/ops/sweep/orders') {
          sweepCalls++;
          return send(200, sweepCalls === 1
            ? { done: false, progress: 0.5, orders: 100, started: 98, signaled: 2, sellerId: 'A1', region: 'NA', continuation: 'c1' }
            : { done: true, progress: 1, orders: 7, started: 7, signaled: 0, sellerId: 'A1', region: 'EU' });
        }
        if (route === 'POST /api/ops/dlq/ion-bods/m1/resubmit') return send(200, { queue: 'ion-bods', messageId: 'm1', resubmitted: true });
        if (route === 'GET /api/health') return send(503, { status: 'degraded', checkedAt: 't', checks: [{ name: 'm3', status: 'failed', latencyMs: 3, detail: 'HTTP 503' }] });
        return send(404, { error: 'NOT_FOUND', message: `no route ${route}` });
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => { await new Promise<void>((resolve) => server.close(() => resolve())); });
  beforeEach(() => { seen.length = 0; });

  it('lists parked items as a table with reason and SKU, using M3SYNC_URL and M3SYNC_KEY', async () => {
    const out = await run(['parked', '--reason', 'SKU_NOT_FOUND'], { M3SYNC_URL: url, M3SYNC_KEY: 'k1' });
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('SKU_NOT_FOUND');
    expect(out.stdout).toContain('GADGET-9');
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/ops/parked?reason=SKU_NOT_FOUND&status=open', key: 'k1' });
  });

  it('prints JSON with --json', async () => {
    const out = await run(['parked', '--json', '--url', url, '--key', 'k1']);
    expect(JSON.parse(out.stdout)).toMatchObject({ items: [{ id: parkedItem.id, reason: 'SKU_NOT_FOUND' }], total: 1 });
  });

  it('re-drives every parked item of a reason one by one', async () => {
    const out = await run(['redrive', '--reason', 'SKU_NOT_FOUND', '--json', '--url', url, '--key', 'k1']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ reason: 'SKU_NOT_FOUND', redriven: 1 });
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/ops/parked?reason=SKU_NOT_FOUND&status=parked',
      `POST /api/ops/parked/order-to-cash/${parkedItem.id}/redrive`,
    ]);
  });

  it('lists failed instances and rewinds one by its (encoded) id', async () => {
    const failed = await run(['failed', '--url', url, '--key', 'k1']);
    expect(failed.stdout).toContain('o2c:A1:113-9');
    expect(failed.stdout).toContain('HTTP 500');
    const rewound = await run(['rewind', 'o2c:A1:113-9', '--reason', 'M3 back', '--url', url, '--key', 'k1']);
    expect(rewound).toMatchObject({ code: 0, stdout: 'rewound o2c:A1:113-9\n' });
    expect(seen.at(-1)?.body).toEqual({ reason: 'M3 back' });
  });

  it('lists the instances waiting out an outage with --retrying', async () => {
    const out = await run(['failed', '--retrying', '--url', url, '--key', 'k1']);
    expect(out.code).toBe(0);
    expect(seen[0]).toMatchObject({ method: 'GET', path: '/api/ops/instances?status=Running&outcome=retrying&top=100' });
  });

  it('switches dry run on and refuses anything but on|off', async () => {
    expect((await run(['dry-run', 'order-to-cash', 'on', '--url', url, '--key', 'k1'])).stdout).toBe('order-to-cash: running, dry run\n');
    expect(seen.at(-1)?.body).toEqual({ dryRun: true });
    const bad = await run(['dry-run', 'order-to-cash', 'maybe', '--url', url, '--key', 'k1']);
    expect(bad).toMatchObject({ code: 2, stderr: 'error: dry-run takes on or off, not "maybe"\n' });
  });

  it('backfills page by page with the continuation the app hands back', async () => {
    sweepCalls = 0;
    const out = await run(['sweep', 'orders', '--since', '2026-05-01T00:00:00Z', '--json', '--url', url, '--key', 'k1']);
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ since: '2026-05-01T00:00:00.000Z', orders: 107, started: 105, signaled: 2, pages: 2 });
    expect(seen.map((s) => s.body)).toEqual([{ since: '2026-05-01T00:00:00.000Z' }, { since: '2026-05-01T00:00:00.000Z', continuation: 'c1' }]);
  });

  it('re-submits a dead letter with the options given after the subcommand', async () => {
    const out = await run(['dlq', 'resubmit', 'ion-bods', 'm1', '--url', url, '--key', 'k1']);
    expect(out).toMatchObject({ code: 0, stdout: 're-submitted m1 to ion-bods\n' });
  });

  it('reports a degraded app with exit code 1 and the failing check', async () => {
    const out = await run(['health', '--json', '--url', url]);
    expect(out.code).toBe(1);
    expect(JSON.parse(out.stdout)).toMatchObject({ status: 'degraded', checks: [{ name: 'm3', status: 'failed' }] });
  });

  it.each([
    [['rewind', 'nope', '--key', 'k1'], /^error: POST \/api\/ops\/instances\/nope\/rewind → 404: instance nope not found\n$/],
    [['parked', '--key', 'wrong'], /^error: http:\/\/127\.0\.0\.1:\d+ refused the key/],
    [['parked', '--key', 'intake-key'], /^error: http:\/\/127\.0\.0\.1:\d+ refused the key: it is the intake key, and operations need the operations key \(OPS_API_KEY\)\n$/],
    [['sweep', 'orders', '--since', 'yesterday', '--key', 'k1'], /^error: --since yesterday is not an ISO-8601 date-time\n$/],
    [['resolve', '113-1', '--note', ' ', '--key', 'k1'], /^error: --note must say why\n$/],
  ])('%j exits 2 with one error line', async (argv, message) => {
    const out = await run([...argv, '--url', url]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stderr.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('exits 2 naming the URL when the app is not reachable', async () => {
    const out = await run(['failed', '--url', 'http://127.0.0.1:9', '--key', 'k1']);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/^error: cannot reach http:\/\/127\.0\.0\.1:9 .*is the app running\?/);
  });

  it('works through bin/m3sync.js', async () => {
    const bin = path.resolve(__dirname, '../../bin/m3sync.js');
    if (!existsSync(path.resolve(__dirname, '../../dist/cli/commands/operations.js'))) throw new Error('dist/ missing: run `npx tsc -p .` (npm test builds first)');
    const { stdout } = await promisify(execFile)(process.execPath, [bin, 'parked', '--json', '--url', url, '--key', 'k1'], { encoding: 'utf8' });
    expect(JSON.parse(stdout)).toMatchObject({ total: 1 });
  });
});

function run(argv: string[], env: Record<string, string> = {}): Promise<CliRun> {
  return runCliInProcess(argv, { M3SYNC_URL: undefined, M3SYNC_KEY: undefined, ...env });
}
