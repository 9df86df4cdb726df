/** One writer per Amazon order: the creation lease is taken by an insert-if-absent write, changed only by its ETag, and names its owner; links are written conditionally. */
import { OrderLeaseStore, OrderLinkStore, createTableAccess, type OrderLink } from '../../../connectors/storage';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

const tables = createTableAccess(azuriteConnectionString());

function link(amazonOrderId: string, change: Partial<OrderLink> = {}): OrderLink {
  return { sellerId: 'S1', amazonOrderId, marketplaceId: 'M', fulfilledBy: 'MERCHANT', programs: [], status: 'creating', tempOrderNumber: '', batchPhase: '', pendingCharges: [], customerNumber: '', customFieldsPending: false, m3OrderNumber: '', lines: [], updatedAt: '', ...change };
}

describe('OrderLeaseStore', () => {
  it('lets exactly one of two owners racing for an order take its lease, and names the holder to the other', async () => {
    const store = new OrderLeaseStore(tables, uniqueName('leases'));
    const results = await Promise.allSettled([store.acquire('S1', '113-1', 'o2c:S1:113-1'), store.acquire('S1', '113-1', 'o2c:S1:113-1~restart-x')]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ kind: 'transient', code: 'ORDER_LEASE_HELD' });
    expect(String(refused.reason.message)).toMatch(/being written to M3 by o2c:S1:113-1/);
    const holder = await store.holder('S1', '113-1');
    expect(holder?.active).toBe(true);
  });

  it('gives the lease to another owner once it is released or has expired, and not before', async () => {
    let now = new Date('2026-01-01T00:00:00Z');
    const store = new OrderLeaseStore(tables, uniqueName('leases'), 60_000, () => now);
    const first = await store.acquire('S1', '113-2', 'A');
    await expect(store.acquire('S1', '113-2', 'B')).rejects.toMatchObject({ code: 'ORDER_LEASE_HELD' });
    now = new Date('2026-01-01T00:01:01Z');
    const second = await store.acquire('S1', '113-2', 'B');
    // The first writer learns it lost the lease before its next M3 write, and its release leaves B's lease alone.
    await expect(first.renew()).rejects.toMatchObject({ code: 'ORDER_LEASE_HELD' });
    await first.release();
    expect((await store.holder('S1', '113-2'))?.owner).toBe('B');
    await second.release();
    expect(await store.holder('S1', '113-2')).toBeUndefined();
    await (await store.acquire('S1', '113-2', 'A')).release();
  });

  it('lets its owner take its own lease again at once (a restarted host runs the same instance), fencing off the earlier run', async () => {
    const store = new OrderLeaseStore(tables, uniqueName('leases'));
    const earlier = await store.acquire('S1', '113-3', 'o2c:S1:113-3');
    const again = await store.acquire('S1', '113-3', 'o2c:S1:113-3');
    await expect(earlier.renew()).rejects.toMatchObject({ code: 'ORDER_LEASE_HELD' });
    await again.renew();
    await again.release();
  });
});

describe('OrderLinkStore conditional writes', () => {
  it('inserts a first link only if none exists, and changes it only at the version read', async () => {
    const store = new OrderLinkStore(tables, uniqueName('links'));
    const first = await store.write(link('113-9', { tempOrderNumber: '5000000001' }), undefined);
    await expect(store.write(link('113-9', { tempOrderNumber: '5000000002' }), undefined)).rejects.toMatchObject({ code: 'LINK_CONFLICT' });
    const next = await store.write(link('113-9', { tempOrderNumber: '5000000001', batchPhase: 'confirm' }), first);
    await expect(store.write(link('113-9', { tempOrderNumber: '5000000003' }), first)).rejects.toMatchObject({ code: 'LINK_CONFLICT' });
    expect((await store.read('S1', '113-9'))).toMatchObject({ etag: next, link: { tempOrderNumber: '5000000001', batchPhase: 'confirm' } });
  });

  it('never points one M3 order at two Amazon orders', async () => {
    const store = new OrderLinkStore(tables, uniqueName('links'));
    await store.write(link('113-A', { status: 'created', m3OrderNumber: '1000000001' }), undefined);
    await expect(store.write(link('113-B', { status: 'created', m3OrderNumber: '1000000001' }), undefined)).rejects.toMatchObject({ code: 'LINK_INDEX_CONFLICT' });
  });
});
