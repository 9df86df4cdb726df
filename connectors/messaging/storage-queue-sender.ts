/** QueueSender over Azure Storage queues (Azurite locally), in the envelope format of storage-wire-format.ts. */
import type { OutboundMessage, QueueSender } from './queue-port';
import { encodeEnvelope } from './storage-wire-format';
import { storageQueueName } from './storage-queue-names';
import { StorageQueueClients } from './storage-queue-clients';
import { fromStorageError } from './messaging-errors';

/** Storage has no batch put; a few puts in flight keep a burst fast without flooding Azurite. */
const PARALLEL_PUTS = 8;

export class StorageQueueSender implements QueueSender {
  private readonly clients: StorageQueueClients;
  private readonly now: () => Date;

  constructor(connectionString: string, options: { now?: () => Date } = {}) {
    this.clients = new StorageQueueClients(connectionString);
    this.now = options.now ?? (() => new Date());
  }

  async send(queue: string, messages: OutboundMessage[]): Promise<void> {
    const name = storageQueueName(queue);
    const enqueuedTimeUtc = this.now().toISOString();
    // Encode every message first, so an oversized one fails the call before anything is sent.
    const texts = messages.map((m) =>
      encodeEnvelope({ v: 1, messageId: m.messageId, body: m.body ?? null, applicationProperties: m.applicationProperties ?? {}, enqueuedTimeUtc }));
    if (texts.length === 0) return;
    const client = await this.clients.get(name);
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < texts.length) {
        const text = texts[next++];
        try {
          // TTL -1: never expires, like a Service Bus queue without a TTL; dead letters must stay inspectable.
          await client.sendMessage(text, { messageTimeToLive: -1 });
        } catch (error) {
          throw fromStorageError(error, 'send', name);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(PARALLEL_PUTS, texts.length) }, worker));
  }
}
