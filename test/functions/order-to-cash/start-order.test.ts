/** startOrSignalOrder: one instance per order — running ones are signaled, and a finished one is not started again while another live instance holds the order's lease. */
import { startOrSignalOrder } from '../../../functions/order-to-cash/start-order';
import { ORDER_CHANGED_EVENT } from '../../../functions/order-to-cash/names';
import { FakeInstanceClient } from '../operations/fake-instance-client';

const input = { sellerId: 'A1', amazonOrderId: '113-7', trigger: 'n-2' };
const noLease = { holder: async () => undefined };

describe('startOrSignalOrder', () => {
  it('starts an order seen for the first time under its canonical id', async () => {
    const c = new FakeInstanceClient();
    expect(await startOrSignalOrder(c, input, noLease)).toBe('started');
    expect(c.calls).toEqual(['start order-to-cash o2c:A1:113-7']);
  });

  it('signals the running instance instead of starting another', async () => {
    const c = new FakeInstanceClient([{ name: 'order-to-cash', instanceId: 'o2c:A1:113-7', runtimeStatus: 'Running' }]);
    expect(await startOrSignalOrder(c, input, noLease)).toBe('signaled');
    expect(c.events).toEqual([{ instanceId: 'o2c:A1:113-7', name: ORDER_CHANGED_EVENT, data: { trigger: 'n-2' } }]);
  });

  it('signals the live holder of the order\'s lease instead of starting a Failed canonical instance again', async () => {
    const c = new FakeInstanceClient([
      { name: 'order-to-cash', instanceId: 'o2c:A1:113-7', runtimeStatus: 'Failed' },
      { name: 'order-to-cash', instanceId: 'o2c:A1:113-7~restart-k', runtimeStatus: 'Running' },
    ]);
    const leases = { holder: async () => ({ owner: 'o2c:A1:113-7~restart-k', active: true }) };
    expect(await startOrSignalOrder(c, input, leases)).toBe('signaled');
    expect(c.calls).toEqual([]);
    expect(c.events.map((e) => e.instanceId)).toEqual(['o2c:A1:113-7~restart-k']);
  });

  it('starts a Terminated canonical instance again when the lease is its own, expired, or held by nobody alive', async () => {
    for (const holder of [{ owner: 'o2c:A1:113-7', active: true }, { owner: 'o2c:A1:113-7~restart-k', active: false }, { owner: 'o2c:A1:113-7~restart-gone', active: true }]) {
      const c = new FakeInstanceClient([{ name: 'order-to-cash', instanceId: 'o2c:A1:113-7', runtimeStatus: 'Terminated' }]);
      expect(await startOrSignalOrder(c, input, { holder: async () => holder })).toBe('started');
    }
  });
});
