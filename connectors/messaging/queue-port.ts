/** The queue ports between intake and processing: send, receive with peek-lock, and the dead-letter queue. */

/** A JSON-serialisable message; `messageId` is the duplicate-detection key in Service Bus and the correlation id everywhere. */
export interface OutboundMessage {
  messageId: string;
  body: unknown;
  applicationProperties?: Record<string, string | number | boolean>;
}

export interface QueueSender {
  /** Sends every message or throws (TransientError/AuthError/PermanentError); callers retry the whole call. */
  send(queue: string, messages: OutboundMessage[]): Promise<void>;
}

/** A message that ran out of deliveries (or was dead-lettered explicitly), kept with its reason for operations. */
export interface DeadLetter {
  messageId: string;
  body: unknown;
  applicationProperties: Record<string, string | number | boolean>;
  deliveryCount: number;
  enqueuedTimeUtc: string;
  deadLetterReason: string;
  deadLetterErrorDescription: string;
}

export interface DeadLetterQueue {
  /** Up to `max` (default 100) dead letters of `queue`, oldest first, without consuming them. */
  list(queue: string, max?: number): Promise<DeadLetter[]>;
  /** Moves the dead letter back onto `queue` with a fresh delivery count; false when no such dead letter exists. */
  resubmit(queue: string, messageId: string): Promise<boolean>;
}

/** One locked delivery (Service Bus peek-lock; Storage queues: the visibility timeout). */
export interface Delivery {
  messageId: string;
  body: unknown;
  applicationProperties: Record<string, string | number | boolean>;
  /** 1 on the first delivery, as Service Bus counts. */
  deliveryCount: number;
  enqueuedTimeUtc: string;
  /** Done: the message is removed. */
  complete(): Promise<void>;
  /** Failed: redelivered, or dead-lettered (`MaxDeliveryCountExceeded`) once the delivery count reaches the maximum. */
  abandon(errorDescription?: string): Promise<void>;
  /** Straight to the dead-letter queue with a reason. */
  deadLetter(reason: string, errorDescription: string): Promise<void>;
  /** Extends the lock while a long handler runs. */
  renewLock(): Promise<void>;
}

export interface ReceiveOptions {
  /** At most this many deliveries (default 1, at most 32). */
  max?: number;
  /** Lock duration in ms (default 60 s, Service Bus' default lock duration). */
  lockMs?: number;
}

export interface QueueReceiver {
  receive(queue: string, options?: ReceiveOptions): Promise<Delivery[]>;
}

/** Service Bus' default MaxDeliveryCount is 10; the project's queues use 5 (docs/design.md, Error policy, infra). */
export const DEFAULT_MAX_DELIVERY_COUNT = 5;
export const DEFAULT_LOCK_MS = 60_000;
