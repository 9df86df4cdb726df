/**
 * The SQS path end to end on the local host: the SP-API simulator delivers ORDER_CHANGE to a local SQS-compatible queue
 * (as Amazon delivers to SQS), the `amazon-sqs-poller` timer pulls it with the app's own settings, and the orders
 * arrive in M3 exactly once, with the queue drained.
 */
import { generateOrders } from '../../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../../local/sandbox/sandbox';
import { getJson, postJson, startTestSandbox, type SimM3Order } from '../../e2e/sandbox-support';
import { FakeSqsServer } from '../../fixtures/sqs/fake-sqs-server';

const SKUS = ['SQS-0001', 'SQS-0002', 'SQS-0003'];

describe('amazon-sqs-poller on the local host', () => {
  let sqs: FakeSqsServer;
  let sandbox: Sandbox;
  const queueName = 'm3sync-notifications';

  beforeAll(async () => {
    sqs = await new FakeSqsServer({ waitScaleMs: 5 }).start();
    const queueUrl = sqs.createQueue(queueName);
    sandbox = await startTestSandbox({
      env: { AMAZON_SQS_QUEUE_URL: queueUrl, AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'AKIDSANDBOX', AWS_SECRET_ACCESS_KEY: 'sandbox-secret' },
      amazon: { notifyUrl: sqs.inboxUrl(queueName), notifyEnvelope: 'raw' },
    });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  });
  afterAll(async () => {
    await sandbox?.stop();
    await sqs?.stop();
  });

  it('creates one M3 order per order announced through SQS and leaves the queue empty', async () => {
    const orders = generateOrders({ seed: 11, count: 3, skus: SKUS, pendingRate: 0, cancelledRate: 0 });
    for (const order of orders) expect((await postJson(`${sandbox.amazon.url}/_sim/orders`, order)).status).toBeLessThan(300);
    await sandbox.amazon.notifications.flush();
    expect(sqs.remaining(queueName).length).toBeGreaterThanOrEqual(orders.length);

    await sandbox.host.invokeTimer('amazon-sqs-poller');
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });

    expect(sqs.remaining(queueName)).toEqual([]);
    const created = await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
    expect(created.map((o) => o.CUOR).sort()).toEqual(orders.map((o) => String(o.orderId)).sort());
  });
});
