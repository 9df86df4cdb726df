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
