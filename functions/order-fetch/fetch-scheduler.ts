/**
 * When the fetch planner runs, per process: an announced order (ORDER_CHANGE) is handed over at once while its
 * seller × region is quiet (a few orders: one getOrder each, as before). When announcements come faster, they are
 * noted in the waiting table and one planner run a moment later reads them together (by searchOrders pages when
 * enough wait). Runs of one seller × region never overlap in a process. The `o2c-fetch-planner` timer runs every
 * seller × region once a minute, which picks up rows a crashed run left, and deletes stale order claim checks.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import { RATE_LIMITS, regionOfMarketplace } from '../../connectors/amazon';
import { TokenBucket } from '../../connectors/amazon';
import type { SellerSetting } from '../app-settings';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { startOrSignalOrder } from '../order-to-cash/start-order';
import { itemLookupOf } from '../order-to-cash/activities';
import { resolveSkus } from '../order-to-cash/resolve-skus';
import { reasonToSkip } from '../order-to-cash/sweep';
import { HandedOverOrders } from './handed-over-orders';
import { DEFAULT_FETCH_OPTIONS, queueName, runFetchPlan, seenKey, type FetchOptions, type FetchPorts, type FetchSummary, type FetchTarget, type PlannerMemory, type UnfinishedSearch } from './fetch-planner';

export const FETCH_PLANNER_TIMER = 'o2c-fetch-planner';
/** Every minute (NCRONTAB, 6 fields). */
export const FETCH_PLANNER_SCHEDULE = '0 * * * * *';
/** Announcements within this window are counted to tell a quiet seller from a burst. */
const BURST_WINDOW_MS = 5000;
/** Up to this many announcements per window are handed over at once (getOrder's burst is 30; leave room). */
const DIRECT_PER_WINDOW = 10;
/** A burst is collected this long before a run, so one run sees many waiting orders. */
const COLLECT_MS = 1500;
/** A failed run is tried again inside the invocation that leads it, after these pauses (the host sees the work). */
const RETRY_IN_INVOCATION_MS = [1000, 4000];
/** The last resort for a run that failed every time, or one no invocation leads: a process timer (the minute timer follows). */
const RETRY_MS = 30_000;
/** getOrder tokens left for retries and other callers (the governor keeps its own reserve on top). */
const GET_ORDER_RESERVE = 5;
/** A claim check older than this was never read (its hand-over crashed); its order is fetched again if needed. */
const CLAIM_CHECK_MAX_AGE_MS = 60 * 60 * 1000;
const CLEANUP_EVERY_MS = 15 * 60 * 1000;

export interface Announcement {
  sellerId: string;
  amazonOrderId: string;
  marketplaceId?: string;
  trigger: string;
  /** Amazon's time of the change (ISO); the notification's TimeOfOrderChange or EventTime. */
  changedAt?: string;
}

export type AnnounceResult = 'started' | 'signaled' | 'queued' | 'covered';

/** The scheduler's pauses; tests shorten them. */
export interface SchedulerTiming {
  collectMs: number;
  retryInInvocationMs: readonly number[];
  retryMs: number;
}

export const DEFAULT_SCHEDULER_TIMING: SchedulerTiming = { collectMs: COLLECT_MS, retryInInvocationMs: RETRY_IN_INVOCATION_MS, retryMs: RETRY_MS };

interface TargetState {
  target: FetchTarget;
  recent: number[];
  timer?: ReturnType<typeof setTimeout>;
  running?: Promise<FetchSummary | undefined>;
  again: boolean;
  /** An invocation is collecting and running this seller × region's plan. */
  leading?: boolean;
  /** Whether this process has looked for rows an earlier process left (a crash before its run). */
  resumed: boolean;
  /** The last run failed (its rows stay waiting). */
  failed?: boolean;
}

export class OrderFetchScheduler {
  readonly seen = new HandedOverOrders();
  private readonly searchedUpTo = new Map<string, string>();
  private readonly unfinishedSearch = new Map<string, UnfinishedSearch>();
  /** This process's estimate of each seller's getOrder bucket (the shared governor holds the real one). */
  private readonly getOrderBuckets = new Map<string, TokenBucket>();
  private readonly states = new Map<string, TargetState>();
  private client?: DurableClient;
  private log?: LogSink;
  private lastCleanup = 0;

  constructor(readonly deps: Dependencies, private readonly options: FetchOptions = DEFAULT_FETCH_OPTIONS, private readonly timing: SchedulerTiming = DEFAULT_SCHEDULER_TIMING) {}

  private memory(): PlannerMemory {
    return {
      seen: this.seen,
      searchedUpTo: this.searchedUpTo,
      unfinishedSearch: this.unfinishedSearch,
      promptGetOrders: (queue) => Math.max(0, Math.floor(this.bucketOf(queue).available(Date.now())) - GET_ORDER_RESERVE),
      spentGetOrders: (queue, count) => { for (let i = 0; i < count; i++) this.bucketOf(queue).tryTake(Date.now()); },
    };
  }

  private bucketOf(queue: string): TokenBucket {
    let bucket = this.getOrderBuckets.get(queue);
    if (!bucket) {
      const limit = RATE_LIMITS.getOrder;
      bucket = new TokenBucket({ rate: limit.rate * this.deps.settings.SPAPI_RATE_TIME_SCALE, burst: limit.burst }, Date.now());
      this.getOrderBuckets.set(queue, bucket);
    }
    return bucket;
  }

  /** An order was announced: hand it over now (quiet), note it for the next run (burst), or drop it (covered). */
  async announce(client: DurableClient, a: Announcement, log: LogSink): Promise<AnnounceResult> {
    this.client = client;
    this.log = log;
    const changedAt = a.changedAt && !Number.isNaN(Date.parse(a.changedAt)) ? a.changedAt : new Date().toISOString();
    const key = seenKey(a.sellerId, a.amazonOrderId);
    if (this.seen.covers(key, changedAt)) return 'covered';
    const target = targetOf(this.deps.sellers, a.sellerId, a.marketplaceId);
    const state = target ? this.stateOf(target) : undefined;
    // Rows an earlier process left (it crashed before its run) are read with this announcement, in this invocation.
    const leftovers = state && !state.resumed ? await this.hasLeftovers(state) : false;
    if (!state || (this.isQuiet(state) && !leftovers)) {
      // Not noted as seen: nothing here shows what Amazon will answer, so a later announcement is always handed over.
      const how = await startOrSignalOrder(client, { sellerId: a.sellerId, amazonOrderId: a.amazonOrderId, trigger: a.trigger, marketplaceId: a.marketplaceId });
      if (state) this.memory().spentGetOrders(queueName(state.target), 1);
      return how;
    }
    await this.deps.waitingOrders.add(queueName(state.target), { amazonOrderId: a.amazonOrderId, marketplaceId: a.marketplaceId, changedAt, trigger: a.trigger });
    if (state.leading || state.timer) {
      if (state.running) state.again = true;
      return 'queued';
    }
    // The first announcement of a burst leads: its invocation collects the others for a moment, then runs the plan
    // (again while more arrive, and again after a short pause when a run fails), so the work stays inside an
    // invocation the host can see and wait for, and that Azure does not freeze.
    state.leading = true;
    let retries = 0;
    try {
      await pause(this.timing.collectMs);
      do {
        state.again = false;
        while (state.running) await state.running;
        await this.run(state);
        if (state.failed) {
          const wait = this.timing.retryInInvocationMs[retries++];
          // Every retry failed too: the rows stay waiting for the timer's retry (and the minute timer).
          if (wait === undefined) { this.arm(state, this.timing.retryMs); break; }
          await pause(wait);
          state.again = true;
        }
      } while (state.again && !state.timer);
    } finally {
      state.leading = false;
    }
    return 'queued';
  }

  /** Runs every seller × region now (the timer; tests). A run in progress is waited for, then run again. */
  async runAll(client: DurableClient, log: LogSink): Promise<FetchSummary[]> {
    this.client = client;
    this.log = log;
    const summaries: FetchSummary[] = [];
    for (const seller of this.deps.sellers) {
      const state = this.stateOf({ sellerId: seller.sellerId, region: seller.region, marketplaceIds: seller.marketplaceIds });
      if (state.timer) { clearTimeout(state.timer); state.timer = undefined; }
      while (state.running) await state.running;
      const summary = await this.run(state);
      if (summary) summaries.push(summary);
    }
    if (Date.now() - this.lastCleanup > CLEANUP_EVERY_MS) {
      this.lastCleanup = Date.now();
      const deleted = await this.deps.orderClaimChecks.deleteOlderThan(new Date(Date.now() - CLAIM_CHECK_MAX_AGE_MS));
      if (deleted > 0) logEvent(log, 'warn', 'order-fetch.claim-checks-expired', { flow: 'order-to-cash', deleted });
    }
    return summaries;
  }

  /**
   * Once per process and seller × region: whether rows wait that a crashed process left, so the announcement that
   * asks leads a run for them (without waiting for the timer). A failed look is tried again by the next announcement.
   */
  private async hasLeftovers(state: TargetState): Promise<boolean> {
    state.resumed = true;
    try {
      return (await this.deps.waitingOrders.list(queueName(state.target))).length > 0;
    } catch {
      state.resumed = false;
      return false;
    }
  }

  private isQuiet(state: TargetState): boolean {
    const now = Date.now();
    state.recent = state.recent.filter((t) => now - t < BURST_WINDOW_MS);
    state.recent.push(now);
    return !state.timer && !state.running && !state.leading && state.recent.length <= DIRECT_PER_WINDOW;
  }

  private stateOf(target: FetchTarget): TargetState {
    const name = queueName(target);
    let state = this.states.get(name);
    if (!state) {
      state = { target, recent: [], again: false, resumed: false };
      this.states.set(name, state);
    }
    return state;
  }

  private nudge(state: TargetState, delayMs: number): void {
    if (state.running || state.leading) { state.again = true; return; }
    this.arm(state, delayMs);
  }

  private arm(state: TargetState, delayMs: number): void {
    if (state.timer) return;
    state.timer = setTimeout(() => { state.timer = undefined; void this.run(state); }, delayMs);
    state.timer.unref?.();
  }

  private run(state: TargetState): Promise<FetchSummary | undefined> {
    const client = this.client;
    if (!client) return Promise.resolve(undefined);
    const log: LogSink = this.log ?? console;
    let failed = false;
    state.failed = false;
    const running = (async (): Promise<FetchSummary | undefined> => {
      try {
        const summary = await runFetchPlan(state.target, fetchPorts(this.deps, client), this.memory(), this.options);
        if (summary.waiting > 0) logEvent(log, 'info', 'order-fetch.done', { flow: 'order-to-cash', sellerId: state.target.sellerId, region: state.target.region, ...summary });
        return summary;
      } catch (error) {
        // The rows stay: a later run (the leading invocation's retry, a timer, the minute timer) hands them over.
        logEvent(log, 'error', 'order-fetch.failed', { flow: 'order-to-cash', sellerId: state.target.sellerId, region: state.target.region, message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
        failed = true;
        return undefined;
      } finally {
        state.running = undefined;
        state.failed = failed;
        // A leading invocation runs again itself (and retries a failure after a short pause); a run no invocation
        // leads (the timer's) leaves a failure or announcements that came meanwhile to a process timer.
        if (!state.leading) {
          if (failed) { state.again = false; this.arm(state, this.timing.retryMs); } else if (state.again) { state.again = false; this.nudge(state, this.timing.collectMs); }
        }
      }
    })();
    state.running = running;
    return running;
  }
}

function pause(ms: number): Promise<void> {
  return new Promise((resolve) => { setTimeout(resolve, ms); });
}

function targetOf(sellers: readonly SellerSetting[], sellerId: string, marketplaceId: string | undefined): FetchTarget | undefined {
  const region = marketplaceId ? regionOfMarketplace(marketplaceId) : undefined;
  const seller = sellers.find((s) => s.sellerId === sellerId && (region === undefined || s.region === region));
  return seller ? { sellerId: seller.sellerId, region: seller.region, marketplaceIds: seller.marketplaceIds } : undefined;
}

export function fetchPorts(deps: Dependencies, client: DurableClient): FetchPorts {
  const skipPorts = { mappings: () => deps.mappings(), link: (sellerId: string, amazonOrderId: string) => deps.links.get(sellerId, amazonOrderId) };
  return {
    listWaiting: (queue) => deps.waitingOrders.list(queue),
    removeWaiting: (queue, rows) => deps.waitingOrders.remove(queue, rows),
    search: (target, query) => deps.amazon.forSeller(target.sellerId, target.marketplaceIds[0]).searchOrders(query, 'intake'),
    putClaimCheck: (order) => deps.orderClaimChecks.put(JSON.stringify({ order })),
    deleteClaimCheck: (reference) => deps.orderClaimChecks.delete(reference),
    handOver: (input) => startOrSignalOrder(client, input),
    warmItems: async (skus) => { await resolveSkus(skus, await deps.mappings(), itemLookupOf(deps)); },
    reasonToSkip: (sellerId, order) => reasonToSkip(sellerId, order, skipPorts),
  };
}

let scheduler: OrderFetchScheduler | undefined;

/** The process's scheduler (one per app instance, like dependencies()). */
export function orderFetchScheduler(): OrderFetchScheduler {
  const deps = dependencies();
  if (!scheduler || scheduler.deps !== deps) scheduler = new OrderFetchScheduler(deps);
  return scheduler;
}

export async function fetchPlannerTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  await orderFetchScheduler().runAll(df.getClient(context), context);
}

app.timer(FETCH_PLANNER_TIMER, { schedule: FETCH_PLANNER_SCHEDULE, extraInputs: [df.input.durableClient()], handler: fetchPlannerTimer });
