/**
 * Starts the item-listing orchestration for one Sync.ItemMaster document (instance per item + variation: a repeat is a
 * no-op). The item's status is recorded first; when it moves into or out of a blocked status the item's quantity is
 * recomputed through the inventory path (blocked → 0), so quantities have one writer.
 */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, ItemMasterDocument } from '../../core/bod';
import { dependencies } from '../runtime/dependencies';
import { inventoryPorts } from '../inventory-sync/inventory-ports';
import { refreshInventory } from '../inventory-sync/refresh-inventory';
import { startOrSignalFlush } from '../inventory-sync/start-flush';
import { priceRefreshPorts } from '../price-sync/price-ports';
import { refreshPrices } from '../price-sync/refresh-prices';
import type { ListingInput } from './listing-outcome';
import { ITEM_LISTING, listingInstanceId } from './names';

export async function startItemListing(client: DurableClient, envelope: BodEnvelope, document: ItemMasterDocument): Promise<void> {
  const deps = dependencies();
  const ports = inventoryPorts(deps);
  if (document.status !== null) {
    const previous = await ports.refresh.statuses.get(document.itemNumber);
    if (previous !== document.status) {
      await ports.refresh.statuses.set(document.itemNumber, document.status);
      const mappings = await deps.mappings();
      const blocked = (s: string | undefined): boolean => s !== undefined && mappings.inventory.blockedItemStatuses.includes(s);
      if (blocked(previous) !== blocked(document.status)) {
        const result = await refreshInventory({ kind: 'items', itemNumbers: [document.itemNumber] }, ports.refresh);
        for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
      }
    }
  }
  // A changed item may have a new price (M3 publishes no price BOD): its prices are read now rather than at the next sweep.
  if (Object.keys((await deps.mappings()).prices.sources).length > 0) {
    const priced = await refreshPrices(priceRefreshPorts(deps), [document.itemNumber]);
    for (const { sellerId, region } of priced.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
  }
  const instanceId = listingInstanceId(document.itemNumber, document.variationId === null ? envelope.bodId : String(document.variationId));
  const existing = await client.getStatus(instanceId).catch(() => undefined);
  if (existing && existing.runtimeStatus !== undefined && String(existing.runtimeStatus) !== '') return;
  const input: ListingInput = { bodId: envelope.bodId, document };
  try {
    await client.startNew(ITEM_LISTING, { instanceId, input });
  } catch {
    // Started concurrently by a duplicate delivery of the same variation: nothing more to do.
  }
}
