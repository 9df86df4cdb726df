/** One contract, three transports: Storage queues on Azurite, the in-memory fake, and Service Bus when a namespace is configured. */
import { randomUUID } from 'node:crypto';
import {
  InMemoryQueue, ServiceBusDeadLetterQueue, ServiceBusQueueReceiver, ServiceBusQueueSender, StorageDeadLetterQueue, StorageQueueReceiver, StorageQueueSender,
  type DeadLetterQueue, type QueueReceiver, type QueueSender,
} from '../../../connectors/messaging';
import { QueueServiceClient } from '@azure/storage-queue';
import { storageQueueName } from '../../../connectors/messaging/storage-queue-names';
import { azuriteConnectionString, uniqueName } from '../../support/storage';

interface Transport {
  sender: QueueSender;
  receiver: QueueReceiver;
  deadLetters: DeadLetterQueue;
  /** A queue no other case uses (Service Bus: the configured test queue, drained first). */
  freshQueue(): Promise<string>;
  close(): Promise<void>;
}

const MAX_DELIVERIES = 3;

const transports: Array<[string, (() => Transport) | undefined]> = [
  ['Storage queues on Azurite', () => {
    const cs = azuriteConnectionString();
    return {
      sender: new StorageQueueSender(cs),
      receiver: new StorageQueueReceiver(cs, { maxDeliveryCount: MAX_DELIVERIES }),
      deadLetters: new StorageDeadLetterQueue(cs),
      freshQueue: async () => uniqueName('contract'),
      close: async () => undefined,
    };
  }],
  ['the in-memory fake', () => {
    const queue = new InMemoryQueue({ maxDeliveryCount: MAX_DELIVERIES });
    return { sender: queue, receiver: queue, deadLetters: queue, freshQueue: async () => uniqueName('contract'), close: async () => undefined };
  }],
  ['Service Bus', process.env.SERVICEBUS_CONNECTION_STRING ? () => {
    const connection = { connectionString: process.env.SERVICEBUS_CONNECTION_STRING ?? '' };
    const queue = process.env.SERVICEBUS_TEST_QUEUE ?? 'm3sync-contract';
    const receiver = new ServiceBusQueueReceiver(connection, { maxDeliveryCount: MAX_DELIVERIES });
    const sender = new ServiceBusQueueSender(connection);
    return {
      sender, receiver, deadLetters: new ServiceBusDeadLetterQueue(connection),
      freshQueue: async () => {
        for (let batch = await receiver.receive(queue, { max: 32 }); batch.length > 0; batch = await receiver.receive(queue, { max: 32 })) {
          await Promise.all(batch.map((d) => d.complete()));
        }
        return queue;
      },
      close: async () => { await sender.close(); await receiver.close(); },
    };
  } : undefined],
];

for (const [name, make] of transports) {
  if (!make) {
    describe(`the queue contract on ${name}`, () => {
      it.skip('is skipped: set SERVICEBUS_CONNECTION_STRING (and SERVICEBUS_TEST_QUEUE, a queue with MaxDeliveryCount ≥ 3) to run it', () => undefined);
    });
    continue;
  }

  describe(`the queue contract on ${name}`, () => {
    let t: Transport;
    beforeAll(() => { t = make(); });
    afterAll(async () => { await t.close(); });

    it('delivers what was sent, with its id, JSON body and application properties, as delivery 1', async () => {
      const queue = await t.freshQueue();
      const messageId = randomUUID();
      await t.sender.send(queue, [{ messageId, body: { orderId: '113-1', lines: [1, 2] }, applicationProperties: { kind: 'ORDER_CHANGE', attempt: 1, urgent: true } }]);
      const [delivery] = await t.receiver.receive(queue);
      expect(delivery.messageId).toBe(messageId);
      expect(delivery.body).toEqual({ orderId: '113-1', lines: [1, 2] });
      expect(delivery.applicationProperties).toMatchObject({ kind: 'ORDER_CHANGE', attempt: 1, urgent: true });
      expect(delivery.deliveryCount).toBe(1);
      expect(Number.isNaN(Date.parse(delivery.enqueuedTimeUtc))).toBe(false);
      await delivery.complete();
    });

    it('does not deliver a completed message again', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: randomUUID(), body: 'once' }]);
      const [delivery] = await t.receiver.receive(queue);
      await delivery.complete();
      expect(await t.receiver.receive(queue)).toHaveLength(0);
    });

    it('hides a locked message from other receivers until it is settled', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: randomUUID(), body: 'locked' }]);
      const [delivery] = await t.receiver.receive(queue);
      expect(await t.receiver.receive(queue)).toHaveLength(0);
      await delivery.renewLock();
      await delivery.complete();
    });

    it('redelivers an abandoned message with the delivery count raised', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: 'again', body: { n: 1 } }]);
      const [first] = await t.receiver.receive(queue);
      await first.abandon('handler threw');
      const [second] = await t.receiver.receive(queue);
      expect(second.messageId).toBe('again');
      expect(second.deliveryCount).toBe(2);
      await second.complete();
    });

    it('dead-letters a message after the max delivery count, keeps it inspectable and stops delivering it', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: 'poison-1', body: { bad: true }, applicationProperties: { kind: 'BOD' } }]);
      for (let attempt = 1; attempt <= MAX_DELIVERIES; attempt++) {
        const [delivery] = await t.receiver.receive(queue);
        expect(delivery.deliveryCount).toBe(attempt);
        await delivery.abandon(`PermanentError: attempt ${attempt} failed`);
      }
      expect(await t.receiver.receive(queue)).toHaveLength(0);
      const letters = await t.deadLetters.list(queue);
      const letter = letters.find((l) => l.messageId === 'poison-1');
      expect(letter).toMatchObject({
        body: { bad: true }, applicationProperties: { kind: 'BOD' }, deliveryCount: MAX_DELIVERIES,
        deadLetterReason: 'MaxDeliveryCountExceeded', deadLetterErrorDescription: `PermanentError: attempt ${MAX_DELIVERIES} failed`,
      });
    });

    it('dead-letters on request with the given reason', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: 'unreadable', body: '<not json' }]);
      const [delivery] = await t.receiver.receive(queue);
      await delivery.deadLetter('InvalidPayload', 'body is not a notification');
      const letters = await t.deadLetters.list(queue);
      expect(letters.find((l) => l.body === '<not json')).toMatchObject({ deadLetterReason: 'InvalidPayload', deadLetterErrorDescription: 'body is not a notification' });
    });

    it('resubmits a dead letter onto its queue with a fresh delivery count, and reports an unknown id as false', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, [{ messageId: 'redrive-me', body: { sku: 'A-1' }, applicationProperties: { kind: 'BOD' } }]);
      const [delivery] = await t.receiver.receive(queue);
      await delivery.deadLetter('SKU_NOT_FOUND', 'A-1 has no M3 item');
      expect(await t.deadLetters.resubmit(queue, 'no-such-message')).toBe(false);
      expect(await t.deadLetters.resubmit(queue, 'redrive-me')).toBe(true);
      expect((await t.deadLetters.list(queue)).some((l) => l.messageId === 'redrive-me')).toBe(false);
      const [again] = await t.receiver.receive(queue);
      expect(again.body).toEqual({ sku: 'A-1' });
      expect(again.applicationProperties).toMatchObject({ kind: 'BOD' });
      expect(again.deliveryCount).toBe(1);
      await again.complete();
    });

    it('lists more dead letters than one peek returns', async () => {
      const queue = await t.freshQueue();
      await t.sender.send(queue, Array.from({ length: 40 }, (_, i) => ({ messageId: `dl-${i}`, body: i })));
      for (let left = 40; left > 0;) {
        const batch = await t.receiver.receive(queue, { max: 32 });
        await Promise.all(batch.map((d) => d.deadLetter('Test', 'bulk')));
        left -= batch.length;
      }
      expect(await t.deadLetters.list(queue, 100)).toHaveLength(40);
      expect(await t.deadLetters.list(queue, 5)).toHaveLength(5);
      // Listing leaves them in place, so a second listing sees them all again.
      expect(await t.deadLetters.list(queue, 100)).toHaveLength(40);
    });
  });
}

describe('the Storage queue sender', () => {
  it('refuses a message over the 64 KiB queue limit with a permanent MESSAGE_TOO_LARGE error and sends nothing of the batch', async () => {
    const cs = azuriteConnectionString();
    const queue = uniqueName('toolarge');
    const sender = new StorageQueueSender(cs);
    const huge = { text: 'x'.repeat(60 * 1024) };
    await expect(sender.send(queue, [{ messageId: 'small', body: 1 }, { messageId: 'huge', body: huge }]))
      .rejects.toMatchObject({ kind: 'permanent', code: 'MESSAGE_TOO_LARGE' });
    expect(await new StorageQueueReceiver(cs).receive(queue, { max: 32 })).toHaveLength(0);
  });

  it('maps a Service Bus style queue name onto a valid Storage queue name', async () => {
    const cs = azuriteConnectionString();
    const suffix = uniqueName('x');
    await new StorageQueueSender(cs).send(`Amazon.Events_${suffix}`, [{ messageId: 'm', body: 1 }]);
    const [delivery] = await new StorageQueueReceiver(cs).receive(`amazon-events-${suffix}`);
    expect(delivery.messageId).toBe('m');
  });
});

describe('the Storage queue receiver with messages near the 64 KiB limit', () => {
  const cs = () => azuriteConnectionString();
  const nearLimit = { text: 'n'.repeat(46 * 1024) };

  it('dead-letters a message that only just fitted the queue, long error description and all, and keeps it re-drivable', async () => {
    const queue = uniqueName('nearlimit');
    await new StorageQueueSender(cs()).send(queue, [{ messageId: 'big-poison', body: nearLimit }]);
    const receiver = new StorageQueueReceiver(cs(), { maxDeliveryCount: 2 });
    for (let attempt = 1; attempt <= 2; attempt++) {
      const [delivery] = await receiver.receive(queue);
      await delivery!.abandon(`PermanentError: ${'why '.repeat(1000)}`);
    }
    expect(await receiver.receive(queue)).toHaveLength(0);
    const dead = new StorageDeadLetterQueue(cs());
    const [letter] = await dead.list(queue);
    expect(letter).toMatchObject({ messageId: 'big-poison', body: nearLimit, deadLetterReason: 'MaxDeliveryCountExceeded' });
    expect(await dead.resubmit(queue, 'big-poison')).toBe(true);
    const [again] = await receiver.receive(queue);
    expect(again!.body).toEqual(nearLimit);
  });

  it('still delivers the rest of a batch when moving one expired message to the dead-letter queue fails', async () => {
    const queue = uniqueName('stuck');
    await new StorageQueueSender(cs()).send(queue, [{ messageId: 'expired', body: 1 }]);
    // A host that crashed on the last allowed delivery: its lock has run out (made visible at once here, instead of
    // waiting), and the next receive sees a dequeue count past the maximum.
    const raw = QueueServiceClient.fromConnectionString(cs()).getQueueClient(storageQueueName(queue));
    const [first] = (await raw.receiveMessages({ visibilityTimeout: 30 })).receivedMessageItems;
    await raw.updateMessage(first!.messageId, first!.popReceipt, first!.messageText, 0);
    await new StorageQueueSender(cs()).send(queue, [{ messageId: 'healthy', body: 2 }]);
    const failing = new StorageQueueReceiver(cs(), { maxDeliveryCount: 1 });
    // The dead-letter queue cannot be written: a failing stand-in replaces its client.
    Reflect.set(failing, 'clients', { get: async (name: string) => {
      const real = await Reflect.get(new StorageQueueReceiver(cs()), 'clients').get(name);
      return name.endsWith('-deadletter') ? { ...real, name, sendMessage: async () => { throw Object.assign(new Error('unavailable'), { statusCode: 503 }); } } : real;
    } });
    const delivered = await failing.receive(queue, { max: 32 });
    expect(delivered.map((d) => d.messageId)).toEqual(['healthy']);
  });
});
