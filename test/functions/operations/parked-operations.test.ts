import type { ParkedItem } from '../../../connectors/storage';
import { redriveOne, redriveReason, resolveOne, type RedrivePorts } from '../../../functions/operations/parked-operations';
import { drainPaused, switchFlow } from '../../../functions/operations/flow-control';
import { FakeInstanceClient } from './fake-instance-client';

function item(id: string, extra: Partial<ParkedItem> = {}): ParkedItem {
  return {
    flow: 'order-to-cash', id, reason: 'SKU_NOT_FOUND', message: `SKU X-${id}: no M3 item`, sourceRef: `amazon-order:A1:${id}`, source: undefined,
    details: { sellerId: 'A1' }, instanceId: `o2c:A1:${id}`, status: 'parked', firstSeen: '2026-01-01T00:00:00Z', lastSeen: '2026-01-01T00:00:00Z', attempts: 1, note: '', ...extra,
  };
}

class FakeParked {
  readonly items = new Map<string, ParkedItem>();
  constructor(items: ParkedItem[]) { for (const i of items) this.items.set(`${i.flow}|${i.id}`, i); }
  async get(flow: string, id: string): Promise<ParkedItem | undefined> { return this.items.get(`${flow}|${id}`); }
  async list(filter: { flow?: string; reason?: string; status?: ParkedItem['status'] } = {}): Promise<ParkedItem[]> {
    return [...this.items.values()].filter((i) => (!filter.flow || i.flow === filter.flow) && (!filter.reason || i.reason === filter.reason) && (!filter.status || i.status === filter.status));
  }
  async setStatus(flow: string, id: string, status: ParkedItem['status'], note = ''): Promise<ParkedItem | undefined> {
    const found = this.items.get(`${flow}|${id}`);
    if (!found) return undefined;
    const updated = { ...found, status, note: note || found.note };
    this.items.set(`${flow}|${id}`, updated);
    return updated;
  }
}

function ports(parked: FakeParked, client: FakeInstanceClient): RedrivePorts & { forgot: number; started: string[] } {
  const p = {
    parked, client, forgot: 0, started: [] as string[],
    forgetCaches: () => { p.forgot++; },
    startOrSignalOrder: async (input: { sellerId: string; amazonOrderId: string; trigger: string }) => { p.started.push(`${input.sellerId}:${input.amazonOrderId}:${input.trigger}`); return 'started' as const; },
  };
  return p;
}

describe('re-driving parked work', () => {
  it('forgets cached mappings and SKUs, raises redrive on the waiting instance and marks the item re-driven', async () => {
    const parked = new FakeParked([item('113-1')]);
    const client = new FakeInstanceClient([{ name: 'order-to-cash', instanceId: 'o2c:A1:113-1', runtimeStatus: 'Running' }]);
    const p = ports(parked, client);
    expect(await redriveOne(p, 'order-to-cash', '113-1')).toEqual({ flow: 'order-to-cash', id: '113-1', how: 'signaled', instanceId: 'o2c:A1:113-1' });
    expect(p.forgot).toBe(1);
    expect(client.events).toEqual([{ instanceId: 'o2c:A1:113-1', name: 'redrive', data: { by: 'operator' } }]);
    expect((await parked.get('order-to-cash', '113-1'))?.status).toBe('redriven');
  });

  it('starts the order again when its instance no longer waits (purged or finished)', async () => {
    const parked = new FakeParked([item('113-2')]);
    const p = ports(parked, new FakeInstanceClient());
    expect((await redriveOne(p, 'order-to-cash', '113-2')).how).toBe('started');
    expect(p.started).toEqual(['A1:113-2:redrive']);
  });

  it('restarts another flow\'s finished instance from its recorded input under the same id', async () => {
    const parked = new FakeParked([item('D1', { flow: 'shipment-confirmation', instanceId: 'ship:D1', sourceRef: 'bod:B1' })]);
    const client = new FakeInstanceClient([{ name: 'shipment-confirmation', instanceId: 'ship:D1', runtimeStatus: 'Completed', input: { documentId: 'D1' } }]);
    expect((await redriveOne(ports(parked, client), 'shipment-confirmation', 'D1')).how).toBe('restarted');
    expect(client.instances.get('ship:D1')).toMatchObject({ runtimeStatus: 'Pending', input: { documentId: 'D1' } });
  });

  it('refuses unknown and resolved items, and a resolve without a note', async () => {
    const parked = new FakeParked([item('113-3', { status: 'resolved' })]);
    const p = ports(parked, new FakeInstanceClient());
    await expect(redriveOne(p, 'order-to-cash', 'nope')).rejects.toMatchObject({ status: 404 });
    await expect(redriveOne(p, 'order-to-cash', '113-3')).rejects.toMatchObject({ status: 409 });
    await expect(resolveOne(parked, 'order-to-cash', '113-3', '  ')).rejects.toMatchObject({ status: 409 });
    expect(await resolveOne(parked, 'order-to-cash', '113-3', 'sold elsewhere')).toMatchObject({ status: 'resolved', note: 'sold elsewhere' });
  });

  it('re-drives every parked item of a reason and reports the ones it could not', async () => {
    const parked = new FakeParked([item('a'), item('b'), item('c', { reason: 'M3_REJECTED' }), item('d', { sourceRef: 'amazon-order:d', details: {}, instanceId: '' })]);
    const client = new FakeInstanceClient([{ name: 'order-to-cash', instanceId: 'o2c:A1:a', runtimeStatus: 'Running' }]);
    const result = await redriveReason(ports(parked, client), 'SKU_NOT_FOUND');
    expect(result.redriven.map((r) => `${r.id}:${r.how}`).sort()).toEqual(['a:signaled', 'b:started']);
    expect(result.failed).toEqual([expect.objectContaining({ id: 'd', message: expect.stringContaining('does not name its seller') })]);
    expect((await parked.get('order-to-cash', 'c'))?.status).toBe('parked');
  });
});

describe('kill switch', () => {
  it('resuming a paused flow wakes its FLOW_PAUSED instances and re-drives FLOW_PAUSED items', async () => {
    const parked = new FakeParked([item('p1', { reason: 'FLOW_PAUSED' })]);
    const client = new FakeInstanceClient([
      { name: 'order-to-cash', instanceId: 'o2c:A1:w1', runtimeStatus: 'Running', customStatus: { outcome: 'paused', reason: 'FLOW_PAUSED' } },
      { name: 'order-to-cash', instanceId: 'o2c:A1:w2', runtimeStatus: 'Running', customStatus: { outcome: 'parked', reason: 'SKU_NOT_FOUND' } },
      { name: 'shipment-confirmation', instanceId: 'ship:w3', runtimeStatus: 'Running', customStatus: { reason: 'FLOW_PAUSED' } },
    ]);
    let state = { paused: ['order-to-cash'], dryRun: [] as string[] };
    const switches = {
      refresh: async () => state,
      set: async (flow: string, change: { paused?: boolean }) => { if (change.paused === false) state = { ...state, paused: state.paused.filter((f) => f !== flow) }; },
    };
    const p = ports(parked, client);
    const result = await switchFlow(switches, p, 'order-to-cash', { paused: false });
    expect(result).toEqual({ flow: { flow: 'order-to-cash', paused: false, dryRun: false }, drained: 2 });
    expect(client.events.map((e) => e.instanceId)).toEqual(['o2c:A1:w1']);
    expect(p.started).toEqual(['A1:p1:redrive']);
    // A flow that was not paused drains nothing.
    expect(await drainPaused(ports(new FakeParked([]), new FakeInstanceClient()), 'order-to-cash')).toBe(0);
  });
});
