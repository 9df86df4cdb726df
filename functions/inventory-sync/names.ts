/** Names of the inventory-sync functions, events and tables; one flush instance per seller × SP-API region (`invflush:<seller>:<region>`). */
export const INVENTORY_FLOW = 'inventory-sync';
export const BALANCE_SWEEP_TIMER = 'm3-balance-sweep';
export const INVENTORY_FLUSH = 'inventory-flush';
export const PREPARE_FEED_ACTIVITY = 'inv-prepare-feed';
export const SUBMIT_FEED_ACTIVITY = 'inv-submit-feed';
export const FEED_STATUS_ACTIVITY = 'inv-feed-status';
export const RECORD_RESULTS_ACTIVITY = 'inv-record-results';
/** Raised on a running flush when new quantities were buffered, so it takes another round instead of ending. */
export const PENDING_EVENT = 'inventory-pending';

export const TABLES = {
  /** M3 item status (MMS001 STAT) per item, from ItemMaster BODs, so blocked items are offered as 0. */
  itemStatus: 'itemstatus',
  /** Feed submissions per prepared document (a retried submit finds its feed instead of sending a second one). */
  submissions: 'inventoryfeeds',
} as const;

export function flushInstanceId(sellerId: string, region: string): string {
  return `invflush:${sellerId}:${region}`;
}
