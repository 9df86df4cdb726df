/**
 * Acceptance: the host process killed with SIGKILL after M3 confirmed the order but before the order link was
 * written still yields exactly one M3 order. M3 holds Confirm's reply, so the kill lands in exactly that window.
 */
import { generateOrders } from '../../local/sim/amazon/order-generator';
import { startSandboxServices, type SandboxServices } from '../../local/sandbox/sandbox';
import { OrderLinkStore, createTableAccess } from '../../connectors/storage';
import { uniqueName } from '../support/storage';
import { isHostBuilt, killProcess, pollPause, spawnHost, HOST_MAIN, type RunningHost } from '../support/host-process';
import { assertNoAmazonViolations, getJson, postJson, type SimM3Order } from './sandbox-support';
import type { AmazonOrder } from './order-fixtures';

const SKUS = ['SKU-0001', 'SKU-0002', 'SKU-0003'];
const describeBuilt = isHostBuilt() ? describe : describe.skip;
if (!isHostBuilt()) console.warn(`skipping the order-to-cash crash test: ${HOST_MAIN} is missing (npm test builds it; or run npx tsc -p .)`);

describeBuilt('order-to-cash when the host dies between Confirm and the link write', () => {
  let services: SandboxServices;
  const hosts: RunningHost[] = [];

  beforeAll(async () => {
    services = await startSandboxServices({ taskHub: uniqueName('crash'), timeScale: 50 });
    await postJson(`${services.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => {
    await Promise.all(hosts.map((h) => killProcess(h.child, 'SIGKILL')));
    const violations = [...(services?.amazon.violations ?? [])];
    await services?.stop();
    assertNoAmazonViolations(violations);
  });

  it('still creates exactly one M3 order after a SIGKILL in that window and a restart', async () => {
    // Port 0: the host binds one the OS picks (no race with other servers starting); the simulator follows it.
    const masterKey = 'crash-test-master-key';
    const env = { ...services.env, M3SYNC_PORT: '0', LOCAL_RUN_TIMERS: 'false', LOCAL_MASTER_KEY: masterKey };
    const first = await spawnHost(env);
    hosts.push(first);
    services.amazon.notifications.setNotifyUrl(`${first.url}/api/amazon/notifications`);
    await postJson(`${services.m3.url}/_sim/faults`, { transactions: { 'OIS100MI/Confirm': { replyDelayMs: 30_000, times: 1 } } });
    const [order] = generateOrders({ seed: 61, count: 1, skus: SKUS, pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    await postJson(`${services.amazon.url}/_sim/orders`, order);

    const m3OrdersFor = async (): Promise<SimM3Order[]> => (await getJson<SimM3Order[]>(`${services.m3.url}/_sim/orders`)).filter((o) => o.CUOR === order!.orderId);
    const deadline = Date.now() + 60_000;
    while ((await m3OrdersFor()).length === 0) {
      if (Date.now() > deadline) throw new Error(`M3 never confirmed the order:\n${first.output.slice(-20).join('\n')}`);
      await pollPause();
    }
    await killProcess(first.child, 'SIGKILL');
    const links = new OrderLinkStore(createTableAccess(services.connectionString));
    expect((await links.get(services.sellerId, order!.orderId))?.status).toBe('creating');

    await postJson(`${services.m3.url}/_sim/faults`, {});
    const second = await spawnHost(env);
    hosts.push(second);
    services.amazon.notifications.setNotifyUrl(`${second.url}/api/amazon/notifications`);
    const instance = encodeURIComponent(`o2c:${services.sellerId}:${order!.orderId}`);
    let status = '';
    while (status !== 'Completed') {
      if (Date.now() > deadline + 60_000) throw new Error(`instance did not complete (${status}):\n${second.output.slice(-20).join('\n')}`);
      await pollPause(200);
      const response = await fetch(`${second.url}/runtime/webhooks/durabletask/instances/${instance}`, { headers: { 'x-functions-key': masterKey } });
      if (response.ok) status = ((await response.json()) as { runtimeStatus: string }).runtimeStatus;
    }
    const created = await m3OrdersFor();
    expect(created).toHaveLength(1);
    const link = await links.get(services.sellerId, order!.orderId);
    expect(link).toMatchObject({ status: 'created', m3OrderNumber: created[0]!.ORNO });
  });
});
