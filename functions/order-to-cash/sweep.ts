/**
 * The order sweep (docs/design.md, Order-to-cash step 1; timer `amazon-order-sweep`): notifications can be lost or late, so
 * every 15 minutes each seller × region is searched with `lastUpdatedAfter` = cursor minus an overlap, and each order is
 * started or signaled. The cursor (Table Storage) moves only after a page has been handed over, so a crash re-reads
 * that page (start-or-signal is idempotent) instead of skipping it. The backfill endpoint runs the same pages with the
 * `backfill` rate priority, so it never starves live intake of searchOrders/getOrder tokens.
 *
 * Pages are asked for FULFILLMENT (status and channel; no personal data), so the timed sweep can leave alone the orders
 * that need nothing: already created in M3 and not canceled, pending at Amazon, or ignored by the mappings.
 * No orchestration and no getOrder happen for those. The order itself is never handed over: personal data may not
 * travel through orchestration input or storage, so the activity still fetches what it needs with getOrder.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import type { DurableClient } from 'durable-functions';
import type { RatePriority, SearchOrdersQuery } from '../../connectors/amazon';
import type { OrderLink } from '../../connectors/storage';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { IncludedData, Order, SearchOrdersResponse } from '../../core/orders/amazon-order-2026';
import { type CanonicalOrder } from '../../core/orders/canonical-order';
import { canonicalOrderOf2026 } from '../../core/orders/read-canonical-order';
import { decideOrderAction } from '../../core/orders/order-action';
import type { SellerSetting } from '../app-settings';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { startOrSignalOrder } from './start-order';
import { m3CancelSweepPorts, sweepM3Cancellations } from './m3-cancel-sweep';

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
/**
 * Status and fulfilment channel on every page order, and the items' cancellation data (a buyer's request, items Amazon
 * canceled), so orders already in M3 with a cancellation to act on are handed over. Neither is restricted data.
 */
const PAGE_INCLUDED_DATA: IncludedData[] = ['FULFILLMENT', 'CANCELLATION'];

/** Why the sweep left an order alone. */
export type SkipReason = 'in-m3' | 'waiting' | 'ignored';

export interface SweepTarget {
  sellerId: string;
  region: string;
  marketplaceIds: string[];
}

export interface SweepPorts {
  search(target: SweepTarget, query: SearchOrdersQuery, priority: RatePriority): Promise<SearchOrdersResponse>;
  /** Hands one order over: start its orchestration, or signal the running one. */
  handOver(input: { sellerId: string; amazonOrderId: string; marketplaceId?: string; trigger: string }): Promise<'started' | 'signaled'>;
  /** Why a page order needs nothing (see reasonToSkip); without it every order is handed over. Used by the timed sweep only. */
  reasonToSkip?(sellerId: string, order: Order): Promise<SkipReason | undefined>;
}

export interface PageResult {
  orders: number;
  started: number;
  signaled: number;
  /** Orders left alone because they need nothing (timed sweep only). */
  skipped: number;
  /** The latest lastUpdatedTime handed over (or skipped) on this page ('' when the page was empty). */
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

/**
 * One page: search, then hand every order over (the timed sweep first skips those that need nothing); throws (nothing
 * handed over counts as done) when either fails. A backfill hands every order over: an operator asked for the window.
 */
export async function sweepPage(ports: SweepPorts, target: SweepTarget, window: { after: string; before?: string; token?: string }, trigger: 'sweep' | 'backfill'): Promise<PageResult> {
  const base = { lastUpdatedAfter: window.after, lastUpdatedBefore: window.before, marketplaceIds: target.marketplaceIds, maxResultsPerPage: PAGE_SIZE, includedData: PAGE_INCLUDED_DATA };
  const query: SearchOrdersQuery = window.token ? { ...base, paginationToken: window.token } : base;
  const page = await ports.search(target, query, trigger === 'backfill' ? 'backfill' : 'intake');
  const result: PageResult = { orders: page.orders.length, started: 0, signaled: 0, skipped: 0, lastUpdatedTime: '', nextToken: page.pagination?.nextToken, searchedUpTo: page.lastUpdatedBefore ? isoOf(page.lastUpdatedBefore) : undefined };
  for (const order of page.orders) {
    const skip = trigger === 'sweep' && ports.reasonToSkip ? await ports.reasonToSkip(target.sellerId, order) : undefined;
    if (skip) {
      result.skipped++;
    } else {
      const how = await ports.handOver({ sellerId: target.sellerId, amazonOrderId: order.orderId, marketplaceId: order.salesChannel.marketplaceId, trigger });
      if (how === 'started') result.started++;
      else result.signaled++;
    }
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
  skipped: number;
  cursor: string;
}

/** Sweeps one seller × region from its cursor (minus the overlap), advancing the cursor after each handed-over page. */
export async function sweepTarget(ports: SweepPorts, cursors: CursorPort, target: SweepTarget, now: Date): Promise<SweepSummary> {
  const name = cursorName(target);
  const stored = (await cursors.get(name))?.value;
  const fromMs = stored ? Date.parse(stored) - SWEEP_OVERLAP_MS : now.getTime() - FIRST_SWEEP_LOOKBACK_MS;
  const after = new Date(fromMs).toISOString();
  const summary: SweepSummary = { sellerId: target.sellerId, region: target.region, from: after, pages: 0, orders: 0, started: 0, signaled: 0, skipped: 0, cursor: stored ?? '' };
  let token: string | undefined;
  do {
    const page = await sweepPage(ports, target, { after, token }, 'sweep');
    summary.pages++;
    summary.orders += page.orders;
    summary.started += page.started;
    summary.signaled += page.signaled;
    summary.skipped += page.skipped;
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

export interface SkipPorts {
  mappings(): Promise<Mappings>;
  link(sellerId: string, amazonOrderId: string): Promise<OrderLink | undefined>;
}

/**
 * Why the timed sweep may leave a page order alone, or undefined when it must be handed over. Decided with the same
 * decision the activity makes (decideOrderAction), on what the page carries:
 * - `waiting`: the decision is to wait (pending at Amazon, or statusActions says wait). Its next change moves lastUpdatedTime,
 *   so the sweep after it (or the change's notification) hands it over then.
 * - `ignored`: the mappings ignore it (fulfilment channel or status): the activity would end with `ignored`.
 * - `in-m3`: linked as created in M3 and not canceled at Amazon (nothing left to write), or canceled at both ends.
 * Anything else is handed over: no FULFILLMENT on the page (status unknown), a page order the plan cannot read, no
 * link, a link still `creating`/`failed` or with custom fields pending, and a cancellation of an order not linked as
 * canceled (an instance may be creating it right now: the signal is what makes it cancel).
 */
export async function reasonToSkip(sellerId: string, order: Order, ports: SkipPorts): Promise<SkipReason | undefined> {
  if (!order.fulfillment?.fulfillmentStatus) return undefined;
  let canonical: CanonicalOrder;
  let action: string;
  try {
    canonical = canonicalOrderOf2026(order);
    action = decideOrderAction(canonical, await ports.mappings()).action;
  } catch {
    return undefined;
  }
  if (canonical.status === 'unknown') return undefined;
  if (action === 'wait') return 'waiting';
  if (action === 'ignore') return 'ignored';
  const link = await ports.link(sellerId, order.orderId);
  if (link?.status === 'created' && !link.customFieldsPending && canonical.status !== 'canceled' && !cancellationToActOn(canonical, link)) return 'in-m3';
  if (link?.status === 'canceled' && canonical.status === 'canceled') return 'in-m3';
  return undefined;
}

/** A buyer's cancellation request not yet decided, or an item Amazon canceled whose M3 line is still open. */
function cancellationToActOn(order: CanonicalOrder, link: OrderLink): boolean {
  if (link.buyerCancel === undefined && order.lines.some((l) => l.cancelRequested && l.canceledBy === undefined)) return true;
  const closed = new Set(link.lines.filter((l) => l.canceled).map((l) => l.orderItemId));
  return order.lines.some((l) => l.canceledBy !== undefined && link.lines.some((k) => k.orderItemId === l.orderItemId) && !closed.has(l.orderItemId));
}

export function sweepPorts(deps: Dependencies, client: DurableClient): SweepPorts {
  const skipPorts: SkipPorts = { mappings: () => deps.mappings(), link: (sellerId, amazonOrderId) => deps.links.get(sellerId, amazonOrderId) };
  return {
    search: (target, query, priority) => deps.amazon.forSeller(target.sellerId, target.marketplaceIds[0]).searchOrders(query, priority),
    handOver: (input) => startOrSignalOrder(client, input),
    reasonToSkip: (sellerId, order) => reasonToSkip(sellerId, order, skipPorts),
  };
}

export async function runOrderSweep(deps: Dependencies, client: DurableClient, log: LogSink, now = new Date()): Promise<SweepSummary[]> {
  const summaries: SweepSummary[] = [];
  for (const target of sweepTargets(deps.sellers)) {
    try {
      const summary = await sweepTarget(sweepPorts(deps, client), deps.cursors, target, now);
      summaries.push(summary);
      await deps.counters.increment(ORDER_SWEEP, 'orders', summary.orders);
      if (summary.skipped > 0) await deps.counters.increment(ORDER_SWEEP, 'skipped', summary.skipped);
      logEvent(log, 'info', 'sweep.done', { flow: 'order-to-cash', sellerId: target.sellerId, region: target.region, orders: summary.orders, started: summary.started, signaled: summary.signaled, skipped: summary.skipped, cursor: summary.cursor });
    } catch (error) {
      // One region down must not stop the others; the cursor stayed where the last handed-over page left it.
      await deps.counters.increment(ORDER_SWEEP, 'failed');
      logEvent(log, 'error', 'sweep.failed', { flow: 'order-to-cash', sellerId: target.sellerId, region: target.region, message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
    }
  }
  await sweepM3Side(deps, client, log, now);
  return summaries;
}

/** The safety net for orders canceled in M3 (m3-cancel-sweep.ts); its failure never fails the Amazon side. */
async function sweepM3Side(deps: Dependencies, client: DurableClient, log: LogSink, now: Date): Promise<void> {
  try {
    const found = await sweepM3Cancellations(m3CancelSweepPorts(deps, client), [...new Set(deps.sellers.map((s) => s.sellerId))], now);
    if (found.handedOver > 0) await deps.counters.increment(ORDER_SWEEP, 'm3-changed', found.handedOver);
    logEvent(log, 'info', 'sweep.m3-done', { flow: 'order-to-cash', looked: found.looked, handedOver: found.handedOver });
  } catch (error) {
    logEvent(log, 'error', 'sweep.m3-failed', { flow: 'order-to-cash', message: error instanceof Error ? error.message.slice(0, 300) : String(error) });
  }
}

export async function orderSweepTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  await runOrderSweep(dependencies(), df.getClient(context), context);
}

app.timer(ORDER_SWEEP, { schedule: ORDER_SWEEP_SCHEDULE, extraInputs: [df.input.durableClient()], handler: orderSweepTimer });
