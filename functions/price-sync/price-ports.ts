/** Binds the price sweep's ports to the app's connectors and stores (shared by the timer and the ItemMaster trigger). */
import type { Dependencies } from '../runtime/dependencies';
import { inventoryPorts } from '../inventory-sync/inventory-ports';
import type { PriceRefreshPorts } from './refresh-prices';

export function priceRefreshPorts(deps: Dependencies): PriceRefreshPorts {
  const inventory = inventoryPorts(deps);
  return {
    mappings: () => deps.mappings(),
    sellers: inventory.refresh.sellers,
    m3: { execute: (p, t, params, o) => deps.m3().execute(p, t, params, o) },
    pending: inventory.prices.pending,
    states: inventory.prices.states,
    parked: deps.parked,
    now: () => new Date(),
  };
}
