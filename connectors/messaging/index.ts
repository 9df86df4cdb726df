/** Public surface of the messaging connector: the queue ports and their Service Bus, Storage and in-memory implementations. */
export {
  DEFAULT_LOCK_MS, DEFAULT_MAX_DELIVERY_COUNT,
  type OutboundMessage, type QueueSender, type DeadLetter, type DeadLetterQueue, type Delivery, type QueueReceiver, type ReceiveOptions,
} from './queue-port';
export { StorageQueueSender } from './storage-queue-sender';
export { StorageQueueReceiver } from './storage-queue-receiver';
export { StorageDeadLetterQueue } from './storage-dead-letter-queue';
export { storageQueueName, storageDeadLetterQueueName } from './storage-queue-names';
export { STORAGE_MESSAGE_MAX_BYTES, decodeBase64 } from './storage-wire-format';
export { ServiceBusQueueSender } from './service-bus-queue-sender';
export { ServiceBusQueueReceiver } from './service-bus-queue-receiver';
export { ServiceBusDeadLetterQueue } from './service-bus-dead-letter-queue';
export { type ServiceBusConnection } from './service-bus-client';
export { InMemoryQueue } from './in-memory-queue';
export { createQueueTransport, type QueueTransport } from './queue-transport';
