/**
 * The authority step: M3's figures → available-to-sell per channel × SKU → the coalescing buffer.
 * The sweep lists the items each mapped warehouse holds (MMS060MI LstSumQty, one call each), adds the items Amazon
 * holds a quantity for, and reads each item's status and allocatable net per warehouse from M3 in bulk
 * (m3-stock-figures.ts); it buffers only SKUs whose quantity differs from what Amazon last accepted (or from a value
 * still waiting). An inventory BOD re-reads the named items the same way, or takes InventoryBalance quantities as
 * they are.
 */
import type { WarehouseBalance } from '../../core/inventory';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { ItemFiguresReader } from '../../connectors/m3';
import { channelQuantities, type SkuQuantity } from './channel-quantities';
import { channelKey, channelWarehouses, inventoryChannels, type InventoryChannel, type SellerMarketplaces } from './inventory-channels';
import type { ItemStatuses } from './item-status-store';
import { stockedItems, stockFigures, type StockFigures } from './m3-stock-figures';
import type { PendingQuantities } from './pending-quantity-store';
import type { SkuStates } from './sku-quantity-state-store';

export interface InventoryRefreshPorts {
  mappings(): Promise<Mappings>;
  sellers: readonly SellerMarketplaces[];
  m3: ItemFiguresReader;
  statuses: ItemStatuses;
  pending: PendingQuantities;
  states: SkuStates;
}

export type RefreshScope =
  | { kind: 'sweep' }
  /** Re-read these items' balances; `known` balances (InventoryBalance BOD lines) are used as they are. */
  | { kind: 'items'; itemNumbers: readonly string[]; known?: readonly WarehouseBalance[] };

export interface RefreshResult {
  channels: number;
  /** SKU × channel quantities computed. */
  computed: number;
  /** Quantities put into the buffer. */
  buffered: number;
  /** Seller × region pairs with something buffered: their flush must run. */
  regions: Array<{ sellerId: string; region: string }>;
}

/** The items Amazon holds a quantity for on these channels (a SKU whose item lost all stock must still go to 0). */
export async function itemsAmazonHolds(channels: readonly InventoryChannel[], states: SkuStates): Promise<Set<string>> {
  const items = new Set<string>();
  for (const c of channels) for (const s of (await states.list(c.sellerId, c.region, c.group)).values()) if (s.itemNumber !== '') items.add(s.itemNumber);
  return items;
}

export async function refreshInventory(scope: RefreshScope, ports: InventoryRefreshPorts): Promise<RefreshResult> {
  const mappings = await ports.mappings();
  const channels = inventoryChannels(mappings, ports.sellers);
  const result: RefreshResult = { channels: channels.length, computed: 0, buffered: 0, regions: [] };
  if (channels.length === 0) return result;
  const warehouses = channelWarehouses(channels);

  let figures: StockFigures;
  if (scope.kind === 'sweep') {
    const items = await stockedItems(ports.m3, warehouses);
    for (const item of await itemsAmazonHolds(channels, ports.states)) items.add(item);
    figures = await stockFigures(ports.m3, ports.statuses, items, warehouses);
  } else {
    const known = new Set((scope.known ?? []).map((b) => `${b.itemNumber}|${b.warehouse}`));
    figures = await stockFigures(ports.m3, ports.statuses, scope.itemNumbers, warehouses, known);
    figures.balances.push(...(scope.known ?? []));
  }
  const { balances, statuses } = figures;

  const touched = new Set<string>();
  for (const channel of channels) {
    const buffered = await bufferChannel(scope, channel, mappings, balances, statuses, ports);
    result.computed += buffered.computed;
    result.buffered += buffered.buffered;
    if (buffered.buffered > 0) touched.add(`${channel.sellerId}|${channel.region}`);
  }
  result.regions = [...touched].map((key) => {
    const [sellerId = '', region = ''] = key.split('|');
    return { sellerId, region };
  });
  return result;
}

async function bufferChannel(
  scope: RefreshScope, channel: InventoryChannel, mappings: Mappings, balances: WarehouseBalance[], statuses: Map<string, string>, ports: InventoryRefreshPorts,
): Promise<{ computed: number; buffered: number }> {
  const { sellerId, region, group } = channel;
  let rows: SkuQuantity[];
  if (scope.kind === 'sweep') {
    const [states, pending] = await Promise.all([ports.states.list(sellerId, region, group), ports.pending.list(sellerId, region, group)]);
    // SKUs Amazon holds whose item lost every balance record are recomputed too (to 0), not left at their old value.
    const alsoItems = [...states.values()].map((s) => s.itemNumber).filter((i) => i !== '');
    const computed = channelQuantities({ mappings, channels: [channel], balances, statuses, alsoItems }).get(channelKey(channel)) ?? [];
    rows = computed.filter((q) => {
      const waiting = pending.get(q.sku);
      if (waiting !== undefined) return waiting.quantity !== q.quantity;
      const state = states.get(q.sku);
      // The same value Amazon already refused is not re-sent every sweep (a created listing clears the refusal).
      if (state?.error && state.sent === q.quantity) return false;
      return state?.accepted !== q.quantity;
    });
    await ports.pending.put(sellerId, region, group, rows);
    return { computed: computed.length, buffered: rows.length };
  }
  rows = channelQuantities({ mappings, channels: [channel], balances, statuses, alsoItems: scope.itemNumbers }).get(channelKey(channel)) ?? [];
  await ports.pending.put(sellerId, region, group, rows);
  return { computed: rows.length, buffered: rows.length };
}
