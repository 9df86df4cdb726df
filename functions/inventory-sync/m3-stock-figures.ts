/**
 * What M3 says an item may sell, for the items a run covers: its status (MMS200MI GetItmBasic) and the allocatable net
 * per mapped warehouse (MMS200MI GetItmWhsBal AV01). M3 is read every time: the ItemMaster BODs' statuses are only a
 * fallback for items M3 does not answer for, so an item blocked before the app was deployed, or whose BOD was lost,
 * still goes to 0 at the next sweep.
 */
import type { WarehouseBalance } from '../../core/inventory';
import { listWarehouseBalances, readItemFigures, type ItemFiguresReader, type WarehouseBalance as MiBalance } from '../../connectors/m3';
import type { ItemStatuses } from './item-status-store';

export interface StockFigures {
  balances: WarehouseBalance[];
  /** Item status per item: M3's own where it answered, else the last ItemMaster BOD's. */
  statuses: Map<string, string>;
}

/** AV01 as M3 states it; an M3 without AV01 falls back to AVAL − ALQT, then to STQT − ALQT (never seen, but never more). */
export function toBalance(record: MiBalance): WarehouseBalance {
  const onHand = Number(record.STQT);
  const allocated = Number(record.ALQT);
  const allocatable = record.AV01 !== undefined ? Number(record.AV01) : record.AVAL !== undefined ? Number(record.AVAL) - allocated : undefined;
  return { itemNumber: record.ITNO, warehouse: record.WHLO, onHand, allocated, ...(allocatable === undefined ? {} : { allocatable }) };
}

/** Items with stock records (any location) in these warehouses: one MMS060MI.LstSumQty per warehouse. */
export async function stockedItems(m3: ItemFiguresReader, warehouses: readonly string[]): Promise<Set<string>> {
  const items = new Set<string>();
  for (const whlo of warehouses) for (const row of await listWarehouseBalances(m3, whlo)) items.add(row.ITNO);
  return items;
}

export async function stockFigures(
  m3: ItemFiguresReader, bodStatuses: ItemStatuses, itemNumbers: Iterable<string>, warehouses: readonly string[], skip: ReadonlySet<string> = new Set(),
): Promise<StockFigures> {
  const items = [...new Set(itemNumbers)].sort();
  const figures = await readItemFigures(m3, items, warehouses);
  const balances = figures.balances.filter((b) => !skip.has(`${b.ITNO}|${b.WHLO}`)).map(toBalance);
  const statuses = new Map(figures.statuses);
  const missing = items.filter((i) => !statuses.has(i));
  if (missing.length > 0) {
    const fromBods = missing.length > 50 ? await bodStatuses.all() : undefined;
    for (const item of missing) {
      const status = fromBods ? fromBods.get(item) : await bodStatuses.get(item);
      if (status !== undefined) statuses.set(item, status);
    }
  }
  return { balances, statuses };
}
