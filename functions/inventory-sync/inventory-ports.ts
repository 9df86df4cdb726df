/** Binds the inventory flow's ports to the app's real connectors and stores (composition root for this flow). */
import { DefaultAzureCredential } from '@azure/identity';
import { storageTargetOf } from '../app-settings';
import type { Dependencies } from '../runtime/dependencies';
import { BlobDocuments } from './blob-json-document';
import type { FlushPorts } from './flush-steps';
import { FeedSubmissionStore } from './feed-submission-store';
import { ItemStatusStore } from './item-status-store';
import { PendingQuantityStore } from './pending-quantity-store';
import type { InventoryRefreshPorts } from './refresh-inventory';
import { SkuQuantityStateStore } from './sku-quantity-state-store';
import { PriceStore } from '../price-sync/price-stores';

export interface InventoryPorts {
  refresh: InventoryRefreshPorts;
  flush: FlushPorts;
  /** Offer prices (price-sync): buffered by the price sweep, drained by the flush. */
  prices: PriceStore;
  /** Amazon's time scale (simulator only), for the flush's timers. */
  timeScale: number;
}

const cache = new WeakMap<Dependencies, InventoryPorts>();

export function inventoryPorts(deps: Dependencies): InventoryPorts {
  const known = cache.get(deps);
  if (known) return known;
  const target = storageTargetOf(deps.settings);
  const blobs = new BlobDocuments(target.kind === 'connection-string' ? target.connectionString : { accountName: target.accountName, credential: new DefaultAzureCredential() });
  const pending = new PendingQuantityStore(blobs);
  const states = new SkuQuantityStateStore(blobs);
  const prices = new PriceStore(blobs);
  const ports: InventoryPorts = {
    timeScale: deps.settings.SPAPI_RATE_TIME_SCALE,
    prices,
    refresh: {
      mappings: () => deps.mappings(),
      sellers: deps.sellers,
      m3: { execute: (p, t, params, o) => deps.m3().execute(p, t, params, o), executeBulk: (p, calls, o) => deps.m3().executeBulk(p, calls, o) },
      statuses: new ItemStatusStore(deps.tables),
      pending,
      states,
    },
    flush: {
      pending,
      states,
      submissions: new FeedSubmissionStore(deps.tables),
      claimChecks: deps.claimChecks,
      amazon: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
      parked: deps.parked,
      counters: deps.counters,
      switches: deps.switches,
      prices,
      now: () => new Date(),
    },
  };
  cache.set(deps, ports);
  return ports;
}
