/** The shared (distributed) rate governor: one bucket per seller × operation drawn by every instance, intake before backfill, 429 slows everyone (virtual clock; Azurite for the table store). */
import { TableClient } from '@azure/data-tables';
import { VirtualGovernorClock as VirtualClock, flushMicrotasks } from '../../support/virtual-governor-clock';
import { InMemoryBucketStore } from '../../../connectors/amazon/rate-bucket-store';
import { SharedRateGovernor } from '../../../connectors/amazon/shared-rate-governor';
import { TableBucketStore } from '../../../connectors/amazon/table-bucket-store';
import { createTableAccess } from '../../../connectors/storage/table-access';
import { azuriteConnectionString, uniqueName } from '../../support/storage';


const key = { sellerId: 'S1', operation: 'getOrder' as const };

describe('SharedRateGovernor', () => {
  it('lets two instances together take the burst once, then one call per 1/rate seconds between them', async () => {
    const clock = new VirtualClock(1_000_000);
    const store = new InMemoryBucketStore();
    const a = new SharedRateGovernor({ store, clock, burstReserve: 0, rateFactor: 1 });
    const b = new SharedRateGovernor({ store, clock, burstReserve: 0, rateFactor: 1 });
    const granted: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      void a.acquire(key).then(() => granted.push('a'));
      void b.acquire(key).then(() => granted.push('b'));
    }
    await clock.advance(0);
    expect(granted).toHaveLength(30); // getOrder burst 30, shared
    expect(granted.filter((g) => g === 'a').length).toBeGreaterThanOrEqual(10);
    expect(granted.filter((g) => g === 'b').length).toBeGreaterThanOrEqual(10);
    await clock.advance(1999);
    expect(granted).toHaveLength(30);
    await clock.advance(1);
    expect(granted).toHaveLength(31); // 0.5/s for both instances together, not each
    await clock.advance(2000 * 9);
    expect(granted).toHaveLength(40);
  });

  it('keeps headroom below the documented limits by default', async () => {
    const clock = new VirtualClock(1_000_000);
    const governor = new SharedRateGovernor({ store: new InMemoryBucketStore(), clock });
    let granted = 0;
    for (let i = 0; i < 30; i += 1) void governor.acquire(key).then(() => { granted += 1; });
    await clock.advance(0);
    expect(granted).toBe(29);
    expect(await governor.rateOf(key)).toBeCloseTo(0.475);
  });

  it('serves intake first and leaves the intake reserve that backfill may not take', async () => {
    const clock = new VirtualClock(1_000_000);
    const governor = new SharedRateGovernor({ store: new InMemoryBucketStore(), clock, burstReserve: 0, rateFactor: 1, intakeShare: 0.2, limits: { getOrder: { rate: 1, burst: 10 } } });
    const order: string[] = [];
    for (let i = 0; i < 12; i += 1) void governor.acquire(key, 'backfill').then(() => order.push('backfill'));
    await clock.advance(0);
    expect(order).toHaveLength(8); // 2 of 10 tokens stay for intake
    void governor.acquire(key, 'intake').then(() => order.push('intake'));
    void governor.acquire(key, 'intake').then(() => order.push('intake'));
    await clock.advance(0);
    expect(order.slice(8)).toEqual(['intake', 'intake']);
    void governor.acquire(key, 'intake').then(() => order.push('intake'));
    await clock.advance(1000);
    expect(order[10]).toBe('intake'); // the next token goes to the intake caller, not the older backfill ones
  });

  it('empties the shared bucket on a 429 and slows every instance, then recovers with successful calls', async () => {
    const clock = new VirtualClock(1_000_000);
    const store = new InMemoryBucketStore();
    const a = new SharedRateGovernor({ store, clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 5 } } });
    const b = new SharedRateGovernor({ store, clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 5 } } });
    await a.acquire(key);
    a.observe(key, { throttled: true });
    await clock.advance(0);
    expect(await b.rateOf(key)).toBeCloseTo(0.8);
    let granted = false;
    void b.acquire(key).then(() => { granted = true; });
    await clock.advance(1000);
    expect(granted).toBe(false); // empty bucket refilling at 0.8/s
    await clock.advance(250);
    expect(granted).toBe(true);
    for (let i = 0; i < 10; i += 1) { a.observe(key, {}); await clock.advance(0); }
    expect(await a.rateOf(key)).toBeCloseTo(1);
  });

  it('adopts the rate Amazon reports in x-amzn-RateLimit-Limit for all instances', async () => {
    const clock = new VirtualClock(1_000_000);
    const store = new InMemoryBucketStore();
    const a = new SharedRateGovernor({ store, clock, rateFactor: 1 });
    const b = new SharedRateGovernor({ store, clock, rateFactor: 1 });
    await a.acquire(key);
    a.observe(key, { limitHeader: '2' });
    await clock.advance(0);
    expect(await b.rateOf(key)).toBe(2);
  });

  it('keeps sellers and operations in separate buckets', async () => {
    const clock = new VirtualClock(1_000_000);
    const governor = new SharedRateGovernor({ store: new InMemoryBucketStore(), clock, burstReserve: 0, limits: { getOrder: { rate: 1, burst: 1 }, searchOrders: { rate: 1, burst: 1 } } });
    await governor.acquire(key);
    let other = 0;
    void governor.acquire({ sellerId: 'S2', operation: 'getOrder' }).then(() => { other += 1; });
    void governor.acquire({ sellerId: 'S1', operation: 'searchOrders' }).then(() => { other += 1; });
    await clock.advance(0);
    expect(other).toBe(2);
  });

  it('needs about one storage write per token when one instance paces alone', async () => {
    const clock = new VirtualClock(1_000_000);
    const store = new InMemoryBucketStore();
    const governor = new SharedRateGovernor({ store, clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 1 } } });
    let granted = 0;
    for (let i = 0; i < 20; i += 1) void governor.acquire(key).then(() => { granted += 1; });
    await clock.advance(20_000);
    expect(granted).toBe(20);
    expect(store.operations).toBeLessThanOrEqual(2 + 20 * 1.2);
  });
});

describe('TableBucketStore on Table Storage', () => {
  const tableName = uniqueName('ratebuckets');
  const tables = createTableAccess(azuriteConnectionString());
  afterAll(async () => {
    await TableClient.fromConnectionString(azuriteConnectionString(), tableName, { allowInsecureConnection: true }).deleteTable().catch(() => undefined);
  });

  it('creates a bucket once and refuses a write from a stale read (If-Match)', async () => {
    const store = new TableBucketStore(tables, tableName);
    const state = { tokens: 4.5, updatedAt: 1_760_000_000_123, nominalRate: 0.475, slowdown: 1, burst: 29 };
    const etag = await store.create('SELLER/1|getOrder', state);
    expect(etag).toBeDefined();
    expect(await store.create('SELLER/1|getOrder', state)).toBeUndefined();
    const read = await store.read('SELLER/1|getOrder');
    expect(read?.state).toEqual(state);
    const next = await store.replace('SELLER/1|getOrder', { ...state, tokens: 3.5 }, read!.etag);
    expect(next).toBeDefined();
    expect(await store.replace('SELLER/1|getOrder', { ...state, tokens: 2.5 }, read!.etag)).toBeUndefined();
    expect((await store.read('SELLER/1|getOrder'))?.state.tokens).toBe(3.5);
  });

  it('never lets competing instances spend one token twice', async () => {
    const clock = new VirtualClock(1_000_000);
    const store = new TableBucketStore(tables, tableName);
    const limits = { getOrder: { rate: 0.001, burst: 11 } };
    const instances = [1, 2, 3].map(() => new SharedRateGovernor({ store, clock, limits, rateFactor: 1, burstReserve: 1 }));
    let granted = 0;
    for (const governor of instances) for (let i = 0; i < 6; i += 1) void governor.acquire({ sellerId: 'S9', operation: 'getOrder' }).then(() => { granted += 1; });
    // Waiting for Azurite to answer is real I/O, not a sleep: poll until the store settles.
    for (let i = 0; i < 200 && granted < 10; i += 1) await new Promise<void>((resolve) => { setTimeout(resolve, 10); });
    await flushMicrotasks();
    expect(granted).toBe(10);
    expect((await store.read('S9|getOrder'))?.state.tokens).toBeLessThan(1);
  });
});
