/** The queues between intake and processing (Service Bus in Azure, Azurite queues locally); infra defines the same set. */
export const QUEUES = {
  /** Amazon notifications accepted by intake (ORDER_CHANGE, feed/report finished, listings changes). */
  amazonEvents: 'amazon-events',
  /** Orders found by the sweep or backfill, one message per order. */
  orderSweep: 'order-sweep',
  /** BODs accepted by intake (canonical JSON, or a claim-check reference). */
  ionBods: 'ion-bods',
} as const;

export type QueueName = (typeof QUEUES)[keyof typeof QUEUES];
export const QUEUE_NAMES: readonly string[] = Object.values(QUEUES);
