/** M3 balances → available-to-sell per channel and SKU (docs/design.md, Inventory sync formula through core/inventory availableToSell). */
import { availableToSell, type WarehouseBalance } from '../../core/inventory';
import type { Mappings } from '../../core/mapping/mappings-schema';
import { channelKey, skuIndex, type InventoryChannel } from './inventory-channels';

export interface SkuQuantity {
  sku: string;
  itemNumber: string;
  quantity: number;
}

export interface QuantityInputs {
  mappings: Mappings;
  channels: readonly InventoryChannel[];
  balances: readonly WarehouseBalance[];
  /** M3 item status per item number (blocked statuses give 0). */
  statuses: ReadonlyMap<string, string>;
  /** Items to compute even without any balance record (they get 0): items a BOD named, SKUs Amazon holds. */
  alsoItems?: Iterable<string>;
}

/** channelKey → SKU quantities, in item then SKU order (deterministic feeds). */
export function channelQuantities(inputs: QuantityInputs): Map<string, SkuQuantity[]> {
  const byItem = new Map<string, WarehouseBalance[]>();
  for (const b of inputs.balances) byItem.set(b.itemNumber, [...(byItem.get(b.itemNumber) ?? []), b]);
  for (const item of inputs.alsoItems ?? []) if (!byItem.has(item)) byItem.set(item, []);
  const skusOf = skuIndex(inputs.mappings);
  const items = [...byItem.keys()].sort();
  const result = new Map<string, SkuQuantity[]>();
  for (const channel of inputs.channels) {
    const rows: SkuQuantity[] = [];
    for (const itemNumber of items) {
      const balances = byItem.get(itemNumber) ?? [];
      const itemStatus = inputs.statuses.get(itemNumber);
      for (const sku of skusOf(itemNumber)) {
        const quantity = availableToSell(balances, inputs.mappings.inventory, { sku, itemNumber, itemStatus, marketplace: channel.representative });
        rows.push({ sku, itemNumber, quantity });
      }
    }
    result.set(channelKey(channel), rows);
  }
  return result;
}
