/**
 * The authority step (ARCHITECTURE §4.3): M3 balances → available-to-sell per channel × SKU → the coalescing buffer.
 * The sweep reads every mapped warehouse (MMS060MI LstSumQty, one call each) and buffers only SKUs whose quantity
 * differs from what Amazon last accepted (or from a value still waiting); an inventory BOD re-reads the named items
 * (MMS200MI GetItmWhsBal), or takes InventoryBalance quantities as they are.
 */
import type { WarehouseBalance } from '../../core/inventory';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { MiExecutor } from '../../connectors/m3/m3-client';
import { getItmWhsBal, listWarehouseBalances, type WarehouseBalance as MiBalance } from '../../connectors/m3/item-balances';
import { channelQuantities, type SkuQuantity } from './channel-quantities';
import { channelKey, channelWarehouses, inventoryChannels, type InventoryChannel, type SellerMarketplaces } from './inventory-channels';
import type { ItemStatuses } from './item-status-store';
import type { PendingQuantities } from './pending-quantity-store';
import type { SkuStates } from './sku-quantity-state-store';

export interface InventoryRefreshPorts {
  mappings(): Promise<Mappings>;
  sellers: readonly SellerMarketplaces[];
  m3: MiExecutor;
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

/** Above this many items a BOD's items are read per warehouse list instead of one by one. */
const ITEM_READ_LIMIT = 50;

function toBalance(record: MiBalance): WarehouseBalance {
  return { itemNumber: record.ITNO, warehouse: record.WHLO, onHand: Number(record.STQT), allocated: Number(record.ALQT) };
}

/** M3's balance record may carry the item status (MITBAL/MMS060 STAT); a status from the item master wins. */
function statusOf(record: MiBalance): string | undefined {
  const stat: unknown = record['STAT'];
  return typeof stat === 'string' && stat.trim() !== '' ? stat.trim() : undefined;
}

export async function refreshInventory(scope: RefreshScope, ports: InventoryRefreshPorts): Promise<RefreshResult> {
  const mappings = await ports.mappings();
  const channels = inventoryChannels(mappings, ports.sellers);
  const result: RefreshResult = { channels: channels.length, computed: 0, buffered: 0, regions: [] };
  if (channels.length === 0) return result;
  const warehouses = channelWarehouses(channels);
  const balances: WarehouseBalance[] = [];
  const recordStatuses = new Map<string, string>();
  const take = (record: MiBalance): void => {
    balances.push(toBalance(record));
    const stat = statusOf(record);
    if (stat !== undefined) recordStatuses.set(record.ITNO, stat);
  };

  let statuses: Map<string, string>;
  if (scope.kind === 'sweep') {
    for (const whlo of warehouses) for (const record of await listWarehouseBalances(ports.m3, whlo)) take(record);
    statuses = await ports.statuses.all();
  } else {
    const known = new Set((scope.known ?? []).map((b) => `${b.itemNumber}|${b.warehouse}`));
    balances.push(...(scope.known ?? []));
    if (scope.itemNumbers.length > ITEM_READ_LIMIT) {
      // Many items (a full count): one list per warehouse is cheaper than a GetItmWhsBal per item × warehouse.
      const wanted = new Set(scope.itemNumbers);
      for (const whlo of warehouses) {
        for (const record of await listWarehouseBalances(ports.m3, whlo)) if (wanted.has(record.ITNO) && !known.has(`${record.ITNO}|${whlo}`)) take(record);
      }
    } else {
      for (const itemNumber of scope.itemNumbers) {
        for (const whlo of warehouses) {
          if (known.has(`${itemNumber}|${whlo}`)) continue;
          const record = await getItmWhsBal(ports.m3, whlo, itemNumber);
          if (record !== undefined) take(record);
        }
      }
    }
    statuses = new Map();
    for (const itemNumber of scope.itemNumbers) {
      const status = await ports.statuses.get(itemNumber);
      if (status !== undefined) statuses.set(itemNumber, status);
    }
  }
  for (const [item, stat] of recordStatuses) if (!statuses.has(item)) statuses.set(item, stat);

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
