/**
 * The order sweep (ARCHITECTURE §4.1 step 1, §3.5 timer `amazon-order-sweep`): notifications can be lost or late, so
 * every 15 minutes each seller × region is searched with `lastUpdatedAfter` = cursor minus an overlap, and each order is
 * started or signaled. The cursor (Table Storage) moves only after a page has been handed over, so a crash re-reads
 * that page (start-or-signal is idempotent) instead of skipping it. The backfill endpoint runs the same pages with the
 * `backfill` rate priority, so it never starves live intake of searchOrders/getOrder tokens.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import type { RatePriority, SearchOrdersQuery } from '../../connectors/amazon';
import type { SearchOrdersResponse } from '../../core/orders/amazon-order-2026';
import type { SellerSetting } from '../app-settings';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { startOrSignalOrder } from './start-order';

export const ORDER_SWEEP = 'amazon-order-sweep';
/** Every 15 minutes (NCRONTAB, 6 fields). */
export const ORDER_SWEEP_SCHEDULE = '0 */15 * * * *';
/** Amazon's lastUpdatedTime can lag the change a little, and pages are cut at the cursor: re-read this much. */
export const SWEEP_OVERLAP_MS = 15 * 60 * 1000;
/** First run without a cursor looks back this far. */
export const FIRST_SWEEP_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Pages per seller × region per run: the rest waits for the next run (the cursor remembers where). */
const MAX_PAGES_PER_RUN = 20;
const PAGE_SIZE = 100;

export interface SweepTarget {
  sellerId: string;
  region: string;
  marketplaceIds: string[];
}

export interface SweepPorts {
  search(target: SweepTarget, query: SearchOrdersQuery, priority: RatePriority): Promise<SearchOrdersResponse>;
  /** Hands one order over: start its orchestration, or signal the running one. */
  handOver(input: { sellerId: string; amazonOrderId: string; marketplaceId?: string; trigger: string }): Promise<'started' | 'signaled'>;
}

export interface PageResult {
  orders: number;
  started: number;
  signaled: number;
  /** The latest lastUpdatedTime handed over on this page ('' when the page was empty). */
  lastUpdatedTime: string;
  nextToken?: string;
  /** `lastUpdatedBefore` Amazon answered with: everything before it has been seen once no page follows. */
  searchedUpTo?: string;
}

export function sweepTargets(sellers: readonly SellerSetting[]): SweepTarget[] {
  return sellers.map((s) => ({ sellerId: s.sellerId, region: s.region, marketplaceIds: s.marketplaceIds }));
}

export function cursorName(target: SweepTarget): string {
  return `${ORDER_SWEEP}:${target.sellerId}:${target.region}`;
}

/** One page: search, then hand every order over; throws (nothing handed over counts as done) when either fails. */
export async function sweepPage(ports: SweepPorts, target: SweepTarget, window: { after: string; before?: string; token?: string }, trigger: 'sweep' | 'backfill'): Promise<PageResult> {
  const query: SearchOrdersQuery = window.token
    ? { lastUpdatedAfter: window.after, lastUpdatedBefore: window.before, marketplaceIds: target.marketplaceIds, maxResultsPerPage: PAGE_SIZE, paginationToken: window.token }
    : { lastUpdatedAfter: window.after, lastUpdatedBefore: window.before, marketplaceIds: target.marketplaceIds, maxResultsPerPage: PAGE_SIZE };
  const page = await ports.search(target, query, trigger === 'backfill' ? 'backfill' : 'intake');
  const result: PageResult = { orders: page.orders.length, started: 0, signaled: 0, lastUpdatedTime: '', nextToken: page.pagination?.nextToken, searchedUpTo: page.lastUpdatedBefore ? isoOf(page.lastUpdatedBefore) : undefined };
  for (const order of page.orders) {
    const how = await ports.handOver({ sellerId: target.sellerId, amazonOrderId: order.orderId, marketplaceId: order.salesChannel.marketplaceId, trigger });
    if (how === 'started') result.started++;
    else result.signaled++;
    const updated = isoOf(order.lastUpdatedTime);
    if (updated > result.lastUpdatedTime) result.lastUpdatedTime = updated;
  }
  return result;
}

export interface CursorPort {
  get(name: string): Promise<{ value: string } | undefined>;
  advance(name: string, value: string): Promise<boolean>;
}

export interface SweepSummary {
  sellerId: string;
  region: string;
  from: string;
  pages: number;
  orders: number;
  started: number;
  signaled: number;
  cursor: string;
}

/** Sweeps one seller × region from its cursor (minus the overlap), advancing the cursor after each handed-over page. */
export async function sweepTarget(ports: SweepPorts, cursors: CursorPort, target: SweepTarget, now: Date): Promise<SweepSummary> {
  const name = cursorName(target);
  const stored = (await cursors.get(name))?.value;
  const fromMs = stored ? Date.parse(stored) - SWEEP_OVERLAP_MS : now.getTime() - FIRST_SWEEP_LOOKBACK_MS;
  const after = new Date(fromMs).toISOString();
  const summary: SweepSummary = { sellerId: target.sellerId, region: target.region, from: after, pages: 0, orders: 0, started: 0, signaled: 0, cursor: stored ?? '' };
  let token: string | undefined;
  do {
    const page = await sweepPage(ports, target, { after, token }, 'sweep');
    summary.pages++;
    summary.orders += page.orders;
    summary.started += page.started;
    summary.signaled += page.signaled;
    token = page.nextToken;
    // The page is handed over: only now may the cursor pass it. Without a next page, Amazon has shown everything
    // up to its lastUpdatedBefore (never beyond our own clock).
    const reached = token ? page.lastUpdatedTime : minIso(page.searchedUpTo ?? page.lastUpdatedTime, now.toISOString()) || page.lastUpdatedTime;
    if (reached && (await cursors.advance(name, reached))) summary.cursor = reached;
  } while (token && summary.pages < MAX_PAGES_PER_RUN);
  return summary;
}

/** One text form (with milliseconds) so cursors compare correctly as text (Amazon may omit the milliseconds). */
function isoOf(value: string): string {
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? value : new Date(ms).toISOString();
}

function minIso(a: string, b: string): string {
  if (!a) return '';
  return a < b ? a : b;
}

export function sweepPorts(deps: Dependencies, client: DurableClient): SweepPorts {
  return {
    search: (target, query, priority) => deps.amazon.forSeller(target.sellerId, target.marketplaceIds[0]).searchOrders(query, priority),
    handOver: (input) => startOrSignalOrder(client, input),
  };
}

export async function runOrderSweep(deps: Dependencies, client: DurableClient, log: LogSink, now = new Date()): Promise<SweepSummary[]> {
  const summaries: SweepSummary[] = [];
  for (const target of sweepTargets(deps.sellers)) {
    try {
      const summary = await sweepTarget(sweepPorts(deps, client), deps.cursors, target, now);
      summaries.push(summary);
      await deps.counters.increment(ORDER_SWEEP, 'orders', summary.orders);
      logEvent(log, 'info', 'sweep.done', { flow: 'order-to-cash', sellerId: target.sellerId, region: target.region, orders: summary.orders, started: summary.started, cursor: summary.cursor });
    } catch (error) {
      // One region down must not stop the others; the cursor stayed where the last handed-over page left it.
      await deps.counters.increment(ORDER_SWEEP, 'failed');
      logEvent(log, 'error', 'sweep.failed', { flow: 'order-to-cash', sellerId: target.sellerId, region: target.region, message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
    }
  }
  return summaries;
}

export async function orderSweepTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  await runOrderSweep(dependencies(), df.getClient(context), context);
}

app.timer(ORDER_SWEEP, { schedule: ORDER_SWEEP_SCHEDULE, extraInputs: [df.input.durableClient()], handler: orderSweepTimer });
