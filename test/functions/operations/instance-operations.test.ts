import { listInstances, purgeHistory, purgeInstance, restartInstance, rewindInstance, showInstance, terminateInstance } from '../../../functions/operations/instance-operations';
import { OpsError } from '../../../functions/operations/ops-request';
import { FakeInstanceClient } from './fake-instance-client';

const order = { sellerId: 'A1', amazonOrderId: '113-1', trigger: 'n-1', buyerName: 'Jane Doe' };

function client(): FakeInstanceClient {
  return new FakeInstanceClient([
    { name: 'order-to-cash', instanceId: 'o2c:A1:113-1', runtimeStatus: 'Failed', input: order, output: 'M3 OIS100MI.SearchHead: HTTP 500', lastUpdatedTime: '2026-01-01T01:00:00Z' },
    { name: 'order-to-cash', instanceId: 'o2c:A1:113-2', runtimeStatus: 'Running', input: { ...order, amazonOrderId: '113-2' }, customStatus: { outcome: 'parked', reason: 'SKU_NOT_FOUND', nested: { x: 1 } }, lastUpdatedTime: '2026-01-01T03:00:00Z' },
    { name: 'shipment-confirmation', instanceId: 'ship:D1', runtimeStatus: 'Completed', input: { envelope: { bodId: 'B-1', noun: 'Shipment' }, document: { shipTo: 'secret street' } }, lastUpdatedTime: '2026-01-01T04:00:00Z' },
    { name: 'shipment-feed-batch', instanceId: '@shipment-feed-batch@A1', runtimeStatus: 'Running' },
  ]);
}

describe('instance operations', () => {
  it('lists failed first, drops entities, and filters by process', async () => {
    const { instances } = await listInstances(client(), {});
    expect(instances.map((i) => i.instanceId)).toEqual(['o2c:A1:113-1', 'o2c:A1:113-2', 'ship:D1']);
    expect((await listInstances(client(), { process: 'shipment-confirmation' })).instances.map((i) => i.instanceId)).toEqual(['ship:D1']);
    expect((await listInstances(client(), { statuses: ['Failed'] })).total).toBe(1);
  });

  it('filters by the outcome in the custom status (retrying: waiting out an outage)', async () => {
    const c = client();
    c.instances.set('o2c:A1:113-3', { name: 'order-to-cash', instanceId: 'o2c:A1:113-3', runtimeStatus: 'Running', customStatus: { outcome: 'retrying', reason: 'TRANSIENT_FAILURES', round: 2 } });
    const { instances, total } = await listInstances(c, { statuses: ['Running'], outcome: 'retrying' });
    expect(total).toBe(1);
    expect(instances[0]).toMatchObject({ instanceId: 'o2c:A1:113-3', customStatus: { outcome: 'retrying', round: 2 } });
  });

  it('shows the last error and a source reference, and never the payload', async () => {
    const failed = await showInstance(client(), 'o2c:A1:113-1');
    expect(failed).toMatchObject({ runtimeStatus: 'Failed', lastError: 'M3 OIS100MI.SearchHead: HTTP 500', sourceRef: 'amazon-order:A1:113-1', ids: { sellerId: 'A1', amazonOrderId: '113-1', trigger: 'n-1' } });
    const shipment = await showInstance(client(), 'ship:D1');
    expect(shipment.sourceRef).toBe('bod:B-1');
    expect(JSON.stringify([failed, shipment])).not.toMatch(/Jane Doe|secret street/);
    const running = await showInstance(client(), 'o2c:A1:113-2');
    expect(running.customStatus).toEqual({ outcome: 'parked', reason: 'SKU_NOT_FOUND' });
  });

  it('answers 404 for an unknown instance and 409 when the state does not allow the action', async () => {
    await expect(showInstance(client(), 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(rewindInstance(client(), 'o2c:A1:113-2', '')).rejects.toBeInstanceOf(OpsError);
    await expect(rewindInstance(client(), 'o2c:A1:113-2', '')).rejects.toMatchObject({ status: 409 });
    await expect(terminateInstance(client(), 'ship:D1', '')).rejects.toMatchObject({ status: 409 });
    await expect(purgeInstance(client(), 'o2c:A1:113-2')).rejects.toMatchObject({ status: 409 });
    await expect(restartInstance(client(), 'o2c:A1:113-2')).rejects.toMatchObject({ status: 409 });
  });

  it('rewinds a failed instance with an encoded reason', async () => {
    const c = client();
    await rewindInstance(c, 'o2c:A1:113-1', 'M3 is back & fine');
    expect(c.calls).toEqual(['rewind o2c:A1:113-1 M3%20is%20back%20%26%20fine']);
  });

  it('restarts a non-order instance from the original input under a new id that links back', async () => {
    const c = client();
    const result = await restartInstance(c, 'ship:D1', new Date('2026-02-01T00:00:00Z'));
    expect(result.restartedFrom).toBe('ship:D1');
    expect(result.instanceId).toMatch(/^ship:D1~restart-/);
    expect(c.instances.get(result.instanceId)).toMatchObject({ name: 'shipment-confirmation', input: { restartedFrom: 'ship:D1' } });
    // Restarting a restart does not pile up suffixes.
    c.instances.get(result.instanceId)!.runtimeStatus = 'Completed';
    expect((await restartInstance(c, result.instanceId, new Date('2026-02-02T00:00:00Z'))).instanceId).toMatch(/^ship:D1~restart-[a-z0-9]+$/);
  });

  it('answers a task hub that does not answer as an outage, without echoing the client\'s message', async () => {
    const c = client();
    c.getStatus = async () => { throw new Error('DurableClient error: HTTP 500 from http://127.0.0.1:7071/runtime/webhooks/durabletask/instances/x?code=secret'); };
    const failure = restartInstance(c, 'o2c:A1:113-1');
    await expect(failure).rejects.toMatchObject({ kind: 'transient', code: 'TASK_HUB_UNAVAILABLE' });
    await expect(failure).rejects.not.toMatchObject({ message: expect.stringContaining('secret') });
  });

  describe('an order keeps one writer', () => {
    const noLease = { holder: async () => undefined };

    it('restarts a finished order instance under its own id, so later notifications reach the restarted run', async () => {
      const c = client();
      const result = await restartInstance(c, 'o2c:A1:113-1', new Date('2026-02-01T00:00:00Z'), noLease);
      expect(result).toEqual({ instanceId: 'o2c:A1:113-1', restartedFrom: 'o2c:A1:113-1' });
      expect(c.instances.get('o2c:A1:113-1')).toMatchObject({ runtimeStatus: 'Pending', input: { ...order, restartedFrom: 'o2c:A1:113-1' } });
    });

    it('refuses to restart an old restart of an order while the order instance is alive, naming it', async () => {
      const c = client();
      c.instances.set('o2c:A1:113-2~restart-x', { name: 'order-to-cash', instanceId: 'o2c:A1:113-2~restart-x', runtimeStatus: 'Failed', input: { ...order, amazonOrderId: '113-2' } });
      await expect(restartInstance(c, 'o2c:A1:113-2~restart-x', new Date(), noLease)).rejects.toMatchObject({ status: 409, message: expect.stringMatching(/o2c:A1:113-2 \(Running\).*one writer/) });
      expect(c.calls).toEqual([]);
    });

    it('refuses while another live instance holds the order\'s lease', async () => {
      const c = client();
      c.instances.set('o2c:A1:113-1~restart-old', { name: 'order-to-cash', instanceId: 'o2c:A1:113-1~restart-old', runtimeStatus: 'Running', input: order });
      const leases = { holder: async () => ({ owner: 'o2c:A1:113-1~restart-old', expiresAt: '2999-01-01T00:00:00Z', active: true }) };
      await expect(restartInstance(c, 'o2c:A1:113-1', new Date(), leases)).rejects.toMatchObject({ status: 409, message: expect.stringContaining('o2c:A1:113-1~restart-old') });
    });
  });

  it('terminates a running instance and purges finished ones', async () => {
    const c = client();
    await terminateInstance(c, 'o2c:A1:113-2', 'stop');
    expect(await purgeInstance(c, 'ship:D1')).toEqual({ instancesDeleted: 1 });
    const purged = await purgeHistory(c, new Date('2026-01-10T00:00:00Z'));
    expect(purged).toEqual({ instancesDeleted: 3, before: '2026-01-10T00:00:00.000Z', statuses: ['Completed', 'Failed', 'Terminated'] });
    expect(c.calls).toEqual(['terminate o2c:A1:113-2 stop', 'purge ship:D1', 'purgeBy 2026-01-10T00:00:00.000Z Completed,Failed,Terminated']);
    await expect(purgeHistory(c, new Date(), ['Running'])).rejects.toMatchObject({ status: 409 });
  });
});
