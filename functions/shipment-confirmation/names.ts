/** Names of the shipment-confirmation functions, entity and events; one instance per M3 shipment document (`ship:<documentId>`). */
export const SHIPMENT_CONFIRMATION = 'shipment-confirmation';
export const PLAN_SHIPMENT_ACTIVITY = 'ship-plan';
export const SEND_PACKAGE_ACTIVITY = 'ship-send-package';
export const SHIPMENT_FEED = 'shipment-feed';
export const SUBMIT_FEED_ACTIVITY = 'ship-feed-submit';
export const FEED_STATUS_ACTIVITY = 'ship-feed-status';
export const FEED_RESULTS_ACTIVITY = 'ship-feed-results';
/** Durable entity per seller × region that decides direct calls vs one feed and collects the feed's members. */
export const FEED_BATCH_ENTITY = 'shipment-feed-batch';
/** A higher variation of a shipment whose instance still runs (or waits parked). */
export const SHIPMENT_UPDATED_EVENT = 'shipment-updated';
export const REDRIVE_EVENT = 'redrive';
export const SHIPMENT_FLOW = 'shipment-confirmation';
/** Idempotency scope of sent package confirmations. */
export const CONFIRMATION_SCOPE = 'shipment-package';

export function shipmentInstanceId(documentId: string): string {
  return `ship:${documentId}`;
}

export function feedInstanceId(batchId: string): string {
  return `shipfeed:${batchId}`;
}
