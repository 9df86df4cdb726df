/** Peek-lock receive over Azure Storage queues: the visibility timeout is the lock, dequeueCount the delivery count. */
import type { QueueClient } from '@azure/storage-queue';
import { DEFAULT_LOCK_MS, DEFAULT_MAX_DELIVERY_COUNT, type Delivery, type QueueReceiver, type ReceiveOptions } from './queue-port';
import { STORAGE_MESSAGE_MAX_BYTES, decodeEnvelope, encodeEnvelope, type DeadLetterEnvelope, type Envelope } from './storage-wire-format';
import { storageDeadLetterQueueName, storageQueueName } from './storage-queue-names';
import { StorageQueueClients } from './storage-queue-clients';
import { fromStorageError } from './messaging-errors';

/** Service Bus caps the error description at 4096 characters; so do we. */
const MAX_DESCRIPTION = 4096;

export class StorageQueueReceiver implements QueueReceiver {
  private readonly clients: StorageQueueClients;
  private readonly maxDeliveryCount: number;
  private readonly now: () => Date;

  constructor(connectionString: string, options: { maxDeliveryCount?: number; now?: () => Date } = {}) {
    this.clients = new StorageQueueClients(connectionString);
    this.maxDeliveryCount = options.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT;
    this.now = options.now ?? (() => new Date());
  }

  async receive(queue: string, options: ReceiveOptions = {}): Promise<Delivery[]> {
    const name = storageQueueName(queue);
    const client = await this.clients.get(name);
    const lockSeconds = Math.max(1, Math.ceil((options.lockMs ?? DEFAULT_LOCK_MS) / 1000));
    let items;
    try {
      const response = await client.receiveMessages({ numberOfMessages: Math.min(32, Math.max(1, options.max ?? 1)), visibilityTimeout: lockSeconds });
      items = response.receivedMessageItems;
    } catch (error) {
      throw fromStorageError(error, 'receive', name);
    }
    const deliveries: Delivery[] = [];
    let deadLetterFailure: unknown;
    for (const item of items) {
      const envelope = decodeEnvelope(item.messageText, { messageId: item.messageId, enqueuedTimeUtc: item.insertedOn.toISOString() });
      const delivery = this.delivery(queue, client, envelope, item.messageText, item.messageId, item.popReceipt, item.dequeueCount, lockSeconds);
      if (item.dequeueCount > this.maxDeliveryCount) {
        // The lock expired on the last allowed delivery (a crashed host): Service Bus dead-letters it the same way.
        // If that move fails, the message stays locked and is moved on a later receive; the rest of the batch is
        // still delivered, so one stuck message cannot block the queue.
        try {
          await delivery.deadLetter('MaxDeliveryCountExceeded', `the lock expired on delivery ${item.dequeueCount - 1} of ${this.maxDeliveryCount}`);
        } catch (error) {
          deadLetterFailure ??= error;
        }
        continue;
      }
      deliveries.push(delivery);
    }
    if (deliveries.length === 0 && deadLetterFailure !== undefined) throw deadLetterFailure;
    return deliveries;
  }

  private delivery(queue: string, client: QueueClient, envelope: Envelope, text: string, id: string, firstReceipt: string, dequeueCount: number, lockSeconds: number): Delivery {
    let popReceipt = firstReceipt;
    const name = client.name;
    const deadLetter = async (reason: string, errorDescription: string): Promise<void> => {
      const dlq = await this.clients.get(storageDeadLetterQueueName(queue));
      const deadLetterText = deadLetterMessageText({
        ...envelope,
        deliveryCount: Math.min(dequeueCount, this.maxDeliveryCount),
        deadLetterReason: reason,
        deadLetterErrorDescription: errorDescription.slice(0, MAX_DESCRIPTION),
        deadLetteredTimeUtc: this.now().toISOString(),
      });
      try {
        // Copy first, then delete: a crash in between leaves a duplicate dead letter, never a lost message.
        await dlq.sendMessage(deadLetterText, { messageTimeToLive: -1 });
        await client.deleteMessage(id, popReceipt);
      } catch (error) {
        throw fromStorageError(error, 'dead-letter', name);
      }
    };
    return {
      messageId: envelope.messageId,
      body: envelope.body,
      applicationProperties: envelope.applicationProperties,
      deliveryCount: dequeueCount,
      enqueuedTimeUtc: envelope.enqueuedTimeUtc,
      complete: async () => {
        try {
          await client.deleteMessage(id, popReceipt);
        } catch (error) {
          throw fromStorageError(error, 'complete', name);
        }
      },
      abandon: async (errorDescription = 'abandoned') => {
        if (dequeueCount >= this.maxDeliveryCount) return deadLetter('MaxDeliveryCountExceeded', errorDescription);
        try {
          // Visible again at once, as a Service Bus abandon makes the message available immediately.
          await client.updateMessage(id, popReceipt, text, 0);
        } catch (error) {
          throw fromStorageError(error, 'abandon', name);
        }
      },
      deadLetter,
      renewLock: async () => {
        try {
          const response = await client.updateMessage(id, popReceipt, text, lockSeconds);
          if (response.popReceipt) popReceipt = response.popReceipt;
        } catch (error) {
          throw fromStorageError(error, 'renew-lock', name);
        }
      },
    };
  }
}

/**
 * The dead letter's message text. A message that fitted the queue as base64 may not fit once the reason and a 4 KiB
 * description are added; it must still reach the dead-letter queue (else it is redelivered forever), so it is written
 * as plain JSON (a third smaller; decodeDeadLetter reads both), with the description cut down if even that is needed.
 */
function deadLetterMessageText(letter: DeadLetterEnvelope): string {
  const base64 = Buffer.byteLength(JSON.stringify(letter), 'utf8') * 4 / 3 <= STORAGE_MESSAGE_MAX_BYTES;
  if (base64) return encodeEnvelope(letter);
  const plain = JSON.stringify(letter);
  if (Buffer.byteLength(plain, 'utf8') <= STORAGE_MESSAGE_MAX_BYTES) return plain;
  return JSON.stringify({ ...letter, deadLetterErrorDescription: letter.deadLetterErrorDescription.slice(0, 200) });
}
