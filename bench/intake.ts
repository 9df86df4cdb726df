/**
 * intake benchmark (docs/contracts.md, Benchmarks and the chaos suite): ORDER_CHANGE notifications POSTed to `/api/amazon/notifications` with a fixed
 * number in flight; requests per second and latency percentiles of the 202s. order-to-cash is paused (kill switch) so
 * the orchestrations started behind the endpoint do not call Amazon; `lost` counts notifications answered 202 whose
 * order orchestration never appeared, plus requests not answered 202.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { assertNoModelViolations, startSandbox } from '../local/sandbox/sandbox';
import { memorySink } from '../local/host';
import { round } from './process-meter';

export interface IntakeOptions {
  requests?: number;
  concurrency?: number;
  appFiles?: string[];
  connectionString?: string;
}

export interface IntakeResult {
  scenario: 'intake';
  requests: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  lost: number;
}

export async function runIntakeBench(opts: IntakeOptions = {}): Promise<IntakeResult> {
  const requests = opts.requests ?? 1000;
  const concurrency = opts.concurrency ?? 16;
  const sandbox = await startSandbox({
    taskHub: `intake${randomBytes(3).toString('hex')}`, appFiles: opts.appFiles, connectionString: opts.connectionString, sink: memorySink(),
    env: { PAUSED_FLOWS: 'order-to-cash' },
  });
  try {
    const orderIds = Array.from({ length: requests }, (_, i) => `902-${String(1000000 + i)}-${randomBytes(4).readUInt32BE(0).toString().padStart(7, '0').slice(0, 7)}`);
    const latencies: number[] = [];
    const accepted: string[] = [];
    let next = 0;
    const started = performance.now();
    const worker = async (): Promise<void> => {
      while (next < orderIds.length) {
        const orderId = orderIds[next++]!;
        const t0 = performance.now();
        const res = await fetch(`${sandbox.url}/api/amazon/notifications`, {
          method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': sandbox.intakeKey }, body: JSON.stringify(notification(sandbox.sellerId, orderId)),
        });
        await res.arrayBuffer();
        latencies.push(performance.now() - t0);
        if (res.status === 202) accepted.push(orderId);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, () => worker()));
    const seconds = (performance.now() - started) / 1000;
    await sandbox.host.whenIdle({ timeoutMs: 120_000 });
    let reached = 0;
    for (const orderId of accepted) {
      const res = await fetch(`${sandbox.url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(`o2c:${sandbox.sellerId}:${orderId}`)}`, { headers: { 'x-functions-key': sandbox.host.keys.masterKey } });
      await res.arrayBuffer();
      if (res.ok) reached += 1;
    }
    latencies.sort((a, b) => a - b);
    assertNoModelViolations(sandbox.amazon);
    return {
      scenario: 'intake',
      requests,
      requestsPerSecond: round(requests / seconds, 1),
      p50Ms: round(percentile(latencies, 0.5), 1),
      p99Ms: round(percentile(latencies, 0.99), 1),
      lost: requests - reached,
    };
  } finally {
    await sandbox.stop();
  }
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!;
}

/** A raw ORDER_CHANGE notification (schemas/notifications/OrderChangeNotification.json shape), one per order. */
function notification(sellerId: string, orderId: string): Record<string, unknown> {
  const now = new Date().toISOString();
  return {
    NotificationVersion: '1.0', NotificationType: 'ORDER_CHANGE', PayloadVersion: '1.0', EventTime: now,
    Payload: {
      OrderChangeNotification: {
        NotificationLevel: 'OrderLevel', SellerId: sellerId, AmazonOrderId: orderId, OrderChangeType: 'OrderStatusChange',
        OrderChangeTrigger: { TimeOfOrderChange: now, ChangeReason: 'NewOrder' },
        Summary: { MarketplaceId: 'ATVPDKIKX0DER', OrderStatus: 'Unshipped', PurchaseDate: now, FulfillmentType: 'MFN', OrderType: 'StandardOrder', NumberOfItemsShipped: 0, NumberOfItemsUnshipped: 1, OrderPrograms: [], OrderItems: [] },
      },
    },
    NotificationMetadata: { ApplicationId: 'amzn1.sellerapps.app.bench', SubscriptionId: randomUUID(), PublishTime: now, NotificationId: randomUUID() },
  };
}
