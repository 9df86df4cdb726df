/** The inventory benchmark run tiny: the documented keys and at least one feed (its speed is not asserted). */
import { runInventoryBench } from '../../bench/inventory-build';

describe('inventory benchmark', () => {
  it('reports skus, how many changed, feeds, messages, build CPU and peak RSS', async () => {
    const result = await runInventoryBench({ skus: 200 });
    expect(result).toEqual({ scenario: 'inventory', skus: 200, changed: expect.any(Number), feeds: expect.any(Number), messages: expect.any(Number), buildCpuSeconds: expect.any(Number), peakRssMb: expect.any(Number) });
    expect(result.feeds).toBeGreaterThanOrEqual(1);
    // Every third SKU is unchanged since the last accepted feed: only the others are sent.
    expect(result.changed).toBe(133);
    expect(result.messages).toBe(result.changed);
  });
});
