/**
 * Queue triggers on Azure Storage queues (Azurite), standing in for Service Bus (docs/design.md, Local runtime and simulators):
 * - `app.serviceBusQueue`: peek-lock via StorageQueueReceiver (visibility timeout = lock, renewed while the handler
 *   runs up to host.json maxAutoLockRenewalDuration; dequeueCount = deliveryCount; `<queue>-deadletter` after the max);
 *   wire format in connectors/messaging/storage-wire-format.ts.
 * - `app.storageQueue`: as the Functions storage-queue trigger: base64 text, JSON when it parses, `<queue>-poison` after
 *   host.json queues.maxDequeueCount.
 * A handler that throws → the message is redelivered; complete on success (autoCompleteMessages).
 */
import { QueueServiceClient, type QueueClient } from '@azure/storage-queue';
import type { TriggerMetadata } from '@azure/functions';
import { StorageQueueReceiver, decodeBase64, storageQueueName, type Delivery } from '../../connectors/messaging';
import { triggerOf, type FunctionRegistration } from './registrations';
import { createInvocationContext, type InvocationServices } from './invocation-context';
import { hostLog } from './log-sink';

export interface QueueFunctionOptions {
  connectionString: string;
  maxDeliveryCount: number;
  maxDequeueCount: number;
  maxConcurrentCalls: number;
  maxAutoLockRenewalMs: number;
  lockMs: number;
  services: InvocationServices;
}

interface Unit {
  /** Wire-level messages in this invocation (1, or a batch for cardinality "many"). */
  size: number;
  run(): Promise<void>;
}

interface Poller {
  registration: FunctionRegistration;
  storageQueue: string;
  receive(max: number): Promise<Unit[]>;
  batchSize: number;
}

const MIN_POLL_MS = 25;
const MAX_POLL_MS = 500;

export class QueueFunctions {
  private readonly pollers: Poller[] = [];
  private readonly service: QueueServiceClient;
  private running = false;
  private inFlight = 0;
  private readonly loops: Promise<void>[] = [];
  private wake: Array<() => void> = [];

  constructor(registrations: FunctionRegistration[], private readonly options: QueueFunctionOptions) {
    this.service = QueueServiceClient.fromConnectionString(options.connectionString);
    const receiver = new StorageQueueReceiver(options.connectionString, { maxDeliveryCount: options.maxDeliveryCount });
    for (const registration of registrations) {
      const trigger = triggerOf(registration);
      const queueName = String(trigger.queueName ?? '');
      const many = trigger.cardinality === 'many';
      if (trigger.type === 'serviceBusTrigger') {
        this.pollers.push({
          registration, storageQueue: storageQueueName(queueName), batchSize: many ? 32 : 1,
          receive: async (max) => {
            const deliveries = await receiver.receive(queueName, { max, lockMs: options.lockMs });
            if (deliveries.length === 0) return [];
            return many ? [this.serviceBusUnit(registration, deliveries, true)] : deliveries.map((d) => this.serviceBusUnit(registration, [d], false));
          },
        });
      } else if (trigger.type === 'queueTrigger') {
        const client = this.service.getQueueClient(queueName);
        this.pollers.push({ registration, storageQueue: queueName, batchSize: 1, receive: (max) => this.storageUnits(registration, client, max) });
      }
    }
  }

  queueNames(): string[] {
    return this.pollers.map((p) => p.storageQueue);
  }

  async start(): Promise<void> {
    await Promise.all(this.pollers.map((p) => this.service.getQueueClient(p.storageQueue).createIfNotExists()));
    this.running = true;
    for (const poller of this.pollers) this.loops.push(this.loop(poller));
  }

  async stop(): Promise<void> {
    this.running = false;
    this.nudge();
    await Promise.allSettled(this.loops);
  }

  /** Cuts every poller's back-off short (whenIdle calls it so a fresh message is picked up at once). */
  nudge(): void {
    const waiting = this.wake;
    this.wake = [];
    for (const resolve of waiting) resolve();
  }

  /** True when no handler runs and every trigger queue is empty (approximate count includes locked messages). */
  async isIdle(): Promise<boolean> {
    if (this.inFlight > 0) return false;
    for (const poller of this.pollers) {
      const properties = await this.service.getQueueClient(poller.storageQueue).getProperties();
      if ((properties.approximateMessagesCount ?? 0) > 0) return false;
    }
    return this.inFlight === 0;
  }

  busy(): number {
    return this.inFlight;
  }

  private async loop(poller: Poller): Promise<void> {
    let backoff = MIN_POLL_MS;
    let active = 0;
    while (this.running) {
      const capacity = this.options.maxConcurrentCalls - active;
      let units: Unit[] = [];
      if (capacity > 0) {
        try {
          units = await poller.receive(Math.min(32, capacity * poller.batchSize));
        } catch (error) {
          hostLog(this.options.services.sink, 'warning', `queue poll for '${poller.registration.name}' failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      for (const unit of units) {
        active++;
        this.inFlight++;
        void unit.run().finally(() => { active--; this.inFlight--; this.nudge(); });
      }
      if (units.length > 0) { backoff = MIN_POLL_MS; continue; }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, backoff);
        this.wake.push(() => { clearTimeout(timer); resolve(); });
      });
      backoff = Math.min(backoff * 2, MAX_POLL_MS);
    }
  }

  private serviceBusUnit(registration: FunctionRegistration, deliveries: Delivery[], many: boolean): Unit {
    const meta = (d: Delivery): Record<string, unknown> => ({
      messageId: d.messageId, deliveryCount: d.deliveryCount, enqueuedTimeUtc: d.enqueuedTimeUtc,
      applicationProperties: d.applicationProperties, userProperties: d.applicationProperties, contentType: 'application/json',
    });
    const triggerMetadata: TriggerMetadata = many
      ? {
          messageIdArray: deliveries.map((d) => d.messageId), deliveryCountArray: deliveries.map((d) => d.deliveryCount),
          enqueuedTimeUtcArray: deliveries.map((d) => d.enqueuedTimeUtc), applicationPropertiesArray: deliveries.map((d) => d.applicationProperties),
          userPropertiesArray: deliveries.map((d) => d.applicationProperties),
        }
      : meta(deliveries[0]);
    const input = many ? deliveries.map((d) => d.body) : deliveries[0].body;
    return {
      size: deliveries.length,
      run: async () => {
        const context = createInvocationContext(registration, this.options.services, triggerMetadata);
        const started = Date.now();
        // Keep the peek-lock while the handler runs, as the Service Bus extension auto-renews up to maxAutoLockRenewalDuration.
        const renew = setInterval(() => {
          if (Date.now() - started > this.options.maxAutoLockRenewalMs) return;
          for (const d of deliveries) void d.renewLock().catch(() => undefined);
        }, Math.max(1000, this.options.lockMs / 2));
        try {
          await registration.handler(input, context);
          clearInterval(renew);
          await Promise.all(deliveries.map((d) => d.complete()));
        } catch (error) {
          clearInterval(renew);
          const description = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
          hostLog(this.options.services.sink, 'error', `Executed '${registration.name}' (Failed): ${description}`, {
            function: registration.name, invocationId: context.invocationId, messageIds: deliveries.map((d) => d.messageId), deliveryCounts: deliveries.map((d) => d.deliveryCount),
          });
          await Promise.all(deliveries.map((d) => d.abandon(description).catch(() => undefined)));
        }
      },
    };
  }

  private async storageUnits(registration: FunctionRegistration, client: QueueClient, max: number): Promise<Unit[]> {
    const lockSeconds = Math.max(1, Math.ceil(this.options.lockMs / 1000));
    const items = (await client.receiveMessages({ numberOfMessages: Math.min(32, max), visibilityTimeout: lockSeconds })).receivedMessageItems;
    const poison = async (text: string): Promise<void> => {
      const queue = this.service.getQueueClient(`${client.name}-poison`);
      await queue.createIfNotExists();
      await queue.sendMessage(text, { messageTimeToLive: -1 });
    };
    const units: Unit[] = [];
    for (const item of items) {
      if (item.dequeueCount > this.options.maxDequeueCount) {
        await poison(item.messageText);
        await client.deleteMessage(item.messageId, item.popReceipt);
        continue;
      }
      const text = decodeBase64(item.messageText) ?? item.messageText;
      units.push({
        size: 1,
        run: async () => {
          const context = createInvocationContext(registration, this.options.services, {
            id: item.messageId, dequeueCount: item.dequeueCount, insertionTime: item.insertedOn.toISOString(),
            expirationTime: item.expiresOn.toISOString(), nextVisibleTime: item.nextVisibleOn.toISOString(), popReceipt: item.popReceipt,
          });
          try {
            await registration.handler(parseJsonOrText(text), context);
            await client.deleteMessage(item.messageId, item.popReceipt);
          } catch (error) {
            hostLog(this.options.services.sink, 'error', `Executed '${registration.name}' (Failed): ${error instanceof Error ? error.message : String(error)}`, { function: registration.name, invocationId: context.invocationId });
            if (item.dequeueCount >= this.options.maxDequeueCount) {
              await poison(item.messageText).then(() => client.deleteMessage(item.messageId, item.popReceipt)).catch(() => undefined);
            } else {
              await client.updateMessage(item.messageId, item.popReceipt, item.messageText, 0).catch(() => undefined);
            }
          }
        },
      });
    }
    return units;
  }
}

function parseJsonOrText(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
