import { planInventoryDeltas } from '../../../core/inventory/inventory-deltas';

describe('planInventoryDeltas', () => {
  it('keeps only SKUs whose quantity differs from what Amazon last accepted', () => {
    const current = new Map([['A', 5], ['B', 0], ['C', 7], ['D', 3]]);
    const last = new Map([['A', 5], ['B', 2], ['D', 3], ['Z', 9]]);
    expect(planInventoryDeltas(current, last)).toEqual([
      { sku: 'B', quantity: 0, previous: 2 },
      { sku: 'C', quantity: 7 },
    ]);
  });

  it('leaves SKUs that were not recomputed alone instead of zeroing them', () => {
    expect(planInventoryDeltas(new Map(), new Map([['Z', 9]]))).toEqual([]);
  });
});
