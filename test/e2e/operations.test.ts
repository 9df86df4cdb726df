/**
 * Operations end to end: parked orders re-driven after the item is fixed, a failed instance rewound,
 * restart/terminate/purge, dead letters re-submitted, pause/resume and dry run, the completeness check, the sweep and
 * health — through the real ops API on the local host, with the durable engine on a virtual clock so retries elapse
 * without waiting.
 */
import { BlobServiceClient } from '@azure/storage-blob';
import { runCliInProcess, type CliRun } from '../support/run-cli';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { VirtualClock } from '../../local/host/durable';
import { getJson, postJson, startTestSandbox, type SimM3Order } from './sandbox-support';

const ITEMS = ['OPS-ITEM-1', 'OPS-ITEM-2'];

interface ParkedRow { flow: string; id: string; reason: string; message: string; status: string; sourceRef: string; attempts: number; instanceId: string }
interface InstanceRow { instanceId: string; process: string; runtimeStatus: string; lastError: string; sourceRef: string; ids: Record<string, string>; customStatus: Record<string, unknown> | null }

describe('operations end to end', () => {
  let sandbox: Sandbox;
  const clock = new VirtualClock(new Date());
  let seed = 100;
  const headers = (): Record<string, string> => ({ 'x-api-key': sandbox.opsKey });
  const ops = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const response = await fetch(`${sandbox.url}/api/ops/${path}`, { method, headers: { ...headers(), 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
    return { status: response.status, body: (await response.json()) as T };
  };
  const m3Orders = (): Promise<SimM3Order[]> => getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`);
  const idle = (): Promise<void> => sandbox.host.whenIdle({ timeoutMs: 60_000 });
  const makeOrder = (skus: string[], start: Date, pending = false): Record<string, unknown> =>
    generateOrders({ seed: seed++, count: 1, skus, pendingRate: pending ? 1 : 0, cancelledRate: 0, start: start.toISOString() })[0]!;
  const seedOrder = async (order: Record<string, unknown>): Promise<string> => {
    const seeded = await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
    expect(seeded.status).toBeLessThan(300);
    return String(order.orderId);
  };
  const hoursAgo = (h: number): Date => new Date(Date.now() - h * 3_600_000);

  beforeAll(async () => {
    // Two retry rounds instead of ten (about a day) keep the outage case short in virtual steps.
    sandbox = await startTestSandbox({ clock, env: { OUTAGE_RETRY_ROUNDS: '2' } });
    await postJson(`${sandbox.m3.url}/_sim/items`, ITEMS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  });
  afterAll(async () => { await sandbox?.stop(); });

  it('refuses the ops API without the key', async () => {
    const response = await fetch(`${sandbox.url}/api/ops/parked`);
    expect(response.status).toBe(401);
  });

  it('lists a parked order (unknown SKU) by API and CLI, and its re-drive after the item is added creates exactly one M3 order', async () => {
    const orderId = await seedOrder(makeOrder(['OPS-MISSING-9'], hoursAgo(2)));
    await idle();
    const listed = await ops<{ items: ParkedRow[] }>('GET', 'parked?reason=SKU_NOT_FOUND');
    const item = listed.body.items.find((i) => i.id === orderId);
    expect(item).toMatchObject({ flow: 'order-to-cash', reason: 'SKU_NOT_FOUND', status: 'parked', sourceRef: `amazon-order:${sandbox.sellerId}:${orderId}` });
    expect(item!.message).toContain('OPS-MISSING-9');

    const out = await runCli(['parked', '--reason', 'SKU_NOT_FOUND', '--json', '--url', sandbox.url, '--key', sandbox.opsKey]);
    expect(out.code).toBe(0);
    const cliItems = (JSON.parse(out.stdout) as { items: ParkedRow[] }).items;
    expect(cliItems.find((i) => i.id === orderId)?.message).toContain('OPS-MISSING-9');

    await postJson(`${sandbox.m3.url}/_sim/items`, [{ ITNO: 'OPS-MISSING-9', ITDS: 'now known', STAT: '20' }]);
    const redriven = await ops<{ redriven: { how: string } }>('POST', `parked/order-to-cash/${encodeURIComponent(orderId)}/redrive`);
    expect(redriven.status).toBe(200);
    expect(redriven.body.redriven.how).toBe('signaled');
    await idle();
    expect((await m3Orders()).filter((o) => o.CUOR === orderId)).toHaveLength(1);
    const after = await ops<{ item: ParkedRow }>('GET', `parked/order-to-cash/${encodeURIComponent(orderId)}`);
    expect(after.body.item.status).toBe('resolved');
  });

  it('shows an order waiting out an M3 outage as retrying, fails it after its retry rounds, and rewinds it once the fault is fixed', async () => {
    await postJson(`${sandbox.m3.url}/_sim/faults`, { transactions: { 'OIS100MI/SearchHead': { status: 500 } } });
    const orderId = await seedOrder(makeOrder(['OPS-ITEM-1'], hoursAgo(2)));
    const instanceId = `o2c:${sandbox.sellerId}:${orderId}`;
    let failed: InstanceRow | undefined;
    let retrying: InstanceRow | undefined;
    let summarizedRetrying = 0;
    for (let round = 0; round < 60 && !failed; round++) {
      await idle();
      if (!retrying) {
        retrying = (await ops<{ instances: InstanceRow[] }>('GET', 'instances?status=running&outcome=retrying')).body.instances.find((i) => i.instanceId === instanceId);
        if (retrying) summarizedRetrying = (await ops<{ summary: { retryingInstances: number } }>('GET', 'summary')).body.summary.retryingInstances;
      }
      const list = await ops<{ instances: InstanceRow[] }>('GET', 'instances?status=failed');
      failed = list.body.instances.find((i) => i.instanceId === instanceId);
      if (!failed) await clock.advance(60 * 60_000); // retry backoff and the pauses between rounds, in virtual time
    }
    expect(retrying?.customStatus).toMatchObject({ outcome: 'retrying', reason: 'TRANSIENT_FAILURES', round: 1 });
    expect(String(retrying?.customStatus?.message)).toMatch(/SearchHead|HTTP 500/);
    expect(summarizedRetrying).toBe(1);
    expect(failed).toMatchObject({ process: 'order-to-cash', runtimeStatus: 'Failed', sourceRef: `amazon-order:${sandbox.sellerId}:${orderId}` });
    expect(failed!.lastError).toMatch(/SearchHead|HTTP 500/);
    const first = await ops<{ instances: InstanceRow[] }>('GET', 'instances');
    expect(first.body.instances[0]!.runtimeStatus).toBe('Failed');

    await postJson(`${sandbox.m3.url}/_sim/faults`, {});
    const rewound = await ops<{ instance: InstanceRow }>('POST', `instances/${encodeURIComponent(instanceId)}/rewind`, { reason: 'M3 is back' });
    expect(rewound.status).toBe(200);
    await idle();
    const shown = await ops<{ instance: InstanceRow }>('GET', `instances/${encodeURIComponent(instanceId)}`);
    expect(shown.body.instance.runtimeStatus).toBe('Completed');
    expect(shown.body.instance.customStatus).toMatchObject({ outcome: 'created' });
    expect((await m3Orders()).filter((o) => o.CUOR === orderId)).toHaveLength(1);

    // Restart: an order keeps one writer, so it runs again under its own id from the same input, which names the run
    // it restarts; the order exists, so nothing is written twice.
    const restarted = await ops<{ instanceId: string; restartedFrom: string }>('POST', `instances/${encodeURIComponent(instanceId)}/restart`);
    expect(restarted.status).toBe(200);
    expect(restarted.body).toEqual({ instanceId, restartedFrom: instanceId });
    await idle();
    const again = await ops<{ instance: InstanceRow }>('GET', `instances/${encodeURIComponent(restarted.body.instanceId)}`);
    expect(again.body.instance).toMatchObject({ runtimeStatus: 'Completed', ids: { restartedFrom: instanceId, amazonOrderId: orderId } });
    expect(again.body.instance.customStatus).toMatchObject({ outcome: 'exists' });
    expect((await m3Orders()).filter((o) => o.CUOR === orderId)).toHaveLength(1);
  });

  it('terminates a waiting instance and purges its history, one by one and by age', async () => {
    const orderId = await seedOrder(makeOrder(['OPS-ITEM-1'], hoursAgo(2), true));
    await idle();
    const instanceId = `o2c:${sandbox.sellerId}:${orderId}`;
    expect((await ops<{ instance: InstanceRow }>('GET', `instances/${encodeURIComponent(instanceId)}`)).body.instance.runtimeStatus).toBe('Running');
    expect((await ops('DELETE', `instances/${encodeURIComponent(instanceId)}`)).status).toBe(409);
    // A live order instance is the order's one writer: restarting it is refused, with the reason.
    const refused = await ops<{ error?: string; message?: string }>('POST', `instances/${encodeURIComponent(instanceId)}/restart`);
    expect(refused.status).toBe(409);
    expect(JSON.stringify(refused.body)).toMatch(/terminate it before restarting|one writer/);
    const terminated = await ops<{ instance: InstanceRow }>('POST', `instances/${encodeURIComponent(instanceId)}/terminate`, { reason: 'test' });
    expect(terminated.status).toBe(200);
    await idle();
    expect((await ops<{ instance: InstanceRow }>('GET', `instances/${encodeURIComponent(instanceId)}`)).body.instance.runtimeStatus).toBe('Terminated');
    expect((await ops<{ instancesDeleted: number }>('DELETE', `instances/${encodeURIComponent(instanceId)}`)).body.instancesDeleted).toBe(1);
    expect((await ops('GET', `instances/${encodeURIComponent(instanceId)}`)).status).toBe(404);

    const before = (await ops<{ total: number }>('GET', 'instances?status=completed')).body.total;
    expect(before).toBeGreaterThan(0);
    const purged = await ops<{ instancesDeleted: number }>('POST', 'purge', { before: new Date(clock.now().getTime() + 60_000).toISOString(), statuses: ['Completed'] });
    expect(purged.body.instancesDeleted).toBe(before);
    expect((await ops<{ total: number }>('GET', 'instances?status=completed')).body.total).toBe(0);
  });

  it('lists a message the queue host dead-lettered and re-submits it once its cause is fixed', async () => {
    const blobName = '0b9f3c52-8a51-4bb6-9d7c-2f1a1e0c0d01';
    await sandbox.host.queueSender.send('ion-bods', [{ messageId: 'ops-dlq-1', body: { kind: 'claim-check', reference: `claim-checks/${blobName}`, bodId: 'ops-dlq-1', noun: 'InventoryCount' } }]);
    await idle();
    const listed = await ops<{ messages: Array<{ queue: string; messageId: string; deliveryCount: number; summary: Record<string, string> }> }>('GET', 'dlq?queue=ion-bods');
    expect(listed.body.messages).toEqual([expect.objectContaining({ queue: 'ion-bods', messageId: 'ops-dlq-1', summary: expect.objectContaining({ bodId: 'ops-dlq-1', kind: 'claim-check' }) })]);

    const everyQueue = await ops<{ messages: Array<{ messageId: string }> }>('GET', 'dlq');
    expect(everyQueue.body.messages.map((m) => m.messageId)).toEqual(['ops-dlq-1']);
    const cli = await runCli(['dlq', '--queue', 'ion-bods', '--json', '--url', sandbox.url, '--key', sandbox.opsKey]);
    expect(JSON.parse(cli.stdout)).toMatchObject({ messages: [expect.objectContaining({ messageId: 'ops-dlq-1' })] });

    // The cause: the claimed document was missing. Put it there, then re-submit.
    const container = BlobServiceClient.fromConnectionString(sandbox.connectionString).getContainerClient('claim-checks');
    await container.createIfNotExists();
    await container.getBlockBlobClient(blobName).upload(JSON.stringify(inventoryBod()), Buffer.byteLength(JSON.stringify(inventoryBod())));
    const resubmitted = await ops<{ resubmitted: boolean }>('POST', 'dlq/ion-bods/ops-dlq-1/resubmit');
    expect(resubmitted.body.resubmitted).toBe(true);
    await idle();
    expect((await ops<{ messages: unknown[] }>('GET', 'dlq?queue=ion-bods')).body.messages).toEqual([]);
    expect((await ops('POST', 'dlq/ion-bods/ops-dlq-1/resubmit')).status).toBe(404);
  });

  it('pause: intake continues and nothing is written; resume drains the backlog', async () => {
    expect((await ops<{ flow: { paused: boolean } }>('POST', 'flows/order-to-cash', { paused: true })).body.flow.paused).toBe(true);
    const orderId = await seedOrder(makeOrder(['OPS-ITEM-2'], hoursAgo(2)));
    await idle();
    expect((await m3Orders()).some((o) => o.CUOR === orderId)).toBe(false);
    const instanceId = `o2c:${sandbox.sellerId}:${orderId}`;
    const waiting = await ops<{ instance: InstanceRow }>('GET', `instances/${encodeURIComponent(instanceId)}`);
    expect(waiting.body.instance).toMatchObject({ runtimeStatus: 'Running', customStatus: { outcome: 'paused', reason: 'FLOW_PAUSED' } });

    const resumed = await ops<{ flow: { paused: boolean }; drained: number }>('POST', 'flows/order-to-cash', { paused: false });
    expect(resumed.body).toMatchObject({ flow: { paused: false }, drained: 1 });
    await idle();
    expect((await m3Orders()).filter((o) => o.CUOR === orderId)).toHaveLength(1);
  });

  it('dry run writes nothing and records the plan', async () => {
    await ops('POST', 'flows/order-to-cash', { dryRun: true });
    const orderId = await seedOrder(makeOrder(['OPS-ITEM-1'], hoursAgo(2)));
    await idle();
    await ops('POST', 'flows/order-to-cash', { dryRun: false });
    expect((await m3Orders()).some((o) => o.CUOR === orderId)).toBe(false);
    const plans = await ops<{ items: ParkedRow[] }>('GET', 'parked?flow=order-to-cash-dry-run');
    expect(plans.body.items.find((i) => i.id === orderId)).toMatchObject({ reason: 'DRY_RUN', message: expect.stringMatching(/would make \d+ M3 calls/) });
    const flows = await ops<{ flows: Array<{ flow: string; paused: boolean; dryRun: boolean }> }>('GET', 'flows');
    expect(flows.body.flows.find((f) => f.flow === 'order-to-cash')).toEqual({ flow: 'order-to-cash', paused: false, dryRun: false });
  });

  it('the completeness check reports exactly the orders withheld from M3, and the sweep brings them in', async () => {
    // Written straight into the simulator's state: Amazon knows them, no notification ever reached the app.
    const withheld = [makeOrder(['OPS-ITEM-1'], hoursAgo(10)), makeOrder(['OPS-ITEM-2'], hoursAgo(9.5))];
    for (const order of withheld) sandbox.amazon.state.orders[String(order.orderId)] = order;
    const created = makeOrder(['OPS-ITEM-1'], hoursAgo(9.8));
    await seedOrder(created);
    await idle();
    const window = `since=${hoursAgo(11).toISOString()}&until=${hoursAgo(8).toISOString()}`;
    const report = await ops<{ report: { ok: boolean; missingTotal: number; missing: Array<{ amazonOrderId: string; knownAs: string }> } }>('GET', `completeness?run=true&${window}`);
    expect(report.body.report.ok).toBe(false);
    expect(report.body.report.missing.map((m) => m.amazonOrderId).sort()).toEqual(withheld.map((o) => String(o.orderId)).sort());
    expect(report.body.report.missing.every((m) => m.knownAs === 'unknown to the app')).toBe(true);

    await sandbox.host.invokeTimer('completeness-check');
    const latest = await ops<{ report: { since: string } }>('GET', 'completeness');
    expect(latest.body.report).not.toBeNull();

    await sandbox.host.invokeTimer('amazon-order-sweep');
    await idle();
    for (const order of withheld) expect((await m3Orders()).filter((o) => o.CUOR === order.orderId)).toHaveLength(1);
    const again = await ops<{ report: { ok: boolean } }>('GET', `completeness?run=true&${window}`);
    expect(again.body.report.ok).toBe(true);
    const summary = await ops<{ summary: { cursors: Array<{ name: string; value: string }>; flows: Array<{ flow: string; successes: number }> } }>('GET', 'summary');
    expect(summary.body.summary.cursors.some((c) => c.value !== '')).toBe(true);
    expect(summary.body.summary.flows.find((f) => f.flow === 'order-to-cash')!.successes).toBeGreaterThan(0);
  });

  it('m3sync sweep orders --since backfills an order no notification announced', async () => {
    const lost = makeOrder(['OPS-ITEM-2'], hoursAgo(30));
    sandbox.amazon.state.orders[String(lost.orderId)] = lost;
    const out = await runCli(['sweep', 'orders', '--since', hoursAgo(31).toISOString(), '--until', hoursAgo(29).toISOString(), '--json', '--url', sandbox.url, '--key', sandbox.opsKey]);
    expect(out.stderr).toBe('');
    expect(out.code).toBe(0);
    expect(JSON.parse(out.stdout)).toMatchObject({ orders: 1, started: 1, signaled: 0 });
    await idle();
    expect((await m3Orders()).filter((o) => o.CUOR === lost.orderId)).toHaveLength(1);
  });

  it('health answers 200 with every dependency checked, and 503 naming M3 when M3 fails (details and a fresh check with the operations key)', async () => {
    const healthy = await fetch(`${sandbox.url}/api/health?fresh=true`, { headers: headers() });
    const body = (await healthy.json()) as { status: string; checks: Array<{ name: string; status: string; latencyMs: number }> };
    expect(healthy.status).toBe(200);
    expect(body.checks.map((c) => c.name).sort()).toEqual(['amazon', 'durable', 'm3', 'queues', 'storage']);
    expect(body.checks.every((c) => c.status === 'ok' && c.latencyMs >= 0)).toBe(true);

    await postJson(`${sandbox.m3.url}/_sim/faults`, { transactions: { 'CRS610MI/LstByNumber': { status: 503 } } });
    const sick = await fetch(`${sandbox.url}/api/health?fresh=true`, { headers: headers() });
    const sickBody = (await sick.json()) as { checks: Array<{ name: string; status: string; detail: string }> };
    await postJson(`${sandbox.m3.url}/_sim/faults`, {});
    expect(sick.status).toBe(503);
    expect(sickBody.checks.find((c) => c.name === 'm3')).toMatchObject({ status: 'failed', detail: expect.stringContaining('503') });
    expect(JSON.stringify(sickBody)).not.toContain(sandbox.intakeKey);
    expect(JSON.stringify(sickBody)).not.toContain(sandbox.opsKey);
    // Anonymous callers see the same cached verdict, without the details.
    const anonymous = await fetch(`${sandbox.url}/api/health`);
    expect(anonymous.status).toBe(503);
    expect(Object.keys((await anonymous.json()) as object).sort()).toEqual(['checkedAt', 'status']);
  });
});

/** The CLI in process (a child process would block on this process' event loop, where the app runs). */
function runCli(argv: string[]): Promise<CliRun> {
  return runCliInProcess(argv);
}

/** A canonical inventory BOD (what intake queues): the inventory flow takes it as a change signal. */
function inventoryBod(): Record<string, unknown> {
  return {
    envelope: { verb: 'Sync', noun: 'InventoryCount', bodId: 'ops-dlq-1', releaseId: '9.2', versionId: '2.14.3', logicalId: 'lid://infor.m3.m3', componentId: 'M3BE', createdAt: new Date().toISOString(), accountingEntity: '100_AAA', location: 'A01', actionCode: 'Replace' },
    document: { id: 'ops-inv-1', lines: [{ itemNumber: 'OPS-ITEM-1', warehouse: 'A01', quantity: 5, unit: 'EA' }] },
  };
}
