/**
 * Inventory reconciliation (`m3sync reconcile inventory`): M3 available-to-sell next to the quantity Amazon holds
 * (Listings Items getListingsItem fulfillmentAvailability, DEFAULT channel), with what was last sent and accepted.
 * Paged, because Amazon answers 5 listings reads per second. A fix buffers the M3 value and records Amazon's value as
 * "last accepted", so the next flush sends exactly the corrections.
 */
import { PermanentError } from '../../core/errors';
import type { ListingsItem, ListingsQuery } from '../../connectors/amazon';
import { listWarehouseBalances } from '../../connectors/m3/item-balances';
import type { WarehouseBalance } from '../../core/inventory';
import { channelQuantities } from './channel-quantities';
import { channelKey, channelWarehouses, inventoryChannels, type InventoryChannel } from './inventory-channels';
import type { InventoryRefreshPorts } from './refresh-inventory';

export interface ReconcilePorts extends InventoryRefreshPorts {
  listings(sellerId: string, marketplaceId: string): { getListingsItem(sku: string, query: ListingsQuery): Promise<ListingsItem> };
}

export interface ReconcileRow {
  sellerId: string;
  region: string;
  marketplaceId: string;
  sku: string;
  itemNumber: string;
  m3: number;
  /** null: Amazon has no listing (or no merchant quantity) for the SKU. */
  amazon: number | null;
  difference: number | null;
  lastSent: number | null;
  lastAccepted: number | null;
}

export interface ReconcilePage {
  total: number;
  offset: number;
  nextOffset: number | null;
  rows: ReconcileRow[];
}

export interface Correction {
  sellerId: string;
  marketplaceId: string;
  sku: string;
  itemNumber: string;
  m3: number;
  amazon: number | null;
}

function pickChannels(channels: InventoryChannel[], marketplace: string | undefined): InventoryChannel[] {
  if (marketplace === undefined || marketplace === '') return channels;
  const picked = channels.filter((c) => c.marketplaceIds.includes(marketplace));
  if (picked.length === 0) throw new PermanentError(`marketplace ${marketplace} is not inventory-synced (no warehouses in the inventory mapping, or no seller sells there)`, { code: 'UNKNOWN_MARKETPLACE', system: 'mapping' });
  return picked;
}

function merchantQuantity(item: ListingsItem): number | null {
  const merchant = (item.fulfillmentAvailability ?? []).find((f) => f.fulfillmentChannelCode === 'DEFAULT');
  return merchant?.quantity ?? null;
}

export async function reconcileInventory(query: { marketplace?: string; offset: number; limit: number }, ports: ReconcilePorts): Promise<ReconcilePage> {
  const mappings = await ports.mappings();
  const channels = pickChannels(inventoryChannels(mappings, ports.sellers), query.marketplace);
  const balances: WarehouseBalance[] = [];
  for (const whlo of channelWarehouses(channels)) {
    for (const r of await listWarehouseBalances(ports.m3, whlo)) balances.push({ itemNumber: r.ITNO, warehouse: r.WHLO, onHand: Number(r.STQT), allocated: Number(r.ALQT) });
  }
  const statuses = await ports.statuses.all();
  const entries: Array<{ channel: InventoryChannel; marketplaceId: string; sku: string; itemNumber: string; m3: number; lastSent: number | null; lastAccepted: number | null }> = [];
  for (const channel of channels) {
    const states = await ports.states.list(channel.sellerId, channel.region, channel.group);
    const alsoItems = [...states.values()].map((s) => s.itemNumber).filter((i) => i !== '');
    const quantities = channelQuantities({ mappings, channels: [channel], balances, statuses, alsoItems }).get(channelKey(channel)) ?? [];
    const marketplaceId = query.marketplace || channel.representative;
    for (const q of [...quantities].sort((a, b) => a.sku.localeCompare(b.sku))) {
      const state = states.get(q.sku);
      entries.push({ channel, marketplaceId, sku: q.sku, itemNumber: q.itemNumber, m3: q.quantity, lastSent: state?.sent ?? null, lastAccepted: state?.accepted ?? null });
    }
  }
  const page = entries.slice(query.offset, query.offset + query.limit);
  const rows: ReconcileRow[] = [];
  for (const e of page) {
    let amazon: number | null;
    try {
      amazon = merchantQuantity(await ports.listings(e.channel.sellerId, e.marketplaceId).getListingsItem(e.sku, { marketplaceIds: [e.marketplaceId], includedData: ['fulfillmentAvailability'] }));
    } catch (error) {
      if (!(error instanceof PermanentError && error.details.status === 404)) throw error;
      amazon = null;
    }
    rows.push({
      sellerId: e.channel.sellerId, region: e.channel.region, marketplaceId: e.marketplaceId, sku: e.sku, itemNumber: e.itemNumber,
      m3: e.m3, amazon, difference: amazon === null ? null : e.m3 - amazon, lastSent: e.lastSent, lastAccepted: e.lastAccepted,
    });
  }
  const next = query.offset + page.length;
  return { total: entries.length, offset: query.offset, nextOffset: next < entries.length ? next : null, rows };
}

/** Queues corrections; returns the seller × region pairs whose flush must run. */
export async function queueCorrections(corrections: readonly Correction[], ports: InventoryRefreshPorts): Promise<{ queued: number; regions: Array<{ sellerId: string; region: string }> }> {
  const channels = inventoryChannels(await ports.mappings(), ports.sellers);
  const byChannel = new Map<string, { channel: InventoryChannel; items: Correction[] }>();
  for (const c of corrections) {
    const channel = channels.find((ch) => ch.sellerId === c.sellerId && ch.marketplaceIds.includes(c.marketplaceId));
    if (channel === undefined) throw new PermanentError(`marketplace ${c.marketplaceId} of seller ${c.sellerId} is not inventory-synced`, { code: 'UNKNOWN_MARKETPLACE', system: 'mapping' });
    const key = channelKey(channel);
    byChannel.set(key, { channel, items: [...(byChannel.get(key)?.items ?? []), c] });
  }
  const regions = new Map<string, { sellerId: string; region: string }>();
  let queued = 0;
  for (const { channel, items } of byChannel.values()) {
    const { sellerId, region, group } = channel;
    // What Amazon really holds becomes "last accepted", so the buffered M3 value is a delta again and is sent.
    await ports.states.merge(sellerId, region, group, items.filter((i) => i.amazon !== null).map((i) => ({ sku: i.sku, itemNumber: i.itemNumber, accepted: i.amazon ?? undefined })));
    await ports.pending.put(sellerId, region, group, items.map((i) => ({ sku: i.sku, itemNumber: i.itemNumber, quantity: i.m3 })));
    queued += items.length;
    regions.set(`${sellerId}|${region}`, { sellerId, region });
  }
  return { queued, regions: [...regions.values()] };
}
