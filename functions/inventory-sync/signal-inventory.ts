/**
 * Hands an inventory BOD to the inventory flow. InventoryCount (and the SyncInventory alias) are count results, not
 * system stock (docs/m3-facts.md, BOD structure per noun): they only name items whose M3 balances are re-read. InventoryBalance
 * quantities are system on-hand and are used as they are (other mapped warehouses of the item are still re-read).
 */
import type { DurableClient } from 'durable-functions';
import type { BodEnvelope, InventoryDocument } from '../../core/bod';
import type { WarehouseBalance } from '../../core/inventory';
import { dependencies } from '../runtime/dependencies';
import { inventoryPorts } from './inventory-ports';
import { INVENTORY_FLOW } from './names';
import { refreshInventory, type RefreshScope } from './refresh-inventory';
import { startOrSignalFlush } from './start-flush';

export function inventoryScope(envelope: BodEnvelope, document: InventoryDocument): RefreshScope {
  const itemNumbers = [...new Set(document.lines.map((l) => l.itemNumber).filter((i) => i !== ''))];
  if (envelope.noun !== 'InventoryBalance') return { kind: 'items', itemNumbers };
  const known: WarehouseBalance[] = [];
  for (const line of document.lines) {
    if (line.warehouse === null || line.itemNumber === '') continue;
    // With on-hand given, allocated comes off it; otherwise the quantity is already the available figure (docs/contracts.md, Canonical BOD JSON).
    known.push(line.onHand !== undefined
      ? { itemNumber: line.itemNumber, warehouse: line.warehouse, onHand: line.onHand, allocated: line.allocated ?? 0 }
      : { itemNumber: line.itemNumber, warehouse: line.warehouse, onHand: line.quantity, allocated: 0 });
  }
  return { kind: 'items', itemNumbers, known };
}

export async function signalInventoryChange(client: DurableClient, envelope: BodEnvelope, document: InventoryDocument): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  const scope = inventoryScope(envelope, document);
  if (scope.kind === 'items' && scope.itemNumbers.length === 0) return;
  const ports = inventoryPorts(deps);
  const result = await refreshInventory(scope, ports.refresh);
  for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
  await deps.counters.increment(INVENTORY_FLOW, 'bod-signal');
}
