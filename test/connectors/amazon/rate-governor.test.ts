/** The in-memory rate governor: documented burst, refill at the documented rate, header tuning, 429 slowdown, intake before backfill (virtual clock, no real sleeps). */
import { InMemoryRateGovernor } from '../../../connectors/amazon';
import { VirtualGovernorClock as VirtualClock } from '../../support/virtual-governor-clock';


const key = { sellerId: 'S1', operation: 'getOrder' as const };

describe('InMemoryRateGovernor', () => {
  it('grants the documented burst at once, then one call per 1/rate seconds', async () => {
    const clock = new VirtualClock();
    const governor = new InMemoryRateGovernor({ clock, burstReserve: 0, rateFactor: 1 });
    const granted: number[] = [];
    for (let i = 0; i < 32; i += 1) void governor.acquire(key).then(() => granted.push(clock.now()));
    await clock.advance(0);
    expect(granted).toHaveLength(30); // getOrder burst 30
    await clock.advance(1999);
    expect(granted).toHaveLength(30);
    await clock.advance(1);
    expect(granted).toHaveLength(31); // rate 0.5/s: one token per 2 s
    await clock.advance(2000);
    expect(granted).toHaveLength(32);
  });

  it('serves intake callers before backfill callers waiting on the same bucket', async () => {
    const clock = new VirtualClock();
    const governor = new InMemoryRateGovernor({ clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 1 } } });
    await governor.acquire(key);
    const order: string[] = [];
    void governor.acquire(key, 'backfill').then(() => order.push('backfill-1'));
    void governor.acquire(key, 'backfill').then(() => order.push('backfill-2'));
    void governor.acquire(key, 'intake').then(() => order.push('intake'));
    await clock.advance(3000);
    expect(order).toEqual(['intake', 'backfill-1', 'backfill-2']);
  });

  it('adopts the rate Amazon reports in x-amzn-RateLimit-Limit', () => {
    const governor = new InMemoryRateGovernor({ clock: new VirtualClock(), rateFactor: 1 });
    governor.observe(key, { limitHeader: '2' });
    expect(governor.rateOf(key)).toBe(2);
  });

  it('empties the bucket and halves the rate after a 429 until the next header', async () => {
    const clock = new VirtualClock();
    const governor = new InMemoryRateGovernor({ clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 5 } } });
    governor.observe(key, { throttled: true });
    expect(governor.rateOf(key)).toBe(0.5);
    let granted = false;
    void governor.acquire(key).then(() => { granted = true; });
    await clock.advance(1999);
    expect(granted).toBe(false);
    await clock.advance(1);
    expect(granted).toBe(true);
    governor.observe(key, { limitHeader: '1' });
    expect(governor.rateOf(key)).toBe(1);
  });

  it('keeps headroom below the documented limits by default', async () => {
    const clock = new VirtualClock();
    const governor = new InMemoryRateGovernor({ clock });
    let granted = 0;
    for (let i = 0; i < 30; i += 1) void governor.acquire(key).then(() => { granted += 1; });
    await clock.advance(0);
    expect(granted).toBe(29);
    expect(governor.rateOf(key)).toBeCloseTo(0.475);
  });

  it('keeps sellers and operations in separate buckets', async () => {
    const clock = new VirtualClock();
    const governor = new InMemoryRateGovernor({ clock, burstReserve: 0, rateFactor: 1, limits: { getOrder: { rate: 1, burst: 1 }, searchOrders: { rate: 1, burst: 1 } } });
    await governor.acquire(key);
    let other = 0;
    void governor.acquire({ sellerId: 'S2', operation: 'getOrder' }).then(() => { other += 1; });
    void governor.acquire({ sellerId: 'S1', operation: 'searchOrders' }).then(() => { other += 1; });
    await clock.advance(0);
    expect(other).toBe(2);
  });
});
