/** The dead-letter port over `<queue>-deadletter` Storage queues (what the local host's Service Bus stand-in writes). */
import type { DequeuedMessageItem, QueueClient } from '@azure/storage-queue';
import type { DeadLetter, DeadLetterQueue } from './queue-port';
import { decodeDeadLetter, encodeEnvelope, type DeadLetterEnvelope } from './storage-wire-format';
import { storageDeadLetterQueueName, storageQueueName } from './storage-queue-names';
import { StorageQueueClients } from './storage-queue-clients';
import { fromStorageError } from './messaging-errors';

/** Storage peeks at most 32 messages; beyond that we hide batches briefly and make them visible again. */
const PEEK_LIMIT = 32;
const SCAN_HIDE_SECONDS = 30;

export class StorageDeadLetterQueue implements DeadLetterQueue {
  private readonly clients: StorageQueueClients;
  private readonly now: () => Date;

  constructor(connectionString: string, options: { now?: () => Date } = {}) {
    this.clients = new StorageQueueClients(connectionString);
    this.now = options.now ?? (() => new Date());
  }

  async list(queue: string, max = 100): Promise<DeadLetter[]> {
    const dlq = await this.clients.get(storageDeadLetterQueueName(queue));
    try {
      if (max <= PEEK_LIMIT) {
        const peeked = await dlq.peekMessages({ numberOfMessages: Math.max(1, max) });
        return peeked.peekedMessageItems.map((m) => decodeDeadLetter(m.messageText)).filter(isDefined).map(toDeadLetter).slice(0, max);
      }
      const found: DeadLetter[] = [];
      await this.scan(dlq, (_item, letter) => {
        if (letter) found.push(toDeadLetter(letter));
        return found.length >= max ? 'stop' : 'continue';
      });
      return found;
    } catch (error) {
      throw fromStorageError(error, 'list dead letters', dlq.name);
    }
  }

  async resubmit(queue: string, messageId: string): Promise<boolean> {
    const dlq = await this.clients.get(storageDeadLetterQueueName(queue));
    const target = await this.clients.get(storageQueueName(queue));
    try {
      let match: { item: DequeuedMessageItem; letter: DeadLetterEnvelope } | undefined;
      await this.scan(dlq, (item, letter) => {
        if (letter?.messageId !== messageId) return 'continue';
        match = { item, letter };
        return 'take';
      });
      if (!match) return false;
      const { letter, item } = match;
      await target.sendMessage(
        encodeEnvelope({ v: 1, messageId: letter.messageId, body: letter.body, applicationProperties: letter.applicationProperties, enqueuedTimeUtc: this.now().toISOString() }),
        { messageTimeToLive: -1 },
      );
      await dlq.deleteMessage(item.messageId, item.popReceipt);
      return true;
    } catch (error) {
      throw fromStorageError(error, 'resubmit dead letter', dlq.name);
    }
  }

  /** Walks the queue in received batches; everything not taken is made visible again before returning. */
  private async scan(
    dlq: QueueClient,
    visit: (item: DequeuedMessageItem, letter: DeadLetterEnvelope | undefined) => 'continue' | 'stop' | 'take',
  ): Promise<void> {
    const hidden: DequeuedMessageItem[] = [];
    try {
      for (;;) {
        const batch = (await dlq.receiveMessages({ numberOfMessages: PEEK_LIMIT, visibilityTimeout: SCAN_HIDE_SECONDS })).receivedMessageItems;
        if (batch.length === 0) return;
        let done = false;
        for (const item of batch) {
          if (done) { hidden.push(item); continue; }
          const verdict = visit(item, decodeDeadLetter(item.messageText));
          if (verdict !== 'take') hidden.push(item);
          if (verdict !== 'continue') done = true;
        }
        if (done) return;
      }
    } finally {
      await Promise.all(hidden.map((item) => dlq.updateMessage(item.messageId, item.popReceipt, item.messageText, 0).catch(() => undefined)));
    }
  }
}

function isDefined<T>(value: T | undefined): value is T {
  return value !== undefined;
}

function toDeadLetter(letter: DeadLetterEnvelope): DeadLetter {
  return {
    messageId: letter.messageId,
    body: letter.body,
    applicationProperties: letter.applicationProperties,
    deliveryCount: letter.deliveryCount,
    enqueuedTimeUtc: letter.enqueuedTimeUtc,
    deadLetterReason: letter.deadLetterReason,
    deadLetterErrorDescription: letter.deadLetterErrorDescription,
  };
}
