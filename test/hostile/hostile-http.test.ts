/**
 * Issue 9 hostile corpus through the running app: every JSON and XML case is POSTed to its intake endpoint (raw, and the
 * XML also as ION's multipart), hostile messages are put straight onto the intake queues, and hostile values ride an
 * order through order-to-cash into M3. Each is refused with a 4xx and a reason (or, as data, arrives intact), the host
 * stays up, and good orders sent before and after are created exactly once.
 */
import http from 'node:http';
import { QueueServiceClient } from '@azure/storage-queue';
import { memorySink } from '../../local/host';
import { freePort } from '../../local/azurite/azurite-process';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { encodeEnvelope } from '../../connectors/messaging/storage-wire-format';
import { scanStorageForPii } from '../support/pii-scan';
import { getJson, postJson, startTestSandbox, type SimM3Order } from '../e2e/sandbox-support';
import { notificationFor, personalDataOf, type AmazonOrder } from '../e2e/order-fixtures';
import { jsonCases, jsonCaseBytes, xmlCases, xmlCaseBytes, type XmlCase } from './hostile-corpus';

const SKUS = ['SKU-0001', 'SKU-0002', 'SKU-0003'];
const timings: Array<{ endpoint: string; name: string; ms: number; status: number }> = [];

describe('the hostile corpus through the running app', () => {
  let sandbox: Sandbox;
  let loopback: http.Server;
  let loopbackPort = 0;
  let loopbackRequests = 0;
  const sink = memorySink();
  const orders: AmazonOrder[] = [];
  let seedNumber = 900;

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sink, amazon: { notifyUrl: undefined } });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
    loopbackPort = await freePort();
    loopback = http.createServer((req, res) => { loopbackRequests += 1; res.end('<!ENTITY leaked "yes">'); });
    await new Promise<void>((resolve) => loopback.listen(loopbackPort, '127.0.0.1', resolve));
  }, 60_000);
  afterAll(async () => {
    await new Promise<void>((resolve) => loopback?.close(() => resolve()));
    await sandbox?.stop();
    const sorted = [...timings].sort((a, b) => a.ms - b.ms);
    const at = (q: number): string => (sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]?.ms ?? 0).toFixed(1);
    process.stdout.write(`hostile corpus over HTTP: ${timings.length} requests, p50 ${at(0.5)} ms, p99 ${at(0.99)} ms, slowest:\n${sorted.slice(-5).map((t) => `  ${t.ms.toFixed(1).padStart(8)} ms  ${t.status}  ${t.endpoint} ${t.name}`).join('\n')}\n`);
  });

  const headers = (extra: Record<string, string> = {}): Record<string, string> => ({ 'x-api-key': sandbox.intakeKey, ...extra });
  async function post(endpoint: string, name: string, body: Buffer | string, contentType: string): Promise<{ status: number; body: Record<string, unknown> }> {
    const started = process.hrtime.bigint();
    const response = await fetch(`${sandbox.url}${endpoint}`, { method: 'POST', headers: headers({ 'content-type': contentType }), body });
    const text = await response.text();
    timings.push({ endpoint, name, ms: Number(process.hrtime.bigint() - started) / 1e6, status: response.status });
    let parsed: Record<string, unknown> = {};
    try { parsed = JSON.parse(text) as Record<string, unknown>; } catch { /* not JSON */ }
    return { status: response.status, body: parsed };
  }

  async function newOrder(mutate: (order: AmazonOrder) => void = () => undefined): Promise<AmazonOrder> {
    const [order] = generateOrders({ seed: seedNumber++, count: 1, skus: SKUS, marketplaceIds: ['ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    mutate(order!);
    orders.push(order!);
    expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, order)).status).toBeLessThan(300);
    const accepted = await postJson(`${sandbox.url}/api/amazon/notifications`, notificationFor(order!, sandbox.sellerId, `good-${order!.orderId}`), headers());
    expect(accepted.status).toBe(202);
    return order!;
  }
  const m3OrdersFor = async (orderId: string): Promise<SimM3Order[]> => (await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).filter((o) => o.CUOR === orderId);

  it('refuses every hostile notification with its status and reason, between two good orders that are each created once', async () => {
    const before = await newOrder();
    for (const c of jsonCases.filter((k) => k.kind === 'notification')) {
      const reply = await post('/api/amazon/notifications', c.file, jsonCaseBytes(c), 'application/json');
      expect({ file: c.file, status: reply.status }).toEqual({ file: c.file, status: c.expect.http });
      if (reply.status >= 400) {
        expect(typeof reply.body.error).toBe('string');
        expect(String(reply.body.message ?? '').length).toBeGreaterThan(5);
        if (c.expect.code) expect(reply.body.error).toBe(c.expect.code);
      }
      if (c.expect.ignored) expect(reply.body.ignored).toBe(true);
    }
    const after = await newOrder();
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    expect(await m3OrdersFor(before.orderId)).toHaveLength(1);
    expect(await m3OrdersFor(after.orderId)).toHaveLength(1);
  });

  const xmlBytes = (c: XmlCase): Buffer => {
    if (c.generated) return Buffer.concat([Buffer.from('<?xml version="1.0"?><SyncShipment><!--'), Buffer.alloc(20 * 1024 * 1024, 0x20), Buffer.from('--></SyncShipment>')]);
    const raw = xmlCaseBytes(c)!;
    return c.file === 'xxe-http-loopback.xml' ? Buffer.from(raw.toString('utf8').replace('__PORT__', String(loopbackPort))) : raw;
  };
  const xmlStatus = (c: XmlCase): number => (c.expected === 'TOO_LARGE' ? 413 : 400);

  it('refuses every hostile BOD with 400/413 and its code, raw and as ION multipart, and fetches nothing an entity names', async () => {
    const before = await newOrder();
    for (const c of xmlCases) {
      const reply = await post('/api/ion/bods', c.file, xmlBytes(c), 'application/xml');
      expect({ file: c.file, status: reply.status, error: reply.body.error }).toEqual({ file: c.file, status: xmlStatus(c), error: c.expected });
      expect(String(reply.body.message ?? '').length).toBeGreaterThan(5);
    }
    for (const c of xmlCases.filter((k) => /xxe|laughs|blowup|generated|utf16|nul/.test(k.file))) {
      const boundary = 'hostile-boundary-7d1';
      const body = Buffer.concat([
        Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="bod.xml"\r\nContent-Type: application/xml\r\n\r\n`),
        xmlBytes(c), Buffer.from(`\r\n--${boundary}--\r\n`),
      ]);
      const reply = await post('/api/ion/bods', `multipart ${c.file}`, body, `multipart/form-data; boundary=${boundary}`);
      expect({ file: c.file, status: reply.status }).toEqual({ file: c.file, status: xmlStatus(c) });
    }
    expect(loopbackRequests).toBe(0);
    const after = await newOrder();
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    expect(await m3OrdersFor(before.orderId)).toHaveLength(1);
    expect(await m3OrdersFor(after.orderId)).toHaveLength(1);
    const health = await fetch(`${sandbox.url}/api/health`);
    expect(health.status).toBeLessThan(500);
  });

  it('survives hostile messages put straight onto the intake queues: dropped or dead-lettered, never retried forever', async () => {
    const queues = QueueServiceClient.fromConnectionString(sandbox.connectionString);
    const hostile = [
      'not base64 and not JSON {{{',
      Buffer.from('{"truncated": ').toString('base64'),
      Buffer.from('null').toString('base64'),
      encodeEnvelope({ v: 1, messageId: 'hostile-proto', body: JSON.parse('{"__proto__": {"polluted": true}, "type": "ORDER_CHANGE"}') as unknown, applicationProperties: {}, enqueuedTimeUtc: new Date().toISOString() }),
      encodeEnvelope({ v: 1, messageId: 'hostile-wrong-types', body: { notificationId: 5, type: ['ORDER_CHANGE'], orderId: { x: 1 } }, applicationProperties: {}, enqueuedTimeUtc: new Date().toISOString() }),
      encodeEnvelope({ v: 1, messageId: 'hostile-bod', body: { kind: 'inline', bod: { envelope: { noun: 'Shipment' }, document: 'x' } }, applicationProperties: {}, enqueuedTimeUtc: new Date().toISOString() }),
      encodeEnvelope({ v: 1, messageId: 'hostile-claim', body: { kind: 'claim-check', reference: '../../etc/passwd', bodId: 'x', noun: 'Shipment' }, applicationProperties: {}, enqueuedTimeUtc: new Date().toISOString() }),
    ];
    for (const queue of ['amazon-events', 'ion-bods']) {
      const client = queues.getQueueClient(queue);
      await client.createIfNotExists();
      for (const text of hostile) await client.sendMessage(text);
    }
    const after = await newOrder();
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    expect(await m3OrdersFor(after.orderId)).toHaveLength(1);
    for (const queue of ['amazon-events', 'ion-bods']) {
      const left = await queues.getQueueClient(queue).peekMessages({ numberOfMessages: 32 });
      expect({ queue, left: left.peekedMessageItems.length }).toEqual({ queue, left: 0 });
    }
    expect((await fetch(`${sandbox.url}/api/health`)).status).toBeLessThan(500);
    expect((await fetch(`${sandbox.amazon.url}/_sim/stats`)).status).toBe(200);
  });

  it('carries values aimed at M3 query strings into M3 as data: one order, the same customer, the text intact', async () => {
    const name = 'Jane &CUNO=EVIL&CONO=999';
    const line1 = '12 Main St #4 %00 %26CUNO%3DX';
    const line2 = 'Flat 😀 7';
    const order = await newOrder((o) => {
      const address = (o.recipient as { deliveryAddress: Record<string, unknown> }).deliveryAddress;
      Object.assign(address, { name, addressLine1: line1, addressLine2: line2 });
    });
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    const created = await m3OrdersFor(order.orderId);
    expect(created).toHaveLength(1);
    expect(created[0]!.CUNO).toBe(sandbox.mappings.marketplaces.ATVPDKIKX0DER!.customer);
    expect(created[0]!.address).toMatchObject({ CUNM: name, CUA1: line1, CUA2: line2 });
    expect((await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).filter((o) => o.CUNO === 'EVIL' || o.CUNO === 'X')).toHaveLength(0);
  });

  it('leaves no buyer name, address, phone or e-mail in logs, tables, blobs or queues', async () => {
    const values = [...new Set(orders.flatMap(personalDataOf))];
    expect(values.length).toBeGreaterThan(10);
    expect(await scanStorageForPii(sandbox.connectionString, values, sink.entries.map((e) => JSON.stringify(e)))).toEqual([]);
  });
});
