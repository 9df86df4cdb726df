/** QueueSender over Azure Service Bus: messageId drives duplicate detection; messages go out in size-checked batches. */
import type { ServiceBusClient, ServiceBusSender } from '@azure/service-bus';
import { PermanentError } from '../../core/errors';
import type { OutboundMessage, QueueSender } from './queue-port';
import { createServiceBusClient, type ServiceBusConnection } from './service-bus-client';
import { fromServiceBusError } from './messaging-errors';

export class ServiceBusQueueSender implements QueueSender {
  private readonly client: ServiceBusClient;
  private readonly senders = new Map<string, ServiceBusSender>();

  constructor(connection: ServiceBusConnection | ServiceBusClient) {
    this.client = 'createSender' in connection ? connection : createServiceBusClient(connection);
  }

  async send(queue: string, messages: OutboundMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const sender = this.sender(queue);
    try {
      let batch = await sender.createMessageBatch();
      for (const m of messages) {
        const message = { messageId: m.messageId, body: m.body ?? null, contentType: 'application/json', applicationProperties: m.applicationProperties ?? {} };
        if (batch.tryAddMessage(message)) continue;
        if (batch.count === 0) {
          throw new PermanentError(`message ${m.messageId} is over the Service Bus message size limit (${batch.maxSizeInBytes} bytes): send a claim-check reference instead`, {
            code: 'MESSAGE_TOO_LARGE', system: 'servicebus', details: { queue, messageId: m.messageId, limit: batch.maxSizeInBytes },
          });
        }
        await sender.sendMessages(batch);
        batch = await sender.createMessageBatch();
        if (!batch.tryAddMessage(message)) {
          throw new PermanentError(`message ${m.messageId} is over the Service Bus message size limit: send a claim-check reference instead`, {
            code: 'MESSAGE_TOO_LARGE', system: 'servicebus', details: { queue, messageId: m.messageId },
          });
        }
      }
      if (batch.count > 0) await sender.sendMessages(batch);
    } catch (error) {
      throw fromServiceBusError(error, 'send', queue);
    }
  }

  async close(): Promise<void> {
    await Promise.all([...this.senders.values()].map((s) => s.close()));
    this.senders.clear();
    await this.client.close();
  }

  private sender(queue: string): ServiceBusSender {
    let sender = this.senders.get(queue);
    if (!sender) this.senders.set(queue, (sender = this.client.createSender(queue)));
    return sender;
  }
}
