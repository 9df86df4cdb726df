/** Peek-lock receive from Service Bus behind the QueueReceiver port (used by the contract test and tools; Azure's trigger does this in production). */
import type { ServiceBusClient, ServiceBusReceiver } from '@azure/service-bus';
import { DEFAULT_MAX_DELIVERY_COUNT, type Delivery, type QueueReceiver, type ReceiveOptions } from './queue-port';
import { createServiceBusClient, messageIdOf, portableProperties, type ServiceBusConnection } from './service-bus-client';
import { fromServiceBusError } from './messaging-errors';

export class ServiceBusQueueReceiver implements QueueReceiver {
  private readonly client: ServiceBusClient;
  private readonly receivers = new Map<string, ServiceBusReceiver>();
  private readonly maxDeliveryCount: number;

  constructor(connection: ServiceBusConnection | ServiceBusClient, options: { maxDeliveryCount?: number; maxWaitTimeInMs?: number } = {}) {
    this.client = 'createReceiver' in connection ? connection : createServiceBusClient(connection);
    this.maxDeliveryCount = options.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT;
    this.maxWaitTimeInMs = options.maxWaitTimeInMs ?? 1000;
  }

  private readonly maxWaitTimeInMs: number;

  /** The lock duration is a property of the Service Bus queue; `lockMs` does not apply here. */
  async receive(queue: string, options: ReceiveOptions = {}): Promise<Delivery[]> {
    const receiver = this.receiver(queue);
    try {
      const messages = await receiver.receiveMessages(Math.min(32, Math.max(1, options.max ?? 1)), { maxWaitTimeInMs: this.maxWaitTimeInMs });
      return messages.map((message) => {
        const deadLetter = async (reason: string, errorDescription: string): Promise<void> => {
          await receiver.deadLetterMessage(message, { deadLetterReason: reason, deadLetterErrorDescription: errorDescription.slice(0, 4096) });
        };
        return {
          messageId: messageIdOf(message),
          body: message.body as unknown,
          applicationProperties: portableProperties(message),
          deliveryCount: message.deliveryCount ?? 1,
          enqueuedTimeUtc: (message.enqueuedTimeUtc ?? new Date(0)).toISOString(),
          complete: () => receiver.completeMessage(message),
          // The queue's own MaxDeliveryCount may differ from ours; dead-letter explicitly so the reason is the same everywhere.
          abandon: async (errorDescription = 'abandoned') => {
            if ((message.deliveryCount ?? 1) >= this.maxDeliveryCount) return deadLetter('MaxDeliveryCountExceeded', errorDescription);
            await receiver.abandonMessage(message);
          },
          deadLetter,
          renewLock: async () => { await receiver.renewMessageLock(message); },
        };
      });
    } catch (error) {
      throw fromServiceBusError(error, 'receive', queue);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.receivers.values()].map((r) => r.close()));
    this.receivers.clear();
    await this.client.close();
  }

  private receiver(queue: string): ServiceBusReceiver {
    let receiver = this.receivers.get(queue);
    if (!receiver) this.receivers.set(queue, (receiver = this.client.createReceiver(queue, { receiveMode: 'peekLock' })));
    return receiver;
  }
}
