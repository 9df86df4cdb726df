/**
 * The hostile corpus through the running app: every JSON and XML case is POSTed to its intake endpoint (raw, and the
 * XML also as ION's multipart), hostile messages are put straight onto the intake queues, and hostile values ride an
 * order through order-to-cash into M3. Each is refused with a 4xx and a reason (or, as data, arrives intact), the host
 * stays up, and good orders sent before and after are created exactly once.
 */
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { QueueServiceClient } from '@azure/storage-queue';
import { memorySink } from '../../local/host';
import { freePort } from '../../local/azurite/azurite-process';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { encodeEnvelope } from '../../connectors/messaging/storage-wire-format';
import { scanStorageForPii } from '../support/pii-scan';
import { getJson, postJson, startTestSandbox, type SimM3Order } from '../e2e/sandbox-support';
import { notificationFor, personalDataOf, type AmazonOrder } from '../e2e/order-fixtures';
import { jsonCases, jsonCaseBytes, orderChange, xmlCases, xmlCaseBytes, type XmlCase } from './hostile-corpus';

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

  /** GET /api/health still answers (anonymous: the overall status only) — the host is up after the case. */
  async function expectHealthAnswers(after: string): Promise<void> {
    const response = await fetch(`${sandbox.url}/api/health`).catch((error: unknown) => { throw new Error(`health did not answer after ${after}: ${String(error)}`); });
    expect({ after, answered: response.status === 200 || response.status === 503 }).toEqual({ after, answered: true });
    expect(Object.keys((await response.json()) as object).sort()).toEqual(['checkedAt', 'status']);
  }

  /** A request written on a raw socket: declared length, partial bodies and a client that hangs up are possible. */
  function rawRequest(pathName: string, head: Record<string, string>, chunks: Buffer[], opts: { endEarly?: boolean } = {}): Promise<{ status: number; body: string } | 'closed'> {
    return new Promise((resolve) => {
      const req = http.request(`${sandbox.url}${pathName}`, { method: 'POST', headers: { 'x-api-key': sandbox.intakeKey, ...head } }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => { body += c.toString('utf8'); });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
        res.on('error', () => resolve('closed'));
      });
      req.on('error', () => resolve('closed'));
      for (const chunk of chunks) req.write(chunk);
      if (opts.endEarly) setTimeout(() => req.destroy(), 200);
      else req.end();
    });
  }

  const BOUNDARY = 'hostile-boundary-9f2';
  const MULTIPART = `multipart/form-data; boundary=${BOUNDARY}`;
  const goodBod = (replace: (xml: string) => string = (x) => x): string =>
    replace(fs.readFileSync(path.resolve(__dirname, '../../bod-templates/sync-shipment.xml'), 'utf8')
      .replace('00000000-0000-4000-8000-000000000001', `hostile-bod-${seedNumber++}`));
  const filePart = (content: Buffer | string, name = 'file'): Buffer => Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"; filename="bod.xml"\r\nContent-Type: application/xml\r\n\r\n`),
    Buffer.isBuffer(content) ? content : Buffer.from(content), Buffer.from('\r\n'),
  ]);
  const closing = Buffer.from(`--${BOUNDARY}--\r\n`);

  it('refuses malformed, ambiguous and oversized multipart BODs (400 / 413, never cut) and answers health after each', async () => {
    const limit = Number(sandbox.env.BOD_MAX_BYTES ?? 10 * 1024 * 1024);
    const cases: Array<{ name: string; body: Buffer; type?: string; status: number; error: string }> = [
      { name: 'a file part without its closing boundary', body: Buffer.concat([filePart(goodBod()).subarray(0, 400)]), status: 400, error: 'BAD_MULTIPART' },
      { name: 'parts that end inside their headers', body: Buffer.from(`--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"`), status: 400, error: 'BAD_MULTIPART' },
      { name: 'no boundary in the content-type', body: Buffer.concat([filePart(goodBod()), closing]), type: 'multipart/form-data', status: 400, error: 'BAD_MULTIPART' },
      { name: 'bytes that are not multipart', body: Buffer.from(goodBod()), status: 400, error: 'BAD_MULTIPART' },
      { name: 'no part named "file"', body: Buffer.concat([filePart(goodBod(), 'document'), closing]), status: 400, error: 'BAD_MULTIPART' },
      { name: 'two "file" parts', body: Buffer.concat([filePart(goodBod()), filePart(goodBod()), closing]), status: 400, error: 'BAD_MULTIPART' },
      { name: 'a "file" part and a second file part', body: Buffer.concat([filePart(goodBod()), filePart(goodBod(), 'attachment'), closing]), status: 400, error: 'BAD_MULTIPART' },
      { name: 'a file part one byte over the limit', body: Buffer.concat([filePart(Buffer.alloc(limit + 1, 0x20)), closing]), status: 413, error: 'TOO_LARGE' },
    ];
    for (const c of cases) {
      const reply = await post('/api/ion/bods', `multipart: ${c.name}`, c.body, c.type ?? MULTIPART);
      expect({ case: c.name, status: reply.status, error: reply.body.error }).toEqual({ case: c.name, status: c.status, error: c.error });
      await expectHealthAnswers(c.name);
    }
    // A client that hangs up in the middle of a multipart upload.
    expect(await rawRequest('/api/ion/bods', { 'content-type': MULTIPART, 'content-length': '100000' }, [filePart(goodBod()).subarray(0, 300)], { endEarly: true })).toBeDefined();
    await expectHealthAnswers('a client hanging up mid-upload');
    // And the one well-formed multipart post is accepted, whole.
    const good = await post('/api/ion/bods', 'multipart: one file part', Buffer.concat([filePart(goodBod()), closing]), MULTIPART);
    expect(good.status).toBe(202);
  });

  it('refuses oversized bodies before reading them: declared Content-Length, chunked bodies past the limit, the host maximum', async () => {
    const bodLimit = Number(sandbox.env.BOD_MAX_BYTES ?? 10 * 1024 * 1024);
    const notificationLimit = Number(sandbox.env.NOTIFICATION_MAX_BYTES ?? 256 * 1024);
    // Only the headers and a few bytes are sent: the 413 comes before the (never sent) rest of the body.
    for (const [endpoint, limit, type] of [['/api/ion/bods', bodLimit, 'application/xml'], ['/api/amazon/notifications', notificationLimit, 'application/json']] as const) {
      const reply = await rawRequest(endpoint, { 'content-type': type, 'content-length': String(limit + 1) }, [Buffer.from('<x')], { endEarly: true });
      expect({ endpoint, reply: reply === 'closed' ? 'closed' : reply.status }).toEqual({ endpoint, reply: 413 });
      await expectHealthAnswers(`a declared Content-Length over ${endpoint}'s limit`);
    }
    const beyondHost = await rawRequest('/api/ion/bods', { 'content-type': 'application/xml', 'content-length': String(200 * 1024 * 1024) }, [Buffer.from('<x')], { endEarly: true });
    expect(beyondHost === 'closed' ? 'closed' : beyondHost.status).toBe(413);
    await expectHealthAnswers('a Content-Length beyond the host maximum');
    // Chunked (no Content-Length): reading stops at the limit.
    const chunk = Buffer.alloc(64 * 1024, 0x20);
    const chunked = await rawRequest('/api/amazon/notifications', { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, Array.from({ length: Math.ceil(notificationLimit / chunk.length) + 2 }, () => chunk));
    expect(chunked === 'closed' ? 'closed' : chunked.status).toBe(413);
    await expectHealthAnswers('a chunked body past the limit');
    // Without the key nothing is read at all: 401 before the body, whatever its size.
    const noKey = await new Promise<number>((resolve) => {
      const req = http.request(`${sandbox.url}/api/ion/bods`, { method: 'POST', headers: { 'content-type': 'application/xml', 'content-length': String(bodLimit) } }, (res) => { res.resume(); resolve(res.statusCode ?? 0); });
      req.on('error', () => resolve(-1));
      req.write('<x');
      setTimeout(() => req.destroy(), 2000);
    });
    expect(noKey).toBe(401);
    await expectHealthAnswers('a keyless request that never sends its body');
  });

  it('checks ids and dates at the door: 400 naming the field, never echoing the value, and health after each', async () => {
    const long = 'n'.repeat(129);
    const notification = (id: string, seller = sandbox.sellerId): Record<string, unknown> => orderChange(seller, id, '113-0000001-0000001');
    const cases: Array<{ name: string; endpoint: string; body: string; type: string; error: string; mentions: RegExp; secret: string }> = [
      { name: 'a 129-character NotificationId', endpoint: '/api/amazon/notifications', body: JSON.stringify(notification(long)), type: 'application/json', error: 'INVALID_NOTIFICATION', mentions: /NotificationId/, secret: long },
      { name: 'a NotificationId with a newline and a slash', endpoint: '/api/amazon/notifications', body: JSON.stringify(notification('id\nwith/slash-SECRET')), type: 'application/json', error: 'INVALID_NOTIFICATION', mentions: /NotificationId/, secret: 'SECRET' },
      { name: 'a sellerId with query characters', endpoint: '/api/amazon/notifications', body: JSON.stringify(notification('hostile-seller-1', 'A1?x=SECRET')), type: 'application/json', error: 'INVALID_NOTIFICATION', mentions: /sellerId/, secret: 'SECRET' },
      { name: 'a 200-character sellerId', endpoint: '/api/amazon/notifications', body: JSON.stringify(notification('hostile-seller-2', 'S'.repeat(200))), type: 'application/json', error: 'INVALID_NOTIFICATION', mentions: /sellerId/, secret: 'S'.repeat(200) },
      { name: 'broken JSON', endpoint: '/api/amazon/notifications', body: '{"NotificationType": "ORDER_CHANGE", "SECRET-BODY-TEXT": [', type: 'application/json', error: 'INVALID_NOTIFICATION', mentions: /invalid JSON/, secret: 'SECRET' },
      { name: 'a 129-character BODID', endpoint: '/api/ion/bods', body: goodBod((x) => x.replace(/<BODID>[^<]*<\/BODID>/, `<BODID>${long}</BODID>`)), type: 'application/xml', error: 'INVALID_VALUE', mentions: /BODID/, secret: long },
      { name: 'a BODID with a space', endpoint: '/api/ion/bods', body: goodBod((x) => x.replace(/<BODID>[^<]*<\/BODID>/, '<BODID>bod SECRET</BODID>')), type: 'application/xml', error: 'INVALID_VALUE', mentions: /BODID/, secret: 'SECRET' },
      { name: 'a CreationDateTime offset of -99:99', endpoint: '/api/ion/bods', body: goodBod((x) => x.replace(/<CreationDateTime>[^<]*</, '<CreationDateTime>2025-10-02T14:05:11-99:99<')), type: 'application/xml', error: 'INVALID_VALUE', mentions: /CreationDateTime/, secret: '-99:99' },
      { name: 'a CreationDateTime offset of +15:00', endpoint: '/api/ion/bods', body: goodBod((x) => x.replace(/<CreationDateTime>[^<]*</, '<CreationDateTime>2025-10-02T14:05:11+15:00<')), type: 'application/xml', error: 'INVALID_VALUE', mentions: /CreationDateTime/, secret: '+15:00' },
    ];
    for (const c of cases) {
      const reply = await post(c.endpoint, c.name, c.body, c.type);
      expect({ case: c.name, status: reply.status, error: reply.body.error }).toEqual({ case: c.name, status: 400, error: c.error });
      expect(`${String(reply.body.message)} ${String(reply.body.path ?? '')}`).toMatch(c.mentions);
      expect(JSON.stringify(reply.body)).not.toContain(c.secret);
      await expectHealthAnswers(c.name);
    }
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
