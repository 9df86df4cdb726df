/**
 * Load: 500 concurrent requests to each intake endpoint on loopback, valid and invalid mixed → every valid
 * message accepted and processed once, every invalid one refused; intake latency p50/p99 measured and printed only.
 */
import { QueueServiceClient } from '@azure/storage-queue';
import { generateOrders } from '../../local/sim/amazon/order-generator';
import { shipmentBod } from '../../local/sandbox/shipment-bod';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, postJson, startTestSandbox, type SimM3Order } from '../e2e/sandbox-support';
import { notificationFor, type AmazonOrder } from '../e2e/order-fixtures';

const SKUS = ['SKU-0001', 'SKU-0002', 'SKU-0003'];
const REQUESTS = 500;
const VALID = 100;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}

describe('intake under load', () => {
  let sandbox: Sandbox;
  beforeAll(async () => {
    sandbox = await startTestSandbox({ amazon: { notifyUrl: undefined } });
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  async function fire(path: string, bodies: Array<{ body: string; type: string; valid: boolean }>): Promise<{ statuses: Map<boolean, number[]>; ms: number[] }> {
    const statuses = new Map<boolean, number[]>([[true, []], [false, []]]);
    const ms: number[] = [];
    await Promise.all(bodies.map(async ({ body, type, valid }) => {
      const started = process.hrtime.bigint();
      const response = await fetch(`${sandbox.url}${path}`, { method: 'POST', headers: { 'content-type': type, 'x-api-key': sandbox.intakeKey }, body });
      await response.text();
      ms.push(Number(process.hrtime.bigint() - started) / 1e6);
      statuses.get(valid)!.push(response.status);
    }));
    process.stdout.write(`load ${path}: ${bodies.length} concurrent requests, p50 ${percentile(ms, 0.5).toFixed(1)} ms, p99 ${percentile(ms, 0.99).toFixed(1)} ms\n`);
    return { statuses, ms };
  }

  it('accepts each valid notification once, refuses every invalid one, and creates each order once', async () => {
    const orders = generateOrders({ seed: 808, count: VALID, skus: SKUS, marketplaceIds: ['ATVPDKIKX0DER'], pendingRate: 0, cancelledRate: 0 }) as AmazonOrder[];
    for (const order of orders) await postJson(`${sandbox.amazon.url}/_sim/orders`, order);
    const invalid = ['{', '[]', '{"NotificationType": 5}', JSON.stringify({ NotificationType: 'ORDER_CHANGE', NotificationMetadata: {} })];
    const bodies = Array.from({ length: REQUESTS }, (_, i) => (i % 5 === 0
      ? { body: JSON.stringify(notificationFor(orders[i / 5]!, sandbox.sellerId, `load-${i / 5}`)), type: 'application/json', valid: true }
      : { body: invalid[i % invalid.length]!, type: 'application/json', valid: false }));
    const { statuses } = await fire('/api/amazon/notifications', bodies);
    expect(statuses.get(true)!.filter((s) => s === 202)).toHaveLength(VALID);
    expect(statuses.get(false)!.every((s) => s === 400)).toBe(true);
    await sandbox.host.whenIdle({ timeoutMs: 300_000 });
    const created = (await getJson<SimM3Order[]>(`${sandbox.m3.url}/_sim/orders`)).filter((o) => orders.some((a) => a.orderId === o.CUOR));
    expect(created).toHaveLength(VALID);
    expect(new Set(created.map((o) => o.CUOR)).size).toBe(VALID);
  }, 400_000);

  it('accepts each valid BOD once, refuses every invalid one, and leaves nothing queued or dead-lettered', async () => {
    const bod = (i: number): string => shipmentBod({
      bodId: `load-bod-${i}`, deliveryNumber: `LD${i}`, variation: 1, warehouse: 'A10', shippedAt: '2026-03-02T10:00:00Z',
      carrier: { code: 'UPS', name: 'United Parcel Service' },
      packages: [{ id: `P${i}`, trackingNumber: `1Z${i}`, lines: [{ itemNumber: 'SKU-0001', quantity: 1, orderNumber: `9${String(i).padStart(6, '0')}`, orderLine: '1', customerOrderRef: `999-0000000-${String(i).padStart(7, '0')}` }] }],
    });
    const invalid = ['<not-closed>', 'plain text', '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>', '<SyncShipment xmlns="http://schema.infor.com/InforOAGIS/2"/>'];
    const bodies = Array.from({ length: REQUESTS }, (_, i) => (i % 5 === 0
      ? { body: bod(i / 5), type: 'application/xml', valid: true }
      : { body: invalid[i % invalid.length]!, type: 'application/xml', valid: false }));
    const { statuses } = await fire('/api/ion/bods', bodies);
    expect(statuses.get(true)!.filter((s) => s === 202)).toHaveLength(VALID);
    expect(statuses.get(false)!.every((s) => s === 400)).toBe(true);
    await sandbox.host.whenIdle({ timeoutMs: 300_000 });
    const queues = QueueServiceClient.fromConnectionString(sandbox.connectionString);
    for await (const queue of queues.listQueues()) {
      if (!/^(ion-bods|amazon-events)(-deadletter)?$/.test(queue.name)) continue;
      const left = await queues.getQueueClient(queue.name).peekMessages({ numberOfMessages: 32 });
      expect({ queue: queue.name, left: left.peekedMessageItems.length }).toEqual({ queue: queue.name, left: 0 });
    }
  }, 400_000);
});
