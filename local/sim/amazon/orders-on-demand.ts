/**
 * `POST /_sim/orders` with `{"generate": N, …}`: realistic new orders created now in the running simulator, each
 * announced by ORDER_CHANGE like a seeded one. Ids carry the simulator's running number, so they never repeat in one
 * sandbox's life (also not after `/_sim/reset`).
 */
import { z } from 'zod';
import { findMarketplace } from './marketplaces';
import { generateOrders } from './order-generator';
import type { SimContext } from './sim-context';
import { SimOrderSchema } from './sim-order';

/** The Orders 2026-01-01 model's order programs (Order.programs description). */
export const ORDER_PROGRAMS = ['AMAZON_BAZAAR', 'AMAZON_BUSINESS', 'AMAZON_EASY_SHIP', 'AMAZON_HAUL', 'DELIVERY_BY_AMAZON', 'FBM_SHIP_PLUS', 'INVOICE_BY_AMAZON', 'IN_STORE_PICK_UP', 'PREMIUM', 'PREORDER', 'PRIME'] as const;

export const GenerateRequestSchema = z.object({
  generate: z.number().int().min(1).max(1000),
  /** A marketplace id, or Amazon's code for it (US, UK, DE …). */
  marketplaceId: z.string().transform((v, ctx) => {
    const market = findMarketplace(v);
    if (!market) { ctx.addIssue({ code: z.ZodIssueCode.custom, message: 'marketplaceId is not one of Amazon\'s 23 marketplaces' }); return z.NEVER; }
    return market.id;
  }).optional(),
  fulfilledBy: z.enum(['MERCHANT', 'AMAZON']).optional(),
  programs: z.array(z.enum(ORDER_PROGRAMS)).optional(),
  replacement: z.boolean().optional(),
  business: z.boolean().optional(),
  items: z.array(z.object({ sku: z.string().min(1), quantity: z.number().int().min(1) })).min(1).optional(),
}).strict();
export type GenerateRequest = z.infer<typeof GenerateRequestSchema>;

/** SKUs orders are drawn from: the seller's listings in that marketplace when there are any, else SKU-0001 … SKU-0050. */
function catalogue(ctx: SimContext, marketplaceId: string): string[] | undefined {
  const skus = [...new Set(Object.values(ctx.state.listings).filter((l) => l.marketplaceId === marketplaceId && l.sellerId === ctx.config.sellerId).map((l) => l.sku))];
  return skus.length > 0 ? skus : undefined;
}

/** Builds the orders (not stored yet): created over the last seconds, the newest a minute before now. */
export function ordersOnDemand(ctx: SimContext, request: GenerateRequest): Array<Record<string, unknown>> {
  const marketplaceId = request.marketplaceId ?? ctx.config.marketplaceIds[0] ?? 'ATVPDKIKX0DER';
  const first = ctx.state.sequence + 1;
  ctx.state.sequence += request.generate;
  const intervalMs = 1000;
  const orders = generateOrders({
    seed: first,
    count: request.generate,
    marketplaceIds: [marketplaceId],
    skus: catalogue(ctx, marketplaceId),
    items: request.items,
    start: new Date(ctx.clock.now() - 60_000 - (request.generate + 1) * intervalMs).toISOString(),
    intervalMs,
    pendingRate: 0,
    cancelledRate: 0,
    fulfilledBy: request.fulfilledBy,
    programs: request.programs,
    replacement: request.replacement,
    business: request.business,
    idSequenceStart: first,
  });
  for (const o of orders) SimOrderSchema.parse(o);
  return orders;
}
