/**
 * The SQS poller against a local SQS-compatible server at the AWS SDK's HTTP boundary (@aws-sdk/client-sqs, AWS JSON 1.0),
 * with the real notification intake on Azurite tables: messages move into the intake queue, are deleted only after the
 * enqueue succeeded, stay on SQS when it fails, and bad messages are parked (PII-free) and deleted.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AwsSqsQueue } from '../../../connectors/aws-sqs';
import { InMemoryQueue, type QueueTransport } from '../../../connectors/messaging';
import type { OutboundMessage } from '../../../connectors/messaging/queue-port';
import {
  ClaimCheckStore, CursorStore, FlowCounterStore, IdempotencyStore, OrderLeaseStore, OrderLinkStore, ParkedStore, VariationStore, WaitingOrderStore, createTableAccess,
} from '../../../connectors/storage';
import { AuthError, TransientError } from '../../../core/errors';
import { readAppSettings, sellersOf } from '../../../functions/app-settings';
import { acceptNotification } from '../../../functions/ingress/amazon-notifications';
import { INTAKE_FLOW, SQS_POLLER, SQS_POLLER_SCHEDULE, configuredSqsQueue, pollSqs, type SqsPollPorts } from '../../../functions/ingress/sqs-poller';
import { QUEUES } from '../../../functions/queue-names';
import { createAmazonClients } from '../../../functions/runtime/amazon-clients';
import type { Dependencies } from '../../../functions/runtime/dependencies';
import { FlowSwitchBoard } from '../../../functions/runtime/flow-switches';
import type { LogSink } from '../../../functions/runtime/structured-log';
import { getRegistrations, triggerOf } from '../../../local/host/registrations';
import { azuriteConnectionString, uniqueName } from '../../support/storage';
import { FakeSqsServer } from '../../fixtures/sqs/fake-sqs-server';

const SELLER = 'A3TH9S8BH6GOGM';
const template = readFileSync(path.resolve(__dirname, '../../fixtures/notifications/order-change-raw.json'), 'utf8');

/** The raw ORDER_CHANGE fixture, compacted, with its ids replaced: what Amazon puts in the SQS `Body`. */
function orderChange(notificationId: string, orderId = '113-0000001-0000001', sellerId = SELLER): string {
  const doc: unknown = JSON.parse(template);
  return JSON.stringify(doc).replace('d0e9e693-c3ad-4373-979f-ed4ec98dd746', notificationId).replace('113-0000001-0000001', orderId).replace(SELLER, sellerId);
}

/** The intake's queue with an off switch for its sends, like Service Bus being unreachable. */
class SwitchableSender extends InMemoryQueue {
  failing = false;
  onSend?: (messageId: string) => void;
  override async send(queue: string, messages: OutboundMessage[]): Promise<void> {
    if (this.failing) throw new TransientError('Service Bus unreachable', { code: 'ServiceUnavailable', system: 'servicebus' });
    await super.send(queue, messages);
    for (const m of messages) this.onSend?.(m.messageId);
  }
}

function testDependencies(sender: SwitchableSender): Dependencies {
  const connectionString = azuriteConnectionString();
  const settings = readAppSettings({
    AzureWebJobsStorage: connectionString,
    SPAPI_SELLERS: JSON.stringify([{ sellerId: SELLER, region: 'NA', marketplaceIds: ['ATVPDKIKX0DER'], refreshToken: 'Atzr|test' }]),
  });
  const sellers = sellersOf(settings);
  const tables = createTableAccess(connectionString, uniqueName('sqs'));
  const queues: QueueTransport = { kind: 'storage', sender, receiver: sender, deadLetters: sender, close: async () => undefined };
  return {
    settings, sellers, tables, queues,
    idempotency: new IdempotencyStore(tables), cursors: new CursorStore(tables), links: new OrderLinkStore(tables), leases: new OrderLeaseStore(tables), parked: new ParkedStore(tables),
    counters: new FlowCounterStore(tables), variations: new VariationStore(tables), claimChecks: new ClaimCheckStore(connectionString, uniqueName('sqsclaims')),
    orderClaimChecks: new ClaimCheckStore(connectionString, uniqueName('sqsorders')), waitingOrders: new WaitingOrderStore(tables),
    amazon: createAmazonClients(settings, sellers),
    m3: () => { throw new Error('M3 is not used by the intake'); },
    switches: new FlowSwitchBoard(tables, { paused: [], dryRun: [] }),
    mappings: () => Promise.reject(new Error('mappings are not used by the intake')),
    reloadMappings: () => undefined,
  };
}

function memoryLog(): LogSink & { lines: string[] } {
  const lines: string[] = [];
  return { lines, info: (m) => lines.push(m), warn: (m) => lines.push(m), error: (m) => lines.push(m) };
}

describe('amazon-sqs-poller', () => {
  let sqs: FakeSqsServer;
  let deps: Dependencies;
  let sender: SwitchableSender;
  let queueName: string;
  let queue: AwsSqsQueue;
  let log: ReturnType<typeof memoryLog>;

  const ports = (): SqsPollPorts => ({
    queue, intake: (text) => acceptNotification(text, deps, log), parked: deps.parked, counters: deps.counters,
    maxBytes: deps.settings.NOTIFICATION_MAX_BYTES, log,
  });

  beforeAll(async () => {
    sqs = await new FakeSqsServer({ visibilityTimeoutSeconds: 30, maxReceiveCount: 3 }).start();
  });
  afterAll(async () => {
    await sqs.stop();
  });
  beforeEach(() => {
    sender = new SwitchableSender();
    deps = testDependencies(sender);
    queueName = uniqueName('notifications');
    queue = new AwsSqsQueue({ queueUrl: sqs.createQueue(queueName), region: 'us-east-2', credentials: { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' } });
    sqs.requests.length = 0;
    log = memoryLog();
  });
  afterEach(() => queue.close());

  it('is a timer named amazon-sqs-poller that runs every 30 seconds', () => {
    const registration = getRegistrations().find((r) => r.name === SQS_POLLER);
    expect(registration).toBeDefined();
    expect(triggerOf(registration!)).toMatchObject({ type: 'timerTrigger', schedule: SQS_POLLER_SCHEDULE });
    expect(SQS_POLLER_SCHEDULE.split(' ')).toHaveLength(6);
  });

  it('is disabled when AMAZON_SQS_QUEUE_URL is empty', () => {
    expect(configuredSqsQueue(readAppSettings({ AMAZON_SQS_QUEUE_URL: '' }))).toBeUndefined();
    expect(configuredSqsQueue(readAppSettings({ AMAZON_SQS_QUEUE_URL: 'https://sqs.eu-west-1.amazonaws.com/123456789012/m3sync' }))?.name).toBe('m3sync');
  });

  it('moves every message into the intake queue and deletes each one after it was queued', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `n-${i}`);
    for (const [i, id] of ids.entries()) sqs.send(queueName, orderChange(id, `113-0000001-00000${String(i).padStart(2, '0')}`));

    const events: string[] = [];
    sender.onSend = (messageId) => events.push(`queued ${messageId}`);
    const watched: SqsPollPorts = { ...ports(), queue: { name: queue.name, receive: (o) => queue.receive(o), changeVisibility: (h, s) => queue.changeVisibility(h, s), delete: async (handle) => { events.push('deleted'); await queue.delete(handle); } } };

    const summary = await pollSqs(watched, { maxWaitSeconds: 20 });

    expect(summary).toMatchObject({ received: 12, deleted: 12, kept: 0, parked: 0, stoppedBy: 'empty', rounds: 3 });
    expect(sqs.remaining(queueName)).toEqual([]);
    const queued = await sender.receive(QUEUES.amazonEvents, { max: 32 });
    expect(queued.map((d) => d.messageId).sort()).toEqual([...ids].sort());
    // Never more deletes than enqueues at any point: a message is deleted only after its enqueue succeeded.
    let balance = 0;
    for (const event of events) {
      balance += event === 'deleted' ? -1 : 1;
      expect(balance).toBeGreaterThanOrEqual(0);
    }
    expect(events.filter((e) => e === 'deleted')).toHaveLength(12);
  });

  it('speaks the SQS JSON protocol with SigV4 and a long poll of at most 20 s for at most 10 messages', async () => {
    sqs.send(queueName, orderChange('n-proto'));
    await pollSqs(ports(), { budgetMs: 60_000 });
    const receive = sqs.requests.find((r) => r.target === 'AmazonSQS.ReceiveMessage');
    expect(receive?.contentType).toBe('application/x-amz-json-1.0');
    expect(receive?.authorization).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDTEST\/\d{8}\/us-east-2\/sqs\/aws4_request/);
    expect(receive?.body).toMatchObject({ QueueUrl: expect.stringContaining(queueName), MaxNumberOfMessages: 10, WaitTimeSeconds: 20, MessageSystemAttributeNames: ['ApproximateReceiveCount'] });
  });

  it('keeps the message on the queue when the enqueue fails, and delivers it once the queue is back', async () => {
    sqs.send(queueName, orderChange('n-retry'));
    sender.failing = true;
    const first = await pollSqs(ports());
    expect(first).toMatchObject({ received: 1, kept: 1, deleted: 0 });
    expect(sqs.actions()).not.toContain('DeleteMessage');
    expect(sqs.remaining(queueName)).toHaveLength(1);
    expect(log.lines.some((l) => l.includes('"notification.sqs-kept"') && l.includes('UNAVAILABLE'))).toBe(true);

    // Still invisible: nothing to do until the visibility timeout has passed.
    expect(await pollSqs(ports())).toMatchObject({ received: 0, stoppedBy: 'empty' });

    sender.failing = false;
    sqs.advance(31_000);
    const second = await pollSqs(ports());
    expect(second).toMatchObject({ received: 1, deleted: 1 });
    expect(sqs.remaining(queueName)).toEqual([]);
    expect((await sender.receive(QUEUES.amazonEvents)).map((d) => d.messageId)).toEqual(['n-retry']);
  });

  it('leaves a message that never gets queued to the queue\'s redrive policy (dead-letter queue)', async () => {
    const id = sqs.send(queueName, orderChange('n-dlq'));
    sender.failing = true;
    for (let i = 0; i < 4; i++) {
      await pollSqs(ports());
      sqs.advance(31_000);
    }
    expect(sqs.remaining(queueName)).toEqual([]);
    expect(sqs.deadLetters.map((m) => m.messageId)).toContain(id);
  });

  it('keeps going when the intake itself throws for one message', async () => {
    sqs.send(queueName, orderChange('n-a', '113-0000001-0000010'));
    sqs.send(queueName, orderChange('n-b', '113-0000001-0000011'));
    let calls = 0;
    const flaky: SqsPollPorts = { ...ports(), intake: async (text) => { if (calls++ === 0) throw new TransientError('table storage timeout', { code: 'timeout', system: 'storage' }); return acceptNotification(text, deps, log); } };
    const summary = await pollSqs(flaky);
    expect(summary).toMatchObject({ received: 2, deleted: 1, kept: 1 });
  });

  it('deletes a duplicate notification after the intake answered it as a duplicate', async () => {
    // Amazon redelivers after the first copy was taken in.
    sqs.send(queueName, orderChange('n-dup'));
    expect(await pollSqs(ports())).toMatchObject({ received: 1, deleted: 1, duplicates: 0 });
    sqs.send(queueName, orderChange('n-dup'));
    expect(await pollSqs(ports())).toMatchObject({ received: 1, deleted: 1, duplicates: 1 });
    expect(await sender.receive(QUEUES.amazonEvents, { max: 10 })).toHaveLength(1);
  });

  it('queues one of two copies of a notification received in the same batch and deletes the other as a duplicate', async () => {
    const queued: string[] = [];
    sender.onSend = (messageId) => queued.push(messageId);
    sqs.send(queueName, orderChange('n-twice'));
    sqs.send(queueName, orderChange('n-other-1', '113-0000001-0000031'));
    sqs.send(queueName, orderChange('n-twice'));

    const summary = await pollSqs(ports());

    expect(summary).toMatchObject({ received: 3, deleted: 3, duplicates: 1, kept: 0 });
    expect(queued.sort()).toEqual(['n-other-1', 'n-twice']);
    expect(sqs.remaining(queueName)).toEqual([]);
    expect(log.lines.filter((l) => l.includes('"notification.duplicate"') && l.includes('n-twice'))).toHaveLength(1);
  });

  it('queues a notification once when two pollers receive a copy each at the same time', async () => {
    const queued: string[] = [];
    // The first poller's enqueue is held open until the second poller has found the claim taken.
    let releaseSend!: () => void;
    const sendHeld = new Promise<void>((resolve) => { releaseSend = resolve; });
    let enteredSend!: () => void;
    const inSend = new Promise<void>((resolve) => { enteredSend = resolve; });
    const slowSender = sender;
    const send = slowSender.send.bind(slowSender);
    slowSender.send = async (q, messages) => { enteredSend(); await sendHeld; await send(q, messages); messages.forEach((m) => queued.push(m.messageId)); };
    sqs.send(queueName, orderChange('n-race'));
    sqs.send(queueName, orderChange('n-race'));

    let firstDone!: Promise<unknown>;
    const first: SqsPollPorts = { ...ports(), intake: (text) => { firstDone = acceptNotification(text, deps, log); return firstDone as ReturnType<typeof acceptNotification>; } };
    // The second poller looks at the claim again after the first has queued its copy (no real sleep).
    const second: SqsPollPorts = { ...ports(), intake: (text) => acceptNotification(text, deps, log, { awaitPendingClaim: { pauses: 3, pause: async () => { releaseSend(); await firstDone; } } }) };

    const firstRun = pollSqs(first, { maxMessages: 1, maxRounds: 1 });
    await inSend;
    const [a, b] = await Promise.all([firstRun, pollSqs(second, { maxMessages: 1, maxRounds: 1 })]);

    expect(queued).toEqual(['n-race']);
    expect(a).toMatchObject({ received: 1, deleted: 1, duplicates: 0 });
    expect(b).toMatchObject({ received: 1, deleted: 1, duplicates: 1 });
    expect(sqs.remaining(queueName)).toEqual([]);
  });

  it('keeps a copy whose claim another poller still holds, and deletes it as a duplicate on redelivery', async () => {
    sqs.send(queueName, orderChange('n-held'));
    await deps.idempotency.claimLease('notification', 'n-held', 'ORDER_CHANGE'); // another poller claimed it and is still at work
    const patient: SqsPollPorts = { ...ports(), intake: (text) => acceptNotification(text, deps, log, { awaitPendingClaim: { pauses: 2, pause: async () => undefined } }) };
    expect(await pollSqs(patient)).toMatchObject({ received: 1, kept: 1, deleted: 0 });
    expect(await sender.receive(QUEUES.amazonEvents, { max: 10 })).toHaveLength(0);

    await deps.idempotency.confirm('notification', 'n-held'); // the other poller queued it
    sqs.advance(31_000);
    expect(await pollSqs(patient)).toMatchObject({ received: 1, deleted: 1, duplicates: 1 });
    expect(sqs.remaining(queueName)).toEqual([]);
  });

  it('parks a message that is not a notification (reason, no body), counts it and deletes it', async () => {
    const messageId = sqs.send(queueName, JSON.stringify({ NotificationType: 'ORDER_CHANGE', Payload: { DestinationPostalCode: '98101' } }));
    const summary = await pollSqs(ports());
    expect(summary).toMatchObject({ received: 1, parked: 1, deleted: 0 });
    expect(sqs.remaining(queueName)).toEqual([]);
    const parked = await deps.parked.list({ flow: INTAKE_FLOW });
    expect(parked).toEqual([expect.objectContaining({ id: messageId, reason: 'INVALID_NOTIFICATION', sourceRef: `sqs:${queueName}:${messageId}`, status: 'parked' })]);
    expect(JSON.stringify(parked)).not.toContain('98101');
    expect(log.lines.join('\n')).not.toContain('98101');
    const counts = await deps.counters.day(new Date().toISOString().slice(0, 10));
    expect(counts.filter((c) => c.flow === INTAKE_FLOW && c.outcome === 'sqs-parked').reduce((n, c) => n + c.count, 0)).toBe(1);
  });

  it('parks a notification for a seller this deployment does not serve, and one over the size limit', async () => {
    sqs.send(queueName, orderChange('n-other', '113-0000001-0000020', 'A1OTHERSELLER'));
    sqs.send(queueName, orderChange('n-big').replace('"ChangeReason":"Order status changed"', `"ChangeReason":"${'x'.repeat(300 * 1024)}"`));
    const summary = await pollSqs(ports());
    expect(summary).toMatchObject({ received: 2, parked: 2 });
    expect((await deps.parked.list({ flow: INTAKE_FLOW })).map((p) => p.reason).sort()).toEqual(['TOO_LARGE', 'UNKNOWN_SELLER']);
  });

  it('keeps a bad message when parking it fails, so nothing is dropped unrecorded', async () => {
    sqs.send(queueName, 'not json');
    const broken: SqsPollPorts = { ...ports(), parked: { park: () => Promise.reject(new TransientError('storage down', { code: 'timeout', system: 'storage' })) } };
    expect(await pollSqs(broken)).toMatchObject({ received: 1, kept: 1, parked: 0 });
    expect(sqs.remaining(queueName)).toHaveLength(1);
  });

  it('counts a failed delete and lets the redelivery be deduplicated', async () => {
    sqs.send(queueName, orderChange('n-del'));
    sqs.failNext('DeleteMessage', { status: 500, code: 'InternalError' });
    expect(await pollSqs(ports())).toMatchObject({ received: 1, deleteFailed: 1 });
    sqs.advance(31_000);
    expect(await pollSqs(ports())).toMatchObject({ received: 1, deleted: 1 });
    expect(sqs.remaining(queueName)).toEqual([]);
    expect(await sender.receive(QUEUES.amazonEvents, { max: 10 })).toHaveLength(1);
  });

  it('stops at the end of its time budget and shortens the last long poll', async () => {
    let clock = 0;
    sqs.send(queueName, orderChange('n-t1'));
    const timed: SqsPollPorts = { ...ports(), intake: async (text) => { clock += 10_000; return acceptNotification(text, deps, log); } };
    const summary = await pollSqs(timed, { budgetMs: 25_000, now: () => clock });
    const waits = sqs.requests.filter((r) => r.target === 'AmazonSQS.ReceiveMessage').map((r) => r.body.WaitTimeSeconds);
    expect(waits).toEqual([20, 12]);
    expect(summary.stoppedBy).toBe('empty');
    clock = 0;
    sqs.send(queueName, orderChange('n-t2'));
    const slow: SqsPollPorts = { ...ports(), intake: async (text) => { clock += 30_000; return acceptNotification(text, deps, log); } };
    expect(await pollSqs(slow, { budgetMs: 25_000, now: () => clock })).toMatchObject({ received: 1, stoppedBy: 'budget' });
  });

  it('ends the run with an alert when AWS refuses the credentials, and with a warning when SQS is unreachable', async () => {
    sqs.failNext('ReceiveMessage', { status: 403, code: 'InvalidClientTokenId' });
    const denied = await pollSqs(ports());
    expect(denied).toMatchObject({ stoppedBy: 'error', error: 'InvalidClientTokenId', received: 0 });
    expect(log.lines.some((l) => l.includes('"alert.amazon-sqs-auth"'))).toBe(true);

    const gone = new AwsSqsQueue({ queueUrl: `${sqs.url}/000000000000/no-such-queue`, region: 'us-east-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await expect(gone.receive({ maxMessages: 1, waitSeconds: 0 })).rejects.toMatchObject({ kind: 'permanent' });
    gone.close();

    const down = new AwsSqsQueue({ queueUrl: 'http://127.0.0.1:9/000000000000/q', region: 'us-east-2', credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    const result = await pollSqs({ ...ports(), queue: down });
    expect(result.stoppedBy).toBe('error');
    expect(log.lines.some((l) => l.includes('"notification.sqs-receive-failed"'))).toBe(true);
    down.close();
  });

  it('maps SQS errors to the project error classes', async () => {
    sqs.failNext('ReceiveMessage', { status: 400, code: 'AccessDenied', queryError: 'AccessDenied;Sender' });
    await expect(queue.receive({ maxMessages: 1, waitSeconds: 0 })).rejects.toBeInstanceOf(AuthError);
    sqs.failNext('ReceiveMessage', { status: 503, code: 'ServiceUnavailable' });
    await expect(queue.receive({ maxMessages: 1, waitSeconds: 0 })).rejects.toBeInstanceOf(TransientError);
  });
});
