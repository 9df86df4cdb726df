// The quantity offered on Amazon for one SKU from M3 balances: docs/design.md, Inventory sync's formula, per the inventory mapping.
import Decimal from 'decimal.js';
import type { InventoryMapping } from './inventory-mapping';
import type { WarehouseBalance } from './warehouse-balance';
import { lookupByChannel } from './marketplace-regions';

export interface AvailableToSellTarget {
  sku: string;
  itemNumber: string;
  /** M3 item status (MMS001 STAT); undefined when unknown (treated as sellable). */
  itemStatus?: string;
  /** Amazon marketplace id the quantity is for. */
  marketplace: string;
}

/** Warehouses whose stock counts for a marketplace (marketplace, then region, then "*"); empty when unmapped. */
export function warehousesFor(mapping: InventoryMapping, marketplace: string): readonly string[] {
  return lookupByChannel(mapping.warehouses, marketplace) ?? [];
}

/**
 * max(0, Σ mapped warehouses allocatable net − safety stock) × allocation %, capped, rounded down; 0 for blocked item
 * statuses. Allocatable net is M3's AV01 when the balance carries it (stock in non-allocatable locations never
 * counts), else on-hand approved − allocated (an InventoryBalance BOD). A warehouse whose allocations exceed its
 * allocatable stock counts with its negative AV01: those orders will take stock from somewhere, so it is not offered
 * twice. Quantities are summed as decimals so fractional basic-U/M stock never drifts.
 */
export function availableToSell(
  balances: readonly WarehouseBalance[],
  mapping: InventoryMapping,
  target: AvailableToSellTarget,
): number {
  if (target.itemStatus !== undefined && mapping.blockedItemStatuses.includes(target.itemStatus)) return 0;
  const warehouses = new Set(warehousesFor(mapping, target.marketplace));
  let net = new Decimal(0);
  for (const b of balances) {
    if (b.itemNumber !== target.itemNumber || !warehouses.has(b.warehouse)) continue;
    net = net.plus(b.allocatable !== undefined ? new Decimal(b.allocatable) : new Decimal(b.onHand).minus(b.allocated));
  }
  const safety = mapping.safetyStock.perItem[target.itemNumber] ?? mapping.safetyStock.default;
  const sellable = Decimal.max(0, net.minus(safety));
  const percent = lookupByChannel(mapping.allocationPercent, target.marketplace) ?? 100;
  let quantity = sellable.times(percent).dividedBy(100).floor();
  if (mapping.cap !== null) quantity = Decimal.min(quantity, mapping.cap);
  return quantity.toNumber();
}
