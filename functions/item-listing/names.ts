/** Names of the item-listing functions; one instance per M3 item + variation (`listing:<item>:<variation>`), so a re-delivered BOD is a no-op. */
export const ITEM_LISTING = 'item-listing';
export const SYNC_LISTING_ACTIVITY = 'listing-sync-item';
export const ITEM_LISTING_FLOW = 'item-listing';

export function listingInstanceId(itemNumber: string, variation: string): string {
  return `listing:${itemNumber}:${variation}`;
}
