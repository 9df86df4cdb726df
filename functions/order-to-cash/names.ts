/** Names of the order-to-cash functions and events; instance ids are derived from seller + order id (a second start is a no-op). */
export const ORDER_TO_CASH = 'order-to-cash';
export const PROCESS_ORDER_ACTIVITY = 'o2c-process-order';
export const ORDER_CHANGED_EVENT = 'order-changed';
export const REDRIVE_EVENT = 'redrive';
/** The flow name of parked items, counters and switches. */
export const ORDER_FLOW = 'order-to-cash';

export function orderInstanceId(sellerId: string, amazonOrderId: string): string {
  return `o2c:${sellerId}:${amazonOrderId}`;
}

/** One acknowledgement feed read back (sub-orchestration `ackfeed:<feedId>`): getFeed until done, then its processing report. */
export const ORDER_ACK_FEED = 'order-ack-feed';
export const ACK_FEED_RESEND_ACTIVITY = 'o2c-ack-feed-resend';
export const ACK_FEED_STATUS_ACTIVITY = 'o2c-ack-feed-status';
export const ACK_FEED_RESULTS_ACTIVITY = 'o2c-ack-feed-results';
/** The flow name of acknowledgements Amazon refused (parked, re-drivable: the re-drive sends the feed again). */
export const ORDER_ACK_FLOW = 'order-acknowledgement';

export function ackFeedInstanceId(feedId: string): string {
  return `ackfeed:${feedId}`;
}
