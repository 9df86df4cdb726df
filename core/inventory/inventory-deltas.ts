// Decides which SKUs need a quantity update: only those whose current quantity differs from what Amazon last accepted.
export interface InventoryDelta {
  sku: string;
  quantity: number;
  /** What Amazon last accepted; undefined when never sent. */
  previous?: number;
}

/**
 * Only changed SKUs, in the order of `current` (deterministic, so feed chunks and message ids are reproducible).
 * A SKU absent from `current` is not touched: absence means "not recomputed", not "zero".
 */
export function planInventoryDeltas(
  current: ReadonlyMap<string, number>,
  lastAccepted: ReadonlyMap<string, number>,
): InventoryDelta[] {
  const deltas: InventoryDelta[] = [];
  for (const [sku, quantity] of current) {
    const previous = lastAccepted.get(sku);
    if (previous === quantity) continue;
    deltas.push(previous === undefined ? { sku, quantity } : { sku, quantity, previous });
  }
  return deltas;
}
