/** Picks the queue transport from app settings: Service Bus in Azure, Storage queues (Azurite) locally. */
import type { DeadLetterQueue, QueueReceiver, QueueSender } from './queue-port';
import { StorageQueueSender } from './storage-queue-sender';
import { StorageQueueReceiver } from './storage-queue-receiver';
import { StorageDeadLetterQueue } from './storage-dead-letter-queue';
import { ServiceBusQueueSender } from './service-bus-queue-sender';
import { ServiceBusQueueReceiver } from './service-bus-queue-receiver';
import { ServiceBusDeadLetterQueue } from './service-bus-dead-letter-queue';
import { createServiceBusClient, type ServiceBusConnection } from './service-bus-client';

export interface QueueTransport {
  kind: 'servicebus' | 'storage';
  sender: QueueSender;
  receiver: QueueReceiver;
  deadLetters: DeadLetterQueue;
  close(): Promise<void>;
}

/**
 * `MESSAGING_TRANSPORT` = `servicebus` (needs `ServiceBusConnection` or `ServiceBusConnection__fullyQualifiedNamespace`,
 * the same settings the Service Bus trigger reads) | `storage` (default; `AzureWebJobsStorage`).
 */
export function createQueueTransport(env: Record<string, string | undefined> = process.env): QueueTransport {
  const kind = env.MESSAGING_TRANSPORT ?? 'storage';
  if (kind === 'servicebus') {
    const connection: ServiceBusConnection | undefined = env.ServiceBusConnection
      ? { connectionString: env.ServiceBusConnection }
      : env.ServiceBusConnection__fullyQualifiedNamespace
        ? { fullyQualifiedNamespace: env.ServiceBusConnection__fullyQualifiedNamespace }
        : undefined;
    if (!connection) throw new Error('MESSAGING_TRANSPORT=servicebus needs ServiceBusConnection or ServiceBusConnection__fullyQualifiedNamespace');
    const client = createServiceBusClient(connection);
    const sender = new ServiceBusQueueSender(client);
    const receiver = new ServiceBusQueueReceiver(client);
    return {
      kind: 'servicebus', sender, receiver, deadLetters: new ServiceBusDeadLetterQueue(client),
      close: async () => { await sender.close(); await receiver.close(); },
    };
  }
  if (kind !== 'storage') throw new Error(`MESSAGING_TRANSPORT must be "servicebus" or "storage", not "${kind}"`);
  const connectionString = env.AzureWebJobsStorage;
  if (!connectionString) throw new Error('MESSAGING_TRANSPORT=storage needs AzureWebJobsStorage');
  return {
    kind: 'storage',
    sender: new StorageQueueSender(connectionString),
    receiver: new StorageQueueReceiver(connectionString),
    deadLetters: new StorageDeadLetterQueue(connectionString),
    close: async () => undefined,
  };
}
