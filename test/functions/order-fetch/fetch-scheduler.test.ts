/**
 * The fetch planner's scheduler keeps its work inside the invocations that announce the orders: when the last
 * announcement's invocation has returned, every announced order has been handed over, even when a planner run failed
 * once or an earlier process left orders waiting. (Work on a process timer is invisible to the host, and Azure may
 * freeze an instance between invocations.)
 */
import type { DurableClient } from 'durable-functions';
import type { StoredWaitingOrder, WaitingOrder } from '../../../connectors/storage';
import { DEFAULT_FETCH_OPTIONS } from '../../../functions/order-fetch/fetch-planner';
import { OrderFetchScheduler, type Announcement } from '../../../functions/order-fetch/fetch-scheduler';
import type { Dependencies } from '../../../functions/runtime/dependencies';
import type { LogSink } from '../../../functions/runtime/structured-log';

const SELLER = 'A1SELLER';
const MARKETPLACE = 'ATVPDKIKX0DER';
const QUEUE = `${SELLER}|NA`;
/** The scheduler's pauses, shortened: no real waiting in these specs. */
const TIMING = { collectMs: 0, retryInInvocationMs: [0, 0], retryMs: 30_000 };

/** The waiting table, in memory. */
class FakeWaitingOrders {
  readonly rows = new Map<string, StoredWaitingOrder>();
  private version = 0;

  async add(queue: string, order: WaitingOrder): Promise<void> {
    expect(queue).toBe(QUEUE);
    this.rows.set(order.amazonOrderId, { ...order, etag: `e${++this.version}` });
  }

  async list(): Promise<StoredWaitingOrder[]> {
    return [...this.rows.values()];
  }

  async remove(_queue: string, rows: readonly StoredWaitingOrder[]): Promise<void> {
    for (const row of rows) if (this.rows.get(row.amazonOrderId)?.etag === row.etag) this.rows.delete(row.amazonOrderId);
  }
}

/** Durable's client as far as start-or-signal uses it; `failStarts` start calls fail (a storage timeout) before the others pass. */
class FakeDurable {
  readonly started = new Set<string>();
  private calls = 0;
  constructor(private readonly failStarts: Set<number> = new Set()) {}

  readonly client = {
    getStatus: async (): Promise<never> => { throw new Error('no instance'); },
    raiseEvent: async (): Promise<void> => undefined,
    startNew: async (_name: string, options: { instanceId: string }): Promise<string> => {
      if (this.failStarts.has(++this.calls)) throw new Error('storage timeout');
      this.started.add(options.instanceId);
      return options.instanceId;
    },
  } as unknown as DurableClient;
}

function scheduler(waiting: FakeWaitingOrders): OrderFetchScheduler {
  const deps = {
    sellers: [{ sellerId: SELLER, region: 'NA', marketplaceIds: [MARKETPLACE] }],
    settings: { SPAPI_RATE_TIME_SCALE: 1 },
    waitingOrders: waiting,
  } as unknown as Dependencies;
  return new OrderFetchScheduler(deps, DEFAULT_FETCH_OPTIONS, TIMING);
}

const log: LogSink = Object.assign(() => undefined, { info: () => undefined, warn: () => undefined, error: () => undefined }) as unknown as LogSink;

function announcement(i: number): Announcement {
  return { sellerId: SELLER, amazonOrderId: `111-0000000-${String(i).padStart(7, '0')}`, marketplaceId: MARKETPLACE, trigger: `n-${i}`, changedAt: '2026-12-07T12:00:00Z' };
}

const instanceOf = (a: Announcement): string => `o2c:${SELLER}:${a.amazonOrderId}`;

describe('fetch planner scheduler', () => {
  it('retries a failed planner run inside the leading invocation: when the announcements are done, every order was handed over', async () => {
    const waiting = new FakeWaitingOrders();
    // The first ten are handed over at once (a quiet seller); the 11th start is the planner's first, and it fails.
    const durable = new FakeDurable(new Set([11]));
    const plan = scheduler(waiting);
    const announced = Array.from({ length: 15 }, (_, i) => announcement(i));

    const results = await Promise.all(announced.map((a) => plan.announce(durable.client, a, log)));

    expect(results.filter((r) => r === 'queued')).toHaveLength(5);
    expect([...durable.started].sort()).toEqual(announced.map(instanceOf).sort());
    expect(waiting.rows.size).toBe(0);
  });

  it('hands over the orders an earlier process left waiting within the next announcement, not on a later timer', async () => {
    const waiting = new FakeWaitingOrders();
    const left = [announcement(1), announcement(2)];
    for (const a of left) await waiting.add(QUEUE, { amazonOrderId: a.amazonOrderId, marketplaceId: MARKETPLACE, changedAt: a.changedAt!, trigger: a.trigger });
    const durable = new FakeDurable();
    const plan = scheduler(waiting);
    const next = announcement(3);

    await plan.announce(durable.client, next, log);

    expect([...durable.started].sort()).toEqual([...left, next].map(instanceOf).sort());
    expect(waiting.rows.size).toBe(0);
  });
});
