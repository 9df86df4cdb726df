/** A fake of the whole queue contract (send, peek-lock deliveries, delivery count, dead letters) for unit tests. */
import { randomUUID } from 'node:crypto';
import {
  DEFAULT_LOCK_MS, DEFAULT_MAX_DELIVERY_COUNT,
  type DeadLetter, type DeadLetterQueue, type Delivery, type OutboundMessage, type QueueReceiver, type QueueSender, type ReceiveOptions,
} from './queue-port';

interface Stored {
  lockToken: string;
  messageId: string;
  /** A JSON copy, so a test mutating what it sent cannot change what is delivered (the wire would not either). */
  body: unknown;
  applicationProperties: Record<string, string | number | boolean>;
  enqueuedTimeUtc: string;
  deliveryCount: number;
  lockedUntil: number;
}

export class InMemoryQueue implements QueueSender, QueueReceiver, DeadLetterQueue {
  private readonly queues = new Map<string, Stored[]>();
  private readonly deadLetters = new Map<string, DeadLetter[]>();
  private readonly maxDeliveryCount: number;
  private readonly now: () => Date;

  constructor(options: { maxDeliveryCount?: number; now?: () => Date } = {}) {
    this.maxDeliveryCount = options.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT;
    this.now = options.now ?? (() => new Date());
  }

  async send(queue: string, messages: OutboundMessage[]): Promise<void> {
    const stored = messages.map((m) => ({
      lockToken: '',
      messageId: m.messageId,
      body: JSON.parse(JSON.stringify(m.body ?? null)) as unknown,
      applicationProperties: { ...m.applicationProperties },
      enqueuedTimeUtc: this.now().toISOString(),
      deliveryCount: 0,
      lockedUntil: 0,
    }));
    this.queue(queue).push(...stored);
  }

  async receive(queue: string, options: ReceiveOptions = {}): Promise<Delivery[]> {
    const max = Math.min(32, Math.max(1, options.max ?? 1));
    const now = this.now().getTime();
    const deliveries: Delivery[] = [];
    // A copy: a message moved to the dead letters leaves the queue while the loop runs.
    for (const message of this.queue(queue).slice()) {
      if (deliveries.length >= max) break;
      if (message.lockedUntil > now) continue;
      if (message.deliveryCount >= this.maxDeliveryCount) {
        this.moveToDeadLetter(queue, message, 'MaxDeliveryCountExceeded', `the lock expired on delivery ${message.deliveryCount} of ${this.maxDeliveryCount}`);
        continue;
      }
      message.deliveryCount += 1;
      message.lockToken = randomUUID();
      message.lockedUntil = now + (options.lockMs ?? DEFAULT_LOCK_MS);
      deliveries.push(this.delivery(queue, message, message.lockToken, options.lockMs ?? DEFAULT_LOCK_MS));
    }
    return deliveries;
  }

  async list(queue: string, max = 100): Promise<DeadLetter[]> {
    return (this.deadLetters.get(queue) ?? []).slice(0, max).map((d) => ({ ...d }));
  }

  async resubmit(queue: string, messageId: string): Promise<boolean> {
    const letters = this.deadLetters.get(queue) ?? [];
    const index = letters.findIndex((d) => d.messageId === messageId);
    if (index < 0) return false;
    const [letter] = letters.splice(index, 1);
    await this.send(queue, [{ messageId: letter.messageId, body: letter.body, applicationProperties: letter.applicationProperties }]);
    return true;
  }

  /** Messages waiting or locked in `queue` (not dead letters). */
  depth(queue: string): number {
    return this.queue(queue).length;
  }

  private queue(name: string): Stored[] {
    let list = this.queues.get(name);
    if (!list) this.queues.set(name, (list = []));
    return list;
  }

  private delivery(queue: string, message: Stored, lockToken: string, lockMs: number): Delivery {
    const holdsLock = (action: string): void => {
      if (message.lockToken !== lockToken || !this.queue(queue).includes(message)) {
        throw new Error(`cannot ${action} message ${message.messageId}: the lock was lost (MessageLockLost)`);
      }
    };
    const release = (): void => {
      message.lockToken = '';
      message.lockedUntil = 0;
    };
    const deadLetter = async (reason: string, errorDescription: string): Promise<void> => {
      holdsLock('dead-letter');
      this.moveToDeadLetter(queue, message, reason, errorDescription);
    };
    return {
      messageId: message.messageId,
      body: JSON.parse(JSON.stringify(message.body)) as unknown,
      applicationProperties: { ...message.applicationProperties },
      deliveryCount: message.deliveryCount,
      enqueuedTimeUtc: message.enqueuedTimeUtc,
      complete: async () => {
        holdsLock('complete');
        this.queues.set(queue, this.queue(queue).filter((m) => m !== message));
      },
      abandon: async (errorDescription = 'abandoned') => {
        holdsLock('abandon');
        if (message.deliveryCount >= this.maxDeliveryCount) return deadLetter('MaxDeliveryCountExceeded', errorDescription);
        release();
      },
      deadLetter,
      renewLock: async () => {
        holdsLock('renew the lock of');
        message.lockedUntil = this.now().getTime() + lockMs;
      },
    };
  }

  private moveToDeadLetter(queue: string, message: Stored, reason: string, errorDescription: string): void {
    this.queues.set(queue, this.queue(queue).filter((m) => m !== message));
    const letters = this.deadLetters.get(queue) ?? [];
    letters.push({
      messageId: message.messageId,
      body: message.body,
      applicationProperties: { ...message.applicationProperties },
      deliveryCount: message.deliveryCount,
      enqueuedTimeUtc: message.enqueuedTimeUtc,
      deadLetterReason: reason,
      deadLetterErrorDescription: errorDescription.slice(0, 4096),
    });
    this.deadLetters.set(queue, letters);
  }
}
