import { runInventoryBench } from '../../../bench/inventory-build';

describe('runInventoryBench', () => {
  it('reports the inventory scenario in the documented shape, sending only the changed two thirds', async () => {
    const result = await runInventoryBench({ skus: 60000 });
    expect(Object.keys(result).sort()).toEqual(['buildCpuSeconds', 'changed', 'feeds', 'messages', 'peakRssMb', 'scenario', 'skus']);
    expect(result).toMatchObject({ scenario: 'inventory', skus: 60000, messages: 40000, feeds: 2 });
    expect(result.buildCpuSeconds).toBeGreaterThan(0);
    expect(result.peakRssMb).toBeGreaterThan(0);
  });
});
