/**
 * The completeness check: every order Amazon has (updated in the period, per seller × marketplace) that M3 should have
 * but the link table does not know. Orders the flow deliberately leaves alone are excluded by the same decision the
 * flow makes (decideOrderAction with the mappings): pending, canceled, shipped-before-we-saw-it, Amazon-fulfilled when
 * ignored. What remains is lost work — a lost notification, a parked order, a stuck instance — and is reported.
 */
import { z } from 'zod';
import type { SearchOrdersQuery } from '../../connectors/amazon';
import type { OrderLink, ParkedItem } from '../../connectors/storage';
import type { Mappings } from '../../core/mapping/mappings-schema';
import type { Order, SearchOrdersResponse } from '../../core/orders/amazon-order-2026';
import { canonicalOrderOf2026 } from '../../core/orders/read-canonical-order';
import { decideOrderAction } from '../../core/orders/order-action';
import type { SweepTarget } from '../order-to-cash/sweep';

export interface CompletenessPorts {
  search(target: SweepTarget, query: SearchOrdersQuery): Promise<SearchOrdersResponse>;
  links(sellerId: string): Promise<OrderLink[]>;
  parked(): Promise<ParkedItem[]>;
  mappings(): Promise<Mappings>;
}

export const MissingOrderSchema = z.object({
  sellerId: z.string(),
  marketplaceId: z.string(),
  amazonOrderId: z.string(),
  amazonStatus: z.string(),
  lastUpdatedTime: z.string(),
  /** Why it is not in M3 when we know (a parked reason, or the link status). */
  knownAs: z.string(),
});
export type MissingOrder = z.infer<typeof MissingOrderSchema>;

export const MarketplaceCountSchema = z.object({
  sellerId: z.string(),
  marketplaceId: z.string(),
  amazonOrders: z.number(),
  expectedInM3: z.number(),
  inM3: z.number(),
  missing: z.number(),
});
export type MarketplaceCount = z.infer<typeof MarketplaceCountSchema>;

export const CompletenessReportSchema = z.object({
  checkedAt: z.string(),
  since: z.string(),
  until: z.string(),
  ok: z.boolean(),
  marketplaces: z.array(MarketplaceCountSchema),
  missing: z.array(MissingOrderSchema),
  missingTotal: z.number(),
});
export type CompletenessReport = z.infer<typeof CompletenessReportSchema>;

const MAX_PAGES = 200;
/** Kept in the stored report (a table property holds 64 KB); the total is always exact. */
export const MAX_LISTED = 300;

export async function checkCompleteness(ports: CompletenessPorts, targets: readonly SweepTarget[], window: { since: Date; until: Date }, now = new Date()): Promise<CompletenessReport> {
  const mappings = await ports.mappings();
  const parkedById = new Map<string, ParkedItem>();
  for (const item of await ports.parked()) if (item.flow === 'order-to-cash' && item.status !== 'resolved') parkedById.set(item.id, item);
  const counts = new Map<string, MarketplaceCount>();
  const missing: MissingOrder[] = [];
  for (const target of targets) {
    const links = new Map((await ports.links(target.sellerId)).map((l) => [l.amazonOrderId, l]));
    let token: string | undefined;
    let pages = 0;
    do {
      const base: SearchOrdersQuery = { lastUpdatedAfter: window.since.toISOString(), lastUpdatedBefore: window.until.toISOString(), marketplaceIds: target.marketplaceIds, includedData: ['FULFILLMENT'], maxResultsPerPage: 100 };
      const page = await ports.search(target, token ? { ...base, paginationToken: token } : base);
      for (const order of page.orders) {
        const marketplaceId = order.salesChannel.marketplaceId ?? '';
        const key = `${target.sellerId}|${marketplaceId}`;
        const count = counts.get(key) ?? { sellerId: target.sellerId, marketplaceId, amazonOrders: 0, expectedInM3: 0, inM3: 0, missing: 0 };
        counts.set(key, count);
        count.amazonOrders++;
        if (!expectedInM3(order, mappings)) continue;
        count.expectedInM3++;
        const link = links.get(order.orderId);
        if (link?.status === 'created') {
          count.inM3++;
          continue;
        }
        count.missing++;
        const parked = parkedById.get(order.orderId);
        missing.push({
          sellerId: target.sellerId, marketplaceId, amazonOrderId: order.orderId, amazonStatus: order.fulfillment?.fulfillmentStatus ?? '',
          lastUpdatedTime: order.lastUpdatedTime, knownAs: parked ? `parked: ${parked.reason}` : link ? `link ${link.status}` : 'unknown to the app',
        });
      }
      token = page.pagination?.nextToken;
      pages++;
    } while (token && pages < MAX_PAGES);
  }
  missing.sort((a, b) => a.lastUpdatedTime.localeCompare(b.lastUpdatedTime));
  return {
    checkedAt: now.toISOString(), since: window.since.toISOString(), until: window.until.toISOString(), ok: missing.length === 0,
    marketplaces: [...counts.values()], missing: missing.slice(0, MAX_LISTED), missingTotal: missing.length,
  };
}

/** The flow's own decision: only `create` means the order belongs in M3. */
function expectedInM3(order: Order, mappings: Mappings): boolean {
  try {
    return decideOrderAction(canonicalOrderOf2026(order), mappings).action === 'create';
  } catch {
    // A search result the canonical order cannot be made of: fall back to the status alone.
    const status = order.fulfillment?.fulfillmentStatus ?? '';
    return status === 'UNSHIPPED' || status === 'PARTIALLY_SHIPPED';
  }
}
