/** The item-listing activity: syncListing with the Listings Items API and stores bound. */
import type { InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { ListingInputSchema, type ListingOutcome } from './listing-outcome';
import { SYNC_LISTING_ACTIVITY } from './names';
import { inventoryChannels } from '../inventory-sync/inventory-channels';
import { inventoryPorts } from '../inventory-sync/inventory-ports';
import { syncListing, type ListingPorts } from './sync-listing';

export function listingPorts(deps: Dependencies): ListingPorts {
  return {
    mappings: () => deps.mappings(),
    sellers: deps.sellers,
    listings: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
    parked: deps.parked,
    counters: deps.counters,
    switches: deps.switches,
    listingCreated: async (sellerId, marketplaceId, sku) => {
      const channel = inventoryChannels(await deps.mappings(), deps.sellers).find((c) => c.sellerId === sellerId && c.marketplaceIds.includes(marketplaceId));
      if (channel) await inventoryPorts(deps).refresh.states.merge(sellerId, channel.region, channel.group, [{ sku, error: '' }]);
    },
  };
}

export async function syncListingActivity(input: unknown, context: InvocationContext): Promise<ListingOutcome> {
  const deps = dependencies();
  await deps.switches.refresh();
  return syncListing(ListingInputSchema.parse(input), listingPorts(deps), context);
}

df.app.activity(SYNC_LISTING_ACTIVITY, { handler: syncListingActivity });
