/**
 * The security through the running app: every keyed endpoint answers 401 to a missing or wrong key and enqueues
 * nothing; no secret (LWA client secret, refresh token, .ionapi secrets, intake key) shows in logs, error replies,
 * /api/health, the ops API, durable history, tables, blobs or queues — also after auth failures and expired tokens.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { memorySink } from '../../local/host';
import { triggerOf } from '../../local/host/registrations';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import { shipmentBod } from '../../local/sandbox/shipment-bod';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { scanStorageForPii } from '../support/pii-scan';
import { getJson, postJson, startTestSandbox, type SimM3Order } from '../e2e/sandbox-support';
import { notificationFor, personalDataOf, type AmazonOrder } from '../e2e/order-fixtures';

const SKUS = ['SKU-0001', 'SKU-0002'];
/** Anonymous by design: the load balancer's health probe, and the ops page shell (its API calls carry the key). */
const ANONYMOUS = new Set(['health', 'ops-ui']);

describe('endpoint security', () => {
  let sandbox: Sandbox;
  const sink = memorySink();
  const replies: string[] = [];
  const orders: AmazonOrder[] = [];

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink, amazon: { notifyUrl: undefined } });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  const badKeys = (): Array<[string, Record<string, string>, string]> => [
    ['no key', {}, ''],
    ['a wrong x-api-key', { 'x-api-key': 'wrong-key' }, ''],
    ['the key with one character changed', { 'x-api-key': `${sandbox.intakeKey.slice(0, -1)}${sandbox.intakeKey.endsWith('A') ? 'B' : 'A'}` }, ''],
    ['the key plus a suffix', { 'x-api-key': `${sandbox.intakeKey}x` }, ''],
    ['the key in upper case', { 'x-api-key': sandbox.intakeKey.toUpperCase() }, ''],
    ['an empty x-api-key', { 'x-api-key': '' }, ''],
    ['the key as a bearer token (not a key header)', { authorization: `Bearer ${sandbox.intakeKey}` }, ''],
    ['a wrong code= query parameter', {}, '?code=wrong'],
  ];

  it('answers 401 on every keyed HTTP function and the admin API to a missing or wrong key', async () => {
    const routes = sandbox.host.registrations.flatMap((r) => {
      const trigger = triggerOf(r);
      if (trigger.type !== 'httpTrigger' || ANONYMOUS.has(r.name)) return [];
      const route = String(trigger.route ?? r.name).replace(/\{[^}]+\}/g, 'x');
      const methods = (trigger.methods as string[] | undefined) ?? ['GET'];
      return methods.map((method) => ({ name: r.name, method: method.toUpperCase(), path: `/api/${route}` }));
    });
    expect(routes.length).toBeGreaterThan(10);
    routes.push({ name: 'admin run', method: 'POST', path: '/admin/functions/amazon-order-sweep' }, { name: 'admin status', method: 'GET', path: '/admin/host/status' });
    const failures: string[] = [];
    for (const route of routes) {
      for (const [label, headers, query] of badKeys()) {
        const response = await fetch(`${sandbox.url}${route.path}${query}`, {
          method: route.method, headers: { 'content-type': 'application/json', ...headers }, ...(route.method === 'GET' ? {} : { body: '{}' }),
        });
        replies.push(await response.text());
        if (response.status !== 401) failures.push(`${route.method} ${route.path} with ${label} → ${response.status}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('lets the intake key open only the intake routes: 403 on every operations route, 401 on the admin API', async () => {
    const opsRoutes = sandbox.host.registrations.flatMap((r) => {
      const trigger = triggerOf(r);
      if (trigger.type !== 'httpTrigger' || ANONYMOUS.has(r.name)) return [];
      const route = String(trigger.route ?? r.name);
      if (!route.startsWith('ops/')) return [];
      const methods = (trigger.methods as string[] | undefined) ?? ['GET'];
      return methods.map((method) => ({ method: method.toUpperCase(), path: `/api/${route.replace(/\{[^}]+\}/g, 'x')}` }));
    });
    expect(opsRoutes.length).toBeGreaterThan(10);
    const failures: string[] = [];
    for (const route of opsRoutes) {
      for (const [label, headers, query] of [
        ['x-api-key', { 'x-api-key': sandbox.intakeKey }, ''], ['x-functions-key', { 'x-functions-key': sandbox.intakeKey }, ''], ['?code=', {}, `?code=${encodeURIComponent(sandbox.intakeKey)}`],
      ] as const) {
        const response = await fetch(`${sandbox.url}${route.path}${query}`, { method: route.method, headers: { 'content-type': 'application/json', ...headers }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
        const text = await response.text();
        replies.push(text);
        if (response.status !== 403 || !text.includes('FORBIDDEN')) failures.push(`${route.method} ${route.path} with the intake key in ${label} → ${response.status}`);
      }
      // The operations key in the URL is refused too: keys in URLs end up in logs and browser history.
      const inUrl = await fetch(`${sandbox.url}${route.path}?code=${encodeURIComponent(sandbox.opsKey)}`, { method: route.method, headers: { 'content-type': 'application/json' }, ...(route.method === 'GET' ? {} : { body: '{}' }) });
      if (inUrl.status !== 401) failures.push(`${route.method} ${route.path} with the operations key in ?code= → ${inUrl.status}`);
    }
    expect(failures).toEqual([]);
    const admin = (key: string): Promise<Response> => fetch(`${sandbox.url}/admin/functions/completeness-check`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': key }, body: '{}' });
    expect((await admin(sandbox.intakeKey)).status).toBe(401);
    expect((await admin(sandbox.opsKey)).status).toBe(202);
    for (const path of ['/api/amazon/notifications', '/api/ion/bods']) {
      expect((await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': sandbox.opsKey }, body: '{}' })).status).toBe(401);
    }
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
  });

  it('answers anonymous health with the overall status only, from at most one deep check per 30 s whatever the rate', async () => {
    const m3Calls = async (): Promise<number> => (await getJson<{ calls: Record<string, number> }>(`${sandbox.m3.url}/_sim/stats`)).calls['CRS610MI/LstByNumber'] ?? 0;
    const first = await fetch(`${sandbox.url}/api/health`);
    const before = await m3Calls();
    const bodies = await Promise.all(Array.from({ length: 40 }, async () => {
      const response = await fetch(`${sandbox.url}/api/health`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    }));
    expect(await m3Calls()).toBe(before);
    for (const { status, body } of [...bodies, { status: first.status, body: (await first.json()) as Record<string, unknown> }]) {
      expect(status).toBe(200);
      expect(Object.keys(body).sort()).toEqual(['checkedAt', 'status']);
      expect(body.status).toBe('ok');
    }
    // The operations key shows the details of the same cached check; ?fresh=true runs one new check for it.
    const detailed = (await (await fetch(`${sandbox.url}/api/health`, { headers: { 'x-api-key': sandbox.opsKey } })).json()) as { checks?: Array<{ name: string }> };
    expect(detailed.checks?.map((c) => c.name).sort()).toEqual(['amazon', 'durable', 'm3', 'queues', 'storage']);
    expect(await m3Calls()).toBe(before);
    const intakeKeyOnly = (await (await fetch(`${sandbox.url}/api/health?fresh=true`, { headers: { 'x-api-key': sandbox.intakeKey } })).json()) as Record<string, unknown>;
    expect(intakeKeyOnly.checks).toBeUndefined();
    expect(await m3Calls()).toBe(before);
    await fetch(`${sandbox.url}/api/health?fresh=true`, { headers: { 'x-api-key': sandbox.opsKey } });
    expect(await m3Calls()).toBe(before + 1);
  });

  it('enqueues and remembers nothing from an intake request with a wrong key', async () => {
    const [order] = generateOrders({ seed: 501, count: 1, skus: SKUS, marketplaceIds: ['ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    orders.push(order!);
    await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
    const notification = notificationFor(order!, sandbox.sellerId, 'security-n-1');
    const bod = shipmentBod({
      bodId: 'security-bod-1', deliveryNumber: 'D-SEC-1', variation: 1, warehouse: 'A10', shippedAt: '2026-03-02T10:00:00Z',
      carrier: { code: 'UPS', name: 'United Parcel Service' },
      packages: [{ id: 'P1', trackingNumber: '1Z999', lines: [{ itemNumber: 'SKU-0001', quantity: 1, orderNumber: '1000001', orderLine: '1', customerOrderRef: order!.orderId }] }],
    });
    for (const [, headers, query] of badKeys()) {
      expect((await fetch(`${sandbox.url}/api/amazon/notifications${query}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(notification) })).status).toBe(401);
      expect((await fetch(`${sandbox.url}/api/ion/bods${query}`, { method: 'POST', headers: { 'content-type': 'application/xml', ...headers }, body: bod })).status).toBe(401);
    }
    const queues = QueueServiceClient.fromConnectionString(sandbox.connectionString);
    for await (const queue of queues.listQueues()) {
      const peeked = await queues.getQueueClient(queue.name).peekMessages({ numberOfMessages: 32 });
      expect({ queue: queue.name, messages: peeked.peekedMessageItems.length }).toEqual({ queue: queue.name, messages: 0 });
    }
    // No idempotency key was claimed by the refused requests: the first accepted delivery is not a duplicate.
    const accepted = await postJson(`${sandbox.url}/api/amazon/notifications`, notification, { 'x-api-key': sandbox.intakeKey });
    expect(accepted).toMatchObject({ status: 202, body: { accepted: true } });
    expect((accepted.body as { duplicate?: boolean }).duplicate).toBeUndefined();
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    expect((await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).filter((o) => o.CUOR === order!.orderId)).toHaveLength(1);
  });

  it('keeps every secret out of logs, replies, health, the ops API and storage, through auth failures and expired tokens', async () => {
    // Expired tokens mid-run on both sides, then an Amazon 403 and an M3 401 on the order path.
    await postJson(`${sandbox.amazon.url}/_sim/faults`, { expireTokens: true });
    await postJson(`${sandbox.m3.url}/_sim/faults`, { expireTokens: true });
    const more = generateOrders({ seed: 502, count: 3, skus: SKUS, marketplaceIds: ['ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    orders.push(...more);
    for (const order of more.slice(0, 1)) {
      await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
      await postJson(`${sandbox.url}/api/amazon/notifications`, notificationFor(order, sandbox.sellerId, `sec-${order.orderId}`), { 'x-api-key': sandbox.intakeKey });
    }
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    await postJson(`${sandbox.amazon.url}/_sim/faults`, { operations: { getOrder: { status: 403, times: 1 } } });
    await postJson(`${sandbox.amazon.url}/_sim/orders`, more[1]);
    await postJson(`${sandbox.url}/api/amazon/notifications`, notificationFor(more[1]!, sandbox.sellerId, `sec-${more[1]!.orderId}`), { 'x-api-key': sandbox.intakeKey });
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    await postJson(`${sandbox.amazon.url}/_sim/faults`, {});
    await postJson(`${sandbox.m3.url}/_sim/faults`, { transactions: { 'OIS100MI/AddBatchHead': { status: 401, times: 1 } } });
    await postJson(`${sandbox.amazon.url}/_sim/orders`, more[2]);
    await postJson(`${sandbox.url}/api/amazon/notifications`, notificationFor(more[2]!, sandbox.sellerId, `sec-${more[2]!.orderId}`), { 'x-api-key': sandbox.intakeKey });
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    await postJson(`${sandbox.m3.url}/_sim/faults`, {});
    // Bad requests whose error replies must not echo configuration.
    replies.push(JSON.stringify((await postJson(`${sandbox.url}/api/amazon/notifications`, { NotificationType: 'ORDER_CHANGE' }, { 'x-api-key': sandbox.intakeKey })).body));
    replies.push(JSON.stringify((await postJson(`${sandbox.url}/api/ion/bods`, '<nope/>', { 'x-api-key': sandbox.intakeKey })).body));

    const health = await fetch(`${sandbox.url}/api/health`);
    replies.push(await health.text());
    for (const path of ['/api/ops/summary', '/api/ops/flows', '/api/ops/parked', '/api/ops/instances', '/api/ops/dlq']) {
      const response = await fetch(`${sandbox.url}${path}`, { headers: { 'x-api-key': sandbox.opsKey } });
      replies.push(`${path} ${response.status} ${await response.text()}`);
    }

    const env = sandbox.env;
    const ionapi = JSON.parse(env.M3_IONAPI!) as Record<string, string>;
    const sellers = JSON.parse(env.SPAPI_SELLERS!) as Array<{ refreshToken: string }>;
    const secrets = [env.SPAPI_LWA_CLIENT_SECRET!, env.INTAKE_API_KEY!, env.OPS_API_KEY!, ...sellers.map((s) => s.refreshToken), ionapi.cs!, ionapi.saak!, ionapi.sask!]
      .filter((s) => typeof s === 'string' && s.length >= 6);
    expect(secrets.length).toBeGreaterThanOrEqual(5);
    const logs = [...sink.entries.map((e) => JSON.stringify(e)), ...replies];
    expect(logs.some((l) => /auth/i.test(l))).toBe(true);
    expect(await scanStorageForPii(sandbox.connectionString, secrets, logs)).toEqual([]);
  });

  it('keeps the buyers\' names, addresses, phones and e-mails out of every log, table, blob and queue', async () => {
    const values = [...new Set(orders.flatMap(personalDataOf))];
    expect(values.length).toBeGreaterThan(5);
    expect(await scanStorageForPii(sandbox.connectionString, values, sink.entries.map((e) => JSON.stringify(e)))).toEqual([]);
  });
});
