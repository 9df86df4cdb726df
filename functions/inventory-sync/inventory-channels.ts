/**
 * Where M3 stock is offered: one channel per seller × SP-API region × group of the seller's marketplaces that share
 * warehouses and allocation share (one JSON_LISTINGS_FEED can name several marketplaces, docs/amazon-facts.md, Feeds). A marketplace
 * without warehouses in the inventory mapping is not inventory-synced. Also the reverse SKU index (M3 item → SKUs).
 */
import { lookupByChannel, regionOfMarketplace, warehousesFor, type AmazonRegion } from '../../core/inventory';
import type { Mappings } from '../../core/mapping/mappings-schema';
import { fitsItemNumber } from '../../core/mapping/resolve-item';

export interface SellerMarketplaces {
  sellerId: string;
  region: AmazonRegion;
  marketplaceIds: readonly string[];
}

export interface InventoryChannel {
  sellerId: string;
  region: AmazonRegion;
  /** Stable key of the marketplace group: its sorted ids joined by "+". */
  group: string;
  marketplaceIds: string[];
  /** The marketplace whose mapping entries the group shares (quantities are computed for it). */
  representative: string;
  warehouses: string[];
}

export function inventoryChannels(mappings: Mappings, sellers: readonly SellerMarketplaces[]): InventoryChannel[] {
  const channels: InventoryChannel[] = [];
  for (const seller of sellers) {
    const profiles = new Map<string, { marketplaceIds: string[]; warehouses: string[] }>();
    for (const marketplaceId of seller.marketplaceIds) {
      if (regionOfMarketplace(marketplaceId) !== seller.region) continue;
      const warehouses = [...warehousesFor(mappings.inventory, marketplaceId)].sort();
      if (warehouses.length === 0) continue;
      const percent = lookupByChannel(mappings.inventory.allocationPercent, marketplaceId) ?? 100;
      const profile = JSON.stringify([warehouses, percent]);
      const entry = profiles.get(profile) ?? { marketplaceIds: [], warehouses };
      entry.marketplaceIds.push(marketplaceId);
      profiles.set(profile, entry);
    }
    for (const { marketplaceIds, warehouses } of profiles.values()) {
      const sorted = [...marketplaceIds].sort();
      channels.push({ sellerId: seller.sellerId, region: seller.region, group: sorted.join('+'), marketplaceIds: sorted, representative: sorted[0]!, warehouses });
    }
  }
  return channels;
}

/** Every warehouse any channel sums, once. */
export function channelWarehouses(channels: readonly InventoryChannel[]): string[] {
  return [...new Set(channels.flatMap((c) => c.warehouses))].sort();
}

/**
 * M3 item → seller SKUs: the mapping table read backwards, plus the item number itself under the identity strategy
 * (unless the table sends that SKU elsewhere). MMS025MI aliases cannot be read backwards cheaply; a SKU reached only
 * through an alias needs a table entry to be inventory-synced.
 */
export function skuIndex(mappings: Mappings): (itemNumber: string) => string[] {
  const byItem = new Map<string, string[]>();
  for (const [sku, item] of Object.entries(mappings.items.table)) byItem.set(item, [...(byItem.get(item) ?? []), sku]);
  const table = mappings.items.table;
  const identity = mappings.items.strategy === 'identity';
  return (itemNumber: string): string[] => {
    const skus = [...(byItem.get(itemNumber) ?? [])];
    const tableTarget = Object.prototype.hasOwnProperty.call(table, itemNumber) ? table[itemNumber] : undefined;
    if (identity && fitsItemNumber(itemNumber) && tableTarget === undefined && !skus.includes(itemNumber)) skus.push(itemNumber);
    return skus;
  };
}

export function channelKey(c: Pick<InventoryChannel, 'sellerId' | 'region' | 'group'>): string {
  return `${c.sellerId}|${c.region}|${c.group}`;
}
