/** The dead-letter port over a Service Bus queue's `$DeadLetterQueue` sub-queue. */
import type { ServiceBusClient, ServiceBusReceivedMessage } from '@azure/service-bus';
import type { DeadLetter, DeadLetterQueue } from './queue-port';
import { createServiceBusClient, messageIdOf, portableProperties, type ServiceBusConnection } from './service-bus-client';
import { fromServiceBusError } from './messaging-errors';

export class ServiceBusDeadLetterQueue implements DeadLetterQueue {
  private readonly client: ServiceBusClient;

  constructor(connection: ServiceBusConnection | ServiceBusClient) {
    this.client = 'createReceiver' in connection ? connection : createServiceBusClient(connection);
  }

  async list(queue: string, max = 100): Promise<DeadLetter[]> {
    const receiver = this.client.createReceiver(queue, { subQueueType: 'deadLetter', receiveMode: 'peekLock' });
    try {
      const messages = await receiver.peekMessages(max);
      return messages.map((m) => ({
        messageId: messageIdOf(m),
        body: m.body as unknown,
        applicationProperties: portableProperties(m),
        deliveryCount: m.deliveryCount ?? 0,
        enqueuedTimeUtc: (m.enqueuedTimeUtc ?? new Date(0)).toISOString(),
        deadLetterReason: m.deadLetterReason ?? '',
        deadLetterErrorDescription: m.deadLetterErrorDescription ?? '',
      }));
    } catch (error) {
      throw fromServiceBusError(error, 'list dead letters', queue);
    } finally {
      await receiver.close();
    }
  }

  /**
   * Re-sends the dead letter to its queue and completes it. With duplicate detection on, a copy with the same message id
   * inside the detection window would be dropped silently, so the copy's id gets a `#r<n>` suffix and `resubmittedFrom`
   * names the original (the app deduplicates by its own business keys, not by message id).
   */
  async resubmit(queue: string, messageId: string): Promise<boolean> {
    const receiver = this.client.createReceiver(queue, { subQueueType: 'deadLetter', receiveMode: 'peekLock' });
    const sender = this.client.createSender(queue);
    // Messages passed over stay locked until the end, so the scan never sees them twice.
    const held: ServiceBusReceivedMessage[] = [];
    try {
      for (;;) {
        const batch = await receiver.receiveMessages(32, { maxWaitTimeInMs: 1000 });
        if (batch.length === 0) return false;
        const match = batch.find((m) => messageIdOf(m) === messageId);
        held.push(...batch.filter((m) => m !== match));
        if (!match) continue;
        const properties = portableProperties(match);
        const count = typeof properties.resubmitCount === 'number' ? properties.resubmitCount + 1 : 1;
        await sender.sendMessages({
          messageId: `${messageId}#r${count}`,
          body: match.body as unknown,
          contentType: match.contentType ?? 'application/json',
          applicationProperties: { ...properties, resubmittedFrom: messageId, resubmitCount: count },
        });
        await receiver.completeMessage(match);
        return true;
      }
    } catch (error) {
      throw fromServiceBusError(error, 'resubmit dead letter', queue);
    } finally {
      await Promise.all(held.map((m) => receiver.abandonMessage(m).catch(() => undefined)));
      await Promise.all([receiver.close(), sender.close()]);
    }
  }
}
