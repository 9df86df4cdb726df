// Benchmark "inventory": balances for N SKUs -> available-to-sell -> deltas -> JSON_LISTINGS_FEED documents (docs/contracts.md, Benchmarks and the chaos suite).
import { availableToSell } from '../core/inventory/available-to-sell';
import { InventoryMappingSchema } from '../core/inventory/inventory-mapping';
import { planInventoryDeltas } from '../core/inventory/inventory-deltas';
import { buildListingsFeeds } from '../core/inventory/listings-feed';
import type { WarehouseBalance } from '../core/inventory/warehouse-balance';

export interface InventoryBenchResult {
  scenario: 'inventory';
  skus: number;
  /** SKUs whose available quantity differs from the last accepted feed (the rest are skipped). */
  changed: number;
  feeds: number;
  messages: number;
  buildCpuSeconds: number;
  peakRssMb: number;
}

const MARKETPLACE = 'ATVPDKIKX0DER';

/** Deterministic pseudo-random stock (no Math.random, so runs are comparable). */
function stockFor(i: number): number {
  return (i * 7919) % 250;
}

export async function runInventoryBench({ skus = 100000 }: { skus?: number } = {}): Promise<InventoryBenchResult> {
  const mapping = InventoryMappingSchema.parse({
    warehouses: { NA: ['US1', 'US2'] },
    safetyStock: { default: 1 },
    cap: 200,
  });
  const balancesByItem = new Map<string, WarehouseBalance[]>();
  const lastAccepted = new Map<string, number>();
  for (let i = 0; i < skus; i++) {
    const itemNumber = `ITM${String(i).padStart(9, '0')}`;
    balancesByItem.set(itemNumber, [
      { itemNumber, warehouse: 'US1', onHand: stockFor(i), allocated: i % 5 },
      { itemNumber, warehouse: 'US2', onHand: stockFor(i + 1) / 2, allocated: 0 },
    ]);
    // Every third SKU is unchanged since the last accepted feed, so the delta step has real work to skip.
    if (i % 3 === 0) lastAccepted.set(itemNumber, -1);
  }

  const cpuBefore = process.cpuUsage();
  const current = new Map<string, number>();
  for (const [itemNumber, balances] of balancesByItem) {
    const quantity = availableToSell(balances, mapping, { sku: itemNumber, itemNumber, itemStatus: '20', marketplace: MARKETPLACE });
    current.set(itemNumber, quantity);
    if (lastAccepted.get(itemNumber) === -1) lastAccepted.set(itemNumber, quantity);
  }
  const deltas = planInventoryDeltas(current, lastAccepted);
  const feeds = buildListingsFeeds('A3TH9S8BH6GOGM', deltas);
  // Serialising is part of building: the feed document is uploaded as JSON text.
  let bytes = 0;
  for (const feed of feeds) bytes += JSON.stringify(feed.document).length;
  const cpu = process.cpuUsage(cpuBefore);
  if (bytes === 0 && deltas.length > 0) throw new Error('inventory bench built empty feeds');

  return {
    scenario: 'inventory',
    skus,
    changed: deltas.length,
    feeds: feeds.length,
    messages: feeds.reduce((n, f) => n + f.document.messages.length, 0),
    buildCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 1000) / 1000,
    // maxRSS is in kilobytes (Node docs, process.resourceUsage).
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
