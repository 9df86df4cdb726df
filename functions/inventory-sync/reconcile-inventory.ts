/**
 * Inventory reconciliation (`m3sync reconcile inventory`): M3 available-to-sell next to the quantity Amazon holds
 * (Listings Items getListingsItem fulfillmentAvailability, DEFAULT channel), with M3's item status and allocatable
 * net (Σ AV01 of the marketplace's warehouses) it was computed from, and what was last sent and accepted.
 * Paged, because Amazon answers 5 listings reads per second. A fix buffers the M3 value and records Amazon's value as
 * "last accepted", so the next flush sends exactly the corrections.
 */
import { PermanentError } from '../../core/errors';
import type { ListingsItem, ListingsQuery } from '../../connectors/amazon';
import Decimal from 'decimal.js';
import { warehousesFor, type WarehouseBalance } from '../../core/inventory';
import { channelQuantities } from './channel-quantities';
import { channelKey, channelWarehouses, inventoryChannels, type InventoryChannel } from './inventory-channels';
import { stockedItems, stockFigures } from './m3-stock-figures';
import { itemsAmazonHolds, type InventoryRefreshPorts } from './refresh-inventory';

export interface ReconcilePorts extends InventoryRefreshPorts {
  listings(sellerId: string, marketplaceId: string): { getListingsItem(sku: string, query: ListingsQuery): Promise<ListingsItem> };
}

export interface ReconcileRow {
  sellerId: string;
  region: string;
  marketplaceId: string;
  sku: string;
  itemNumber: string;
  /** M3's item status (MMS200MI GetItmBasic STAT); null when M3 does not know the item. */
  m3Status: string | null;
  /** Σ AV01 (allocatable net) of the warehouses mapped to the marketplace, as decimal text. */
  m3Allocatable: string;
  /** Available-to-sell by the inventory rule (status, allocatable net, safety stock, share, cap). */
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

function allocatableNet(balances: readonly WarehouseBalance[], itemNumber: string, warehouses: readonly string[]): string {
  let net = new Decimal(0);
  for (const b of balances) {
    if (b.itemNumber === itemNumber && warehouses.includes(b.warehouse)) net = net.plus(b.allocatable ?? new Decimal(b.onHand).minus(b.allocated));
  }
  return net.toFixed();
}

export async function reconcileInventory(query: { marketplace?: string; offset: number; limit: number }, ports: ReconcilePorts): Promise<ReconcilePage> {
  const mappings = await ports.mappings();
  const channels = pickChannels(inventoryChannels(mappings, ports.sellers), query.marketplace);
  const warehouses = channelWarehouses(channels);
  const items = await stockedItems(ports.m3, warehouses);
  for (const item of await itemsAmazonHolds(channels, ports.states)) items.add(item);
  const { balances, statuses } = await stockFigures(ports.m3, ports.statuses, items, warehouses);
  const entries: Array<{ channel: InventoryChannel; marketplaceId: string; sku: string; itemNumber: string; m3Status: string | null; m3Allocatable: string; m3: number; lastSent: number | null; lastAccepted: number | null }> = [];
  for (const channel of channels) {
    const states = await ports.states.list(channel.sellerId, channel.region, channel.group);
    const alsoItems = [...states.values()].map((s) => s.itemNumber).filter((i) => i !== '');
    const quantities = channelQuantities({ mappings, channels: [channel], balances, statuses, alsoItems }).get(channelKey(channel)) ?? [];
    const marketplaceId = query.marketplace || channel.representative;
    for (const q of [...quantities].sort((a, b) => a.sku.localeCompare(b.sku))) {
      const state = states.get(q.sku);
      const m3Allocatable = allocatableNet(balances, q.itemNumber, warehousesFor(mappings.inventory, marketplaceId));
      entries.push({ channel, marketplaceId, sku: q.sku, itemNumber: q.itemNumber, m3Status: statuses.get(q.itemNumber) ?? null, m3Allocatable, m3: q.quantity, lastSent: state?.sent ?? null, lastAccepted: state?.accepted ?? null });
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
      m3Status: e.m3Status, m3Allocatable: e.m3Allocatable, m3: e.m3, amazon, difference: amazon === null ? null : e.m3 - amazon, lastSent: e.lastSent, lastAccepted: e.lastAccepted,
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
