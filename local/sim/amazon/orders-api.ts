/** Orders API v2026-01-01 (`searchOrders`, `getOrder`) and the order seeding/inspection control routes; seeding or changing an order emits ORDER_CHANGE. */
import { z } from 'zod';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route, type SimResponse } from './sim-http';
import { SimOrderSchema, fulfillmentStatusOf, type SimOrder } from './sim-order';
import { buildOrderChangeNotification } from './order-change-notification';
import { GenerateRequestSchema, ordersOnDemand } from './orders-on-demand';

const MODEL = 'orders-api-model/orders_2026-01-01.json';
const SEARCH_PATH = '/orders/2026-01-01/orders';
const GET_PATH = '/orders/2026-01-01/orders/{orderId}';
export const SIM_APPLICATION_ID = 'amzn1.sp.solution.sim-application';

/** Which order/item properties each includedData value unlocks (model: includedData enum); the rest is always returned. */
const ORDER_GATED: Record<string, string> = { buyer: 'BUYER', recipient: 'RECIPIENT', proceeds: 'PROCEEDS', payment: 'PAYMENT', tax: 'TAX', fulfillment: 'FULFILLMENT', packages: 'PACKAGES', fulfillmentOrders: 'FULFILLMENT_ORDERS' };
const ITEM_GATED: Record<string, string> = { proceeds: 'PROCEEDS', expense: 'EXPENSE', promotion: 'PROMOTION', cancellation: 'CANCELLATION', fulfillment: 'FULFILLMENT', tax: 'TAX' };

function project(order: Record<string, unknown>, included: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(order)) {
    const gate = ORDER_GATED[k];
    if (gate && !included.has(gate)) continue;
    if (k === 'orderItems' && Array.isArray(v)) {
      out.orderItems = v.map((item: unknown) => {
        const parsed = z.record(z.unknown()).safeParse(item);
        if (!parsed.success) return item;
        return Object.fromEntries(Object.entries(parsed.data).filter(([ik]) => { const g = ITEM_GATED[ik]; return !g || included.has(g); }));
      });
      continue;
    }
    out[k] = v;
  }
  return out;
}

function includedDataOf(query: URLSearchParams): Set<string> {
  return new Set((query.get('includedData') ?? '').split(',').filter(Boolean));
}

const PageTokenSchema = z.object({ offset: z.number().int().min(0), filter: z.string() });

function filterKey(query: URLSearchParams): string {
  const keys = ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore', 'fulfillmentStatuses', 'marketplaceIds', 'fulfilledBy'];
  return keys.map((k) => `${k}=${query.get(k) ?? ''}`).join('&');
}

function searchOrders(ctx: SimContext, query: URLSearchParams): SimResponse {
  // Which filters may go together, page sizes and time limits are checked before the handler runs (request-rules.ts).
  const createdAfter = query.get('createdAfter');
  const pageSizeRaw = query.get('maxResultsPerPage');
  const pageSize = pageSizeRaw === null ? 100 : Math.min(100, Math.max(1, Number(pageSizeRaw) || 100));
  const times: Record<string, number | undefined> = {};
  for (const k of ['createdAfter', 'createdBefore', 'lastUpdatedAfter', 'lastUpdatedBefore']) {
    const v = query.get(k);
    if (v === null) continue;
    const t = Date.parse(v);
    if (Number.isNaN(t)) return spError(400, 'InvalidInput', `${k} must be an ISO 8601 date-time.`);
    times[k] = t;
  }
  let offset = 0;
  const token = query.get('paginationToken');
  if (token) {
    let decoded: z.infer<typeof PageTokenSchema> | undefined;
    try {
      decoded = PageTokenSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
    } catch {
      decoded = undefined;
    }
    if (!decoded || decoded.filter !== filterKey(query)) return spError(400, 'InvalidInput', 'Invalid paginationToken.');
    offset = decoded.offset;
  }
  const statuses = query.get('fulfillmentStatuses')?.split(',');
  const marketplaces = query.get('marketplaceIds')?.split(',');
  const by = query.get('fulfilledBy')?.split(',');
  const matching = Object.values(ctx.state.orders)
    .map((raw) => ({ raw, order: SimOrderSchema.parse(raw) }))
    .filter(({ order }) => {
      const created = Date.parse(order.createdTime);
      const updated = Date.parse(order.lastUpdatedTime);
      if (times.createdAfter !== undefined && created < times.createdAfter) return false;
      if (times.createdBefore !== undefined && created >= times.createdBefore) return false;
      if (times.lastUpdatedAfter !== undefined && updated < times.lastUpdatedAfter) return false;
      if (times.lastUpdatedBefore !== undefined && updated >= times.lastUpdatedBefore) return false;
      if (statuses && !statuses.includes(fulfillmentStatusOf(order))) return false;
      if (marketplaces && !marketplaces.includes(order.salesChannel.marketplaceId ?? '')) return false;
      if (by && !by.includes(order.fulfillment?.fulfilledBy ?? 'MERCHANT')) return false;
      return true;
    })
    .sort((a, b) => {
      const key = createdAfter !== null ? 'createdTime' : 'lastUpdatedTime';
      return Date.parse(a.order[key]) - Date.parse(b.order[key]) || a.order.orderId.localeCompare(b.order.orderId);
    });
  const page = matching.slice(offset, offset + pageSize);
  const included = includedDataOf(query);
  const body: Record<string, unknown> = { orders: page.map(({ raw }) => project(raw, included)) };
  if (offset + pageSize < matching.length) {
    body.pagination = { nextToken: Buffer.from(JSON.stringify({ offset: offset + pageSize, filter: filterKey(query) })).toString('base64url') };
  }
  const before = createdAfter !== null ? 'createdBefore' : 'lastUpdatedBefore';
  body[before] = query.get(before) ?? isoAt(ctx.clock.now());
  return json(200, body);
}

/** Emits ORDER_CHANGE for the order (when a notify URL is set the sender delivers it). */
export function emitOrderChange(ctx: SimContext, order: SimOrder, reason: string): void {
  const subscription = ctx.state.subscriptions.find((s) => s.notificationType === 'ORDER_CHANGE' && s.sellerId === ctx.config.sellerId);
  const changeType = order.orderItems.some((i) => i.cancellation?.cancellationRequest) && fulfillmentStatusOf(order) !== 'CANCELLED' ? 'BuyerRequestedChange' : 'OrderStatusChange';
  ctx.notifier.send(buildOrderChangeNotification(order, {
    sellerId: ctx.config.sellerId,
    applicationId: SIM_APPLICATION_ID,
    subscriptionId: subscription?.subscriptionId ?? 'sim-order-change-subscription',
    now: isoAt(ctx.clock.now()),
    changeType,
    reason,
  }));
}

/** Validates an order against the model (when available) and the simulator's own needs; returns reasons. */
export function orderProblems(ctx: SimContext, body: unknown): string[] {
  const reasons: string[] = [];
  if (ctx.validator) {
    const validate = ctx.validator.definition(MODEL, 'Order');
    if (!validate(body)) reasons.push(...(validate.errors ?? []).slice(0, 20).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`));
  }
  const parsed = SimOrderSchema.safeParse(body);
  if (!parsed.success) reasons.push(...parsed.error.issues.map((i) => `/${i.path.join('/')} ${i.message}`));
  return reasons;
}

/** Stores (or replaces) an order and, unless told not to, notifies; the caller has validated it. */
export function putOrder(ctx: SimContext, raw: Record<string, unknown>, reason: string, notify = true): void {
  const order = SimOrderSchema.parse(raw);
  ctx.state.orders[order.orderId] = raw;
  ctx.persist();
  if (notify) emitOrderChange(ctx, order, reason);
}

export function ordersRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET', pattern: SEARCH_PATH, operation: 'searchOrders', model: { file: MODEL, path: SEARCH_PATH, method: 'get' },
      handler: (req) => searchOrders(ctx, req.query),
    },
    {
      method: 'GET', pattern: GET_PATH, operation: 'getOrder', model: { file: MODEL, path: GET_PATH, method: 'get' },
      handler: (req) => {
        const raw = ctx.state.orders[req.params.orderId];
        if (!raw) return spError(404, 'NotFound', `Order ${req.params.orderId} was not found.`);
        return json(200, { order: project(raw, includedDataOf(req.query)) });
      },
    },
    {
      method: 'POST', pattern: '/_sim/orders',
      handler: (req) => {
        if (req.body !== null && typeof req.body === 'object' && !Array.isArray(req.body) && 'generate' in req.body) {
          const request = GenerateRequestSchema.safeParse(req.body);
          if (!request.success) return json(400, { error: 'invalid generate request', reasons: request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
          const generated = ordersOnDemand(ctx, request.data);
          const problems = generated.flatMap((o) => orderProblems(ctx, o));
          if (problems.length > 0) return json(500, { error: 'the generator built an order that is off the model', reasons: problems });
          for (const o of generated) putOrder(ctx, o, 'New order');
          return json(201, { orderIds: generated.map((o) => String(o.orderId)) });
        }
        const items = Array.isArray(req.body) ? req.body : [req.body];
        const problems = items.flatMap((b, i) => orderProblems(ctx, b).map((p) => (items.length > 1 ? `[${i}]${p}` : p)));
        if (problems.length > 0) return json(400, { error: 'invalid order', reasons: problems });
        const stored: string[] = [];
        // `?notify=false` stores quietly: the order waits to be found by searchOrders or named by a notification.
        const notify = req.query.get('notify') !== 'false';
        for (const b of items) {
          const raw = z.record(z.unknown()).parse(b);
          const existed = typeof raw.orderId === 'string' && raw.orderId in ctx.state.orders;
          putOrder(ctx, raw, existed ? 'Order changed' : 'New order', notify);
          stored.push(String(raw.orderId));
        }
        return json(Array.isArray(req.body) ? 200 : 201, Array.isArray(req.body) ? { orderIds: stored } : { orderId: stored[0] });
      },
    },
    {
      method: 'GET', pattern: '/_sim/orders',
      handler: () => json(200, Object.values(ctx.state.orders)),
    },
    {
      method: 'GET', pattern: '/_sim/orders/{orderId}',
      handler: (req) => {
        const raw = ctx.state.orders[req.params.orderId];
        return raw ? json(200, raw) : json(404, { error: `order ${req.params.orderId} not found` });
      },
    },
  ];
}
