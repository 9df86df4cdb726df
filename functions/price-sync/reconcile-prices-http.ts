/**
 * GET /api/ops/prices/reconcile?marketplace=&offset=&limit= → one page of M3 vs Amazon offer prices;
 * POST the same route with {corrections: [...]} → buffers M3's prices and starts the flush. Operations key.
 */
import { app, type HttpRequest, type HttpResponseInit, type InvocationContext } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { AuthError, PermanentError } from '../../core/errors';
import { opsAccess } from '../runtime/api-key';
import { dependencies } from '../runtime/dependencies';
import { reply } from '../runtime/http-replies';
import { readJsonBody } from '../runtime/request-body';
import { logEvent } from '../runtime/structured-log';
import { inventoryPorts } from '../inventory-sync/inventory-ports';
import { startOrSignalFlush } from '../inventory-sync/start-flush';
import { PRICE_FLOW } from './names';
import { queuePriceCorrections, reconcilePrices, type PriceReconcilePorts } from './reconcile-prices';

const QuerySchema = z.object({
  marketplace: z.string().max(32).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

const CorrectionsSchema = z.object({
  corrections: z.array(z.object({
    sellerId: z.string().min(1).max(32), marketplaceId: z.string().min(1).max(32), sku: z.string().min(1).max(40), itemNumber: z.string().max(15),
    currency: z.string().regex(/^[A-Z]{3}$/), audience: z.enum(['ALL', 'B2B']).default('ALL'),
    // A price, or for the business offer its text: "18.00" or "18.00; fixed 5:17.00 10:16.00"; "" removes the business offer.
    m3: z.string().max(200).regex(/^(\d+(\.\d+)?(; (fixed|percent)( \d+:\d+(\.\d+)?)+)?)?$/),
  }).refine((c) => c.audience === 'B2B' || /^\d+(\.\d+)?$/.test(c.m3), { message: 'm3 of a consumer price (audience ALL) is a decimal number', path: ['m3'] })).max(100_000),
});

function failure(error: unknown): HttpResponseInit {
  if (error instanceof PermanentError) return reply(400, { error: error.code, message: error.message });
  if (error instanceof AuthError) return reply(502, { error: 'AUTH_FAILED', message: `${error.system} refused our credentials (${error.code})` });
  return reply(503, { error: 'UNAVAILABLE', message: 'try again later' });
}

export async function reconcilePricesHttp(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = dependencies();
  const refused = opsAccess(request, deps.settings);
  if (refused) return refused;
  const inventory = inventoryPorts(deps);
  const ports: PriceReconcilePorts = {
    mappings: () => deps.mappings(), sellers: inventory.refresh.sellers, m3: { execute: (p, t, params, o) => deps.m3().execute(p, t, params, o) },
    pending: inventory.prices.pending, states: inventory.prices.states, now: () => new Date(),
    listings: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
  };
  try {
    if (request.method === 'GET') {
      const query = QuerySchema.safeParse(Object.fromEntries(request.query.entries()));
      if (!query.success) return reply(400, { error: 'INVALID_QUERY', message: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      return reply(200, { ...(await reconcilePrices(query.data, ports)) });
    }
    const body = await readJsonBody(request, CorrectionsSchema, 32 * 1024 * 1024, '{"corrections": [...]}', 'INVALID_CORRECTIONS');
    if (!body.ok) return body.response;
    const result = await queuePriceCorrections(body.value.corrections, ports);
    const client = df.getClient(context);
    for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, inventory.timeScale);
    logEvent(context, 'info', 'prices.reconcile-fix', { flow: PRICE_FLOW, queued: result.queued, skipped: result.skipped });
    return reply(202, { queued: result.queued, skipped: result.skipped });
  } catch (error) {
    return failure(error);
  }
}

app.http('prices-reconcile', {
  route: 'ops/prices/reconcile', methods: ['GET', 'POST'], authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()], handler: reconcilePricesHttp,
});
