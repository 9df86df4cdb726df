/**
 * The order fetch planner, per seller × region. Notifications name the orders to fetch; when only a few wait, each is
 * handed to its orchestration as before (its activity reads it with one getOrder, 0.5/s with a burst of 30). When more
 * wait than that burst serves promptly, they are read with searchOrders pages instead (up to 100 full orders per call,
 * the same Order object getOrder returns), and each page order travels to its orchestration as a claim check: the order
 * body goes to a blob, the orchestration input carries only the blob's name, and the activity deletes it after use.
 * A page order that nobody announced (its notification is late or lost) is started too, unless it needs nothing
 * (the order sweep's own rule). An announced order missing from the pages (Amazon's search lags its notification)
 * falls back to getOrder.
 *
 * Crash safety: an announced order is a row in the waiting table until its hand-over is done; the row is removed only
 * after its orchestration was started or signaled, so a crash between a page and the hand-over re-reads the page on
 * the next run (start-or-signal is idempotent, the M3 lookup keeps the order exactly once). A claim check written just
 * before a crash is never read; the planner's timer deletes such leftovers.
 */
import type { SearchOrdersQuery } from '../../connectors/amazon';
import type { StoredWaitingOrder } from '../../connectors/storage';
import type { IncludedData, Order, SearchOrdersResponse } from '../../core/orders/amazon-order-2026';
import type { SkipReason } from '../order-to-cash/sweep';
import { atOrAfter, type HandedOverOrders } from './handed-over-orders';

/** Everything the order-to-cash plan needs, as its getOrder asks (activities.ts): a page order is as good as getOrder's. */
export const PAGE_INCLUDED_DATA: IncludedData[] = ['BUYER', 'RECIPIENT', 'PROCEEDS', 'PROMOTION', 'FULFILLMENT', 'TAX', 'CANCELLATION'];
/** Model: maxResultsPerPage 1–100. */
export const PAGE_SIZE = 100;

export interface FetchTarget {
  sellerId: string;
  region: string;
  marketplaceIds: string[];
}

export interface HandOverInput {
  sellerId: string;
  amazonOrderId: string;
  marketplaceId?: string;
  trigger: string;
  /** The claim check holding the order as a page returned it. */
  claimCheck?: string;
}

export interface FetchPorts {
  listWaiting(queue: string): Promise<StoredWaitingOrder[]>;
  removeWaiting(queue: string, rows: readonly StoredWaitingOrder[]): Promise<void>;
  /** searchOrders for this seller × region, at intake priority (live orders beat backfill in the governor). */
  search(target: FetchTarget, query: SearchOrdersQuery): Promise<SearchOrdersResponse>;
  putClaimCheck(order: Order): Promise<string>;
  deleteClaimCheck(reference: string): Promise<void>;
  /** Start the order's orchestration or signal the running one. */
  handOver(input: HandOverInput): Promise<'started' | 'signaled'>;
  /**
   * Best effort, before a page's orders are handed over: look up the M3 items of the page's SKUs together, so the
   * orders' activities find them cached instead of each asking M3 (a failure only means they ask themselves).
   */
  warmItems?(skus: string[]): Promise<void>;
  /** Why an unannounced page order needs nothing (the order sweep's rule), or undefined to start it. */
  reasonToSkip(sellerId: string, order: Order): Promise<SkipReason | undefined>;
}

/** What one process remembers between runs (all of it may be lost: it only saves Amazon calls). */
export interface PlannerMemory {
  seen: HandedOverOrders;
  /** How many getOrder calls the seller's bucket can serve now, as far as this process knows. */
  promptGetOrders(queue: string): number;
  spentGetOrders(queue: string, count: number): void;
  /** Amazon's time (the `lastUpdatedBefore` a search answered with) up to which a finished search has shown every order. */
  searchedUpTo: Map<string, string>;
  /**
   * A search that stopped before its last page (a failed call, or the run's page limit), per queue: the next run goes
   * on from its next page instead of asking for the first pages again. On a sale day the 20-page burst is exactly what
   * 2,000 orders need; a search started over spends pages on orders already handed over and the rest waits 180 s a page.
   */
  unfinishedSearch?: Map<string, UnfinishedSearch>;
}

export interface UnfinishedSearch {
  query: SearchOrdersQuery;
  nextToken: string;
}

export interface FetchOptions {
  /** More waiting orders than this (or than getOrder can serve promptly) are read by pages; fewer by getOrder. */
  pageThreshold: number;
  /** lastUpdatedAfter = the earliest waiting change minus this (Amazon's lastUpdatedTime may trail its notification). */
  skewMs: number;
  /**
   * A later search starts this long before the point an earlier one showed complete: an order written just before a
   * search may become visible to it a moment later, with its earlier lastUpdatedTime.
   */
  overlapMs: number;
  /** Pages per run; the rest waits for the next run. */
  maxPages: number;
  /** Hand-overs in flight at once. */
  concurrency: number;
}

export const DEFAULT_FETCH_OPTIONS: FetchOptions = { pageThreshold: 20, skewMs: 5 * 60 * 1000, overlapMs: 30_000, maxPages: 40, concurrency: 8 };

export interface FetchSummary {
  waiting: number;
  pages: number;
  /** Announced orders handed over from a page (claim check). */
  fromPages: number;
  /** Page orders nobody announced, started too. */
  unannounced: number;
  /** Unannounced page orders that need nothing. */
  skipped: number;
  /** Orders handed over without data: their activity reads them with getOrder. */
  byGetOrder: number;
  /** Waiting rows whose change had been handed over already. */
  covered: number;
  /** The run's page limit stopped a search; the next run goes on with it. */
  unfinished?: boolean;
}

export function queueName(target: Pick<FetchTarget, 'sellerId' | 'region'>): string {
  return `${target.sellerId}|${target.region}`;
}

export function seenKey(sellerId: string, amazonOrderId: string): string {
  return `${sellerId}|${amazonOrderId}`;
}

const MAX_ROUNDS = 5;

/** One planner run: everything waiting for the target is handed over (by pages or getOrder), rows removed after. */
export async function runFetchPlan(target: FetchTarget, ports: FetchPorts, memory: PlannerMemory, options: FetchOptions = DEFAULT_FETCH_OPTIONS): Promise<FetchSummary> {
  const queue = queueName(target);
  const seen = memory.seen;
  const summary: FetchSummary = { waiting: 0, pages: 0, fromPages: 0, unannounced: 0, skipped: 0, byGetOrder: 0, covered: 0 };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const rows = await ports.listWaiting(queue);
    if (round === 0) summary.waiting = rows.length;
    const covered = rows.filter((r) => seen.covers(seenKey(target.sellerId, r.amazonOrderId), r.changedAt));
    summary.covered += covered.length;
    await ports.removeWaiting(queue, covered);
    const pending = rows.filter((r) => !covered.includes(r));
    if (pending.length === 0) break;
    const byPages = pending.length > Math.min(options.pageThreshold, memory.promptGetOrders(queue));
    const left = byPages ? await fetchByPages(target, pending, ports, memory, summary, options) : pending;
    await handOverForGetOrder(target, left, ports, summary, options);
    memory.spentGetOrders(queue, left.length);
  }
  return summary;
}

/** The rows a page run leaves for getOrder (stragglers), or, while the search is unfinished, leaves waiting. */
async function fetchByPages(target: FetchTarget, pending: StoredWaitingOrder[], ports: FetchPorts, memory: PlannerMemory, summary: FetchSummary, options: FetchOptions): Promise<StoredWaitingOrder[]> {
  const queue = queueName(target);
  const seen = memory.seen;
  const open = new Map(pending.map((r) => [r.amazonOrderId, r]));
  const earliest = Math.min(...pending.map((r) => Date.parse(r.changedAt)).filter((t) => !Number.isNaN(t)));
  // From the earliest waiting change minus the skew, but not again over what an earlier search showed complete (its
  // orders would only fill pages). A waiting order older than that is one Amazon's search missed: getOrder reads it.
  const shown = Date.parse(memory.searchedUpTo.get(queue) ?? '');
  const from = Math.max((Number.isFinite(earliest) ? earliest : Date.now()) - options.skewMs, Number.isNaN(shown) ? -Infinity : shown - options.overlapMs);
  // No lastUpdatedBefore: it would have to be two minutes old, and the newest orders are what we are here for.
  const fresh: SearchOrdersQuery = {
    lastUpdatedAfter: new Date(from).toISOString(),
    marketplaceIds: target.marketplaceIds, maxResultsPerPage: PAGE_SIZE, includedData: PAGE_INCLUDED_DATA,
  };
  // An unfinished search goes on where it stopped when it reaches back at least as far as this one would: its first
  // pages were handed over already (orders whose hand-over failed are still waiting and fall to getOrder below).
  const unfinished = memory.unfinishedSearch?.get(queue);
  memory.unfinishedSearch?.delete(queue);
  const resumed = unfinished !== undefined && Date.parse(unfinished.query.lastUpdatedAfter ?? '') <= from;
  const base = resumed ? unfinished.query : fresh;
  let token: string | undefined = resumed ? unfinished.nextToken : undefined;
  let pages = 0;
  let failure: unknown;
  do {
    let page: SearchOrdersResponse;
    try {
      page = await ports.search(target, token ? { ...base, paginationToken: token } : base);
    } catch (error) {
      // Kept for the next run, unless it was the kept token itself that failed (Amazon may refuse an old one).
      if (token && !(resumed && pages === 0)) memory.unfinishedSearch?.set(queue, { query: base, nextToken: token });
      throw error;
    }
    pages++;
    summary.pages++;
    const handed: StoredWaitingOrder[] = [];
    // The page shows each order as of the search (Amazon's clock, echoed as lastUpdatedBefore): a change announced
    // before then is on the page. Whether Amazon's search can trail its notifications is not documented; a change
    // it missed is still found by the order sweep, whose window is cut by lastUpdatedTime.
    const asOf = page.lastUpdatedBefore ?? '';
    if (ports.warmItems) {
      const skus = new Set(page.orders.flatMap((o) => o.orderItems.map((i) => i.product.sellerSku ?? '')).filter(Boolean));
      await ports.warmItems([...skus]).catch(() => undefined);
    }
    // Rows of orders handed over so far leave the table even when a later hand-over of this page fails, and a failed
    // hand-over does not stop the pages: its row stays waiting (the run fails at the end and is retried), an order
    // nobody announced is found again by its notification or the order sweep.
    try {
      await inParallel(page.orders, options.concurrency, async (order) => {
        const key = seenKey(target.sellerId, order.orderId);
        const row = open.get(order.orderId);
        if (seen.covers(key, order.lastUpdatedTime)) {
          if (row && seen.covers(key, row.changedAt)) { handed.push(row); open.delete(order.orderId); }
          return;
        }
        const upTo = later(order.lastUpdatedTime, asOf);
        // The page is older than the change announced: Amazon's search has not caught up; getOrder reads it.
        if (row && !atOrAfter(upTo, row.changedAt)) return;
        if (!row) {
          const skip = await ports.reasonToSkip(target.sellerId, order);
          if (skip) { seen.note(key, upTo); summary.skipped++; return; }
        }
        const claimCheck = await ports.putClaimCheck(order);
        const how = await ports.handOver({ sellerId: target.sellerId, amazonOrderId: order.orderId, marketplaceId: order.salesChannel.marketplaceId ?? row?.marketplaceId, trigger: row?.trigger || 'page', claimCheck });
        // A running instance was signaled: it reads the order afresh when it starts over, so the copy is not needed.
        if (how === 'signaled') await ports.deleteClaimCheck(claimCheck);
        seen.note(key, upTo);
        if (row) { handed.push(row); open.delete(order.orderId); summary.fromPages++; } else summary.unannounced++;
      });
    } catch (error) {
      failure ??= error;
    } finally {
      await ports.removeWaiting(queue, handed);
    }
    token = page.pagination?.nextToken;
    if (!token && page.lastUpdatedBefore) memory.searchedUpTo.set(queue, page.lastUpdatedBefore);
  } while (token && pages < options.maxPages);
  if (token) {
    // The page limit: the rest of the search is the next run's; what it has not shown yet keeps waiting for it.
    memory.unfinishedSearch?.set(queue, { query: base, nextToken: token });
    summary.unfinished = true;
  }
  if (failure !== undefined) throw failure;
  return token ? [] : [...open.values()];
}

async function handOverForGetOrder(target: FetchTarget, rows: StoredWaitingOrder[], ports: FetchPorts, summary: FetchSummary, options: FetchOptions): Promise<void> {
  const done: StoredWaitingOrder[] = [];
  await inParallel(rows, options.concurrency, async (row) => {
    // Not noted as seen: only a page shows what Amazon holds; a later announcement of this order is handed over again.
    await ports.handOver({ sellerId: target.sellerId, amazonOrderId: row.amazonOrderId, marketplaceId: row.marketplaceId, trigger: row.trigger });
    done.push(row);
    summary.byGetOrder++;
  });
  await ports.removeWaiting(queueName(target), done);
}

function later(a: string, b: string): string {
  const ta = Date.parse(a);
  const tb = Date.parse(b);
  if (Number.isNaN(tb)) return a;
  if (Number.isNaN(ta)) return b;
  return ta >= tb ? a : b;
}

/** Runs `work` over every item, at most `limit` at a time; one item's failure does not stop the others, the first is thrown at the end. */
async function inParallel<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}
