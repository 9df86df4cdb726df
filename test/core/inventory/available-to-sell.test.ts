import fc from 'fast-check';
import { availableToSell } from '../../../core/inventory/available-to-sell';
import { InventoryMappingSchema } from '../../../core/inventory/inventory-mapping';
import type { WarehouseBalance } from '../../../core/inventory/warehouse-balance';

const US = 'ATVPDKIKX0DER';
const DE = 'A1PA6795UKMFR9';

const mapping = InventoryMappingSchema.parse({
  warehouses: { [US]: ['US1', 'US2'], EU: ['DE1'], '*': ['MAI'] },
  safetyStock: { default: 2, perItem: { 'ITEM-B': 5 } },
  cap: 500,
  allocationPercent: { '*': 100, EU: 50 },
  blockedItemStatuses: ['90'],
});

const bal = (itemNumber: string, warehouse: string, onHand: number, allocated = 0): WarehouseBalance => ({ itemNumber, warehouse, onHand, allocated });

describe('availableToSell', () => {
  const balances = [bal('ITEM-A', 'US1', 10, 3), bal('ITEM-A', 'US2', 7, 0), bal('ITEM-A', 'DE1', 21, 0), bal('ITEM-A', 'XX9', 1000), bal('ITEM-B', 'US1', 4)];

  it('sums on-hand minus allocated over the mapped warehouses and subtracts the safety stock', () => {
    // (10 − 3) + (7 − 0) − 2 = 12; XX9 and DE1 are not US warehouses
    expect(availableToSell(balances, mapping, { sku: 'A', itemNumber: 'ITEM-A', itemStatus: '20', marketplace: US })).toBe(12);
  });

  it('uses the region entry and its allocation percentage, rounding down', () => {
    // (21 − 2) × 50 % = 9.5 → 9
    expect(availableToSell(balances, mapping, { sku: 'A', itemNumber: 'ITEM-A', marketplace: DE })).toBe(9);
  });

  it('never goes below zero when the per-item safety stock exceeds the stock', () => {
    expect(availableToSell(balances, mapping, { sku: 'B', itemNumber: 'ITEM-B', marketplace: US })).toBe(0);
  });

  it('takes M3\'s allocatable net (AV01) when the balance carries it, so stock in non-allocatable locations never counts', () => {
    // US1: on hand 30 of which 12 in quarantine, 6 allocated → AV01 12; US2: AV01 4 → 16 − 2 = 14
    const figures: WarehouseBalance[] = [{ ...bal('ITEM-Q', 'US1', 30, 6), allocatable: 12 }, { ...bal('ITEM-Q', 'US2', 4), allocatable: 4 }];
    expect(availableToSell(figures, mapping, { sku: 'Q', itemNumber: 'ITEM-Q', marketplace: US })).toBe(14);
  });

  it('sums a negative AV01 as M3 states it (allocations exceeding the allocatable stock of one warehouse)', () => {
    // US1: AV01 −3, US2: AV01 10 → 7 − 2 = 5
    const figures: WarehouseBalance[] = [{ ...bal('ITEM-N', 'US1', 2, 5), allocatable: -3 }, { ...bal('ITEM-N', 'US2', 10), allocatable: 10 }];
    expect(availableToSell(figures, mapping, { sku: 'N', itemNumber: 'ITEM-N', marketplace: US })).toBe(5);
  });

  it('offers 0 for a blocked item status', () => {
    expect(availableToSell(balances, mapping, { sku: 'A', itemNumber: 'ITEM-A', itemStatus: '90', marketplace: US })).toBe(0);
  });

  it('caps the quantity', () => {
    expect(availableToSell([bal('ITEM-A', 'US1', 10000)], mapping, { sku: 'A', itemNumber: 'ITEM-A', marketplace: US })).toBe(500);
  });

  it('sums fractional basic-unit stock exactly (0.1 + 0.2 is 0.3, not 0.30000000000000004)', () => {
    const m = InventoryMappingSchema.parse({ warehouses: { '*': ['A', 'B', 'C'] } });
    const q = availableToSell([bal('I', 'A', 0.1), bal('I', 'B', 0.2), bal('I', 'C', 2.7)], m, { sku: 'I', itemNumber: 'I', marketplace: US });
    expect(q).toBe(3);
  });

  it('offers nothing for a marketplace without mapped warehouses', () => {
    const m = InventoryMappingSchema.parse({ warehouses: { [US]: ['US1'] } });
    expect(availableToSell([bal('I', 'US1', 5)], m, { sku: 'I', itemNumber: 'I', marketplace: DE })).toBe(0);
  });

  describe('properties', () => {
    const qty = fc.integer({ min: -50, max: 5000 });
    const balanceArb = fc.array(fc.record({ warehouse: fc.constantFrom('US1', 'US2', 'DE1', 'XX9'), onHand: qty, allocated: fc.integer({ min: 0, max: 500 }) }), { maxLength: 6 });
    const mappingArb = fc.record({
      safety: fc.integer({ min: 0, max: 100 }),
      cap: fc.option(fc.integer({ min: 1, max: 3000 }), { nil: null }),
      percent: fc.integer({ min: 0, max: 100 }),
    }).map(({ safety, cap, percent }) => InventoryMappingSchema.parse({
      warehouses: { '*': ['US1', 'US2'] }, safetyStock: { default: safety }, cap, allocationPercent: { '*': percent }, blockedItemStatuses: ['90'],
    }));
    const statusArb = fc.constantFrom('20', '90', undefined);
    const run = (rows: { warehouse: string; onHand: number; allocated: number }[], m: ReturnType<typeof InventoryMappingSchema.parse>, itemStatus?: string) =>
      availableToSell(rows.map((r) => ({ itemNumber: 'I', ...r })), m, { sku: 'S', itemNumber: 'I', itemStatus, marketplace: US });

    it('is never negative and always a whole number', () => {
      fc.assert(fc.property(balanceArb, mappingArb, statusArb, (rows, m, s) => {
        const q = run(rows, m, s);
        return q >= 0 && Number.isInteger(q);
      }));
    });

    it('is monotone in on-hand stock', () => {
      fc.assert(fc.property(balanceArb, mappingArb, fc.integer({ min: 0, max: 1000 }), (rows, m, extra) => {
        const more = [...rows, { warehouse: 'US1', onHand: extra, allocated: 0 }];
        return run(more, m) >= run(rows, m);
      }));
    });

    it('is 0 for blocked items', () => {
      fc.assert(fc.property(balanceArb, mappingArb, (rows, m) => run(rows, m, '90') === 0));
    });

    it('never exceeds the cap', () => {
      fc.assert(fc.property(balanceArb, mappingArb, (rows, m) => m.cap === null || run(rows, m) <= m.cap));
    });
  });
});
