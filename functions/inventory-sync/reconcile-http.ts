/**
 * GET /api/ops/inventory/reconcile?marketplace=&offset=&limit= → one page of M3 vs Amazon quantities;
 * POST the same route with {corrections: [...]} → buffers them and starts the flush. Key-protected like intake.
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
import { inventoryPorts } from './inventory-ports';
import { INVENTORY_FLOW } from './names';
import { queueCorrections, reconcileInventory } from './reconcile-inventory';
import { startOrSignalFlush } from './start-flush';

const QuerySchema = z.object({
  marketplace: z.string().optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(1000).default(200),
});

export const CorrectionsSchema = z.object({
  corrections: z.array(z.object({
    sellerId: z.string().min(1), marketplaceId: z.string().min(1), sku: z.string().min(1), itemNumber: z.string(),
    m3: z.number().int().min(0), amazon: z.number().int().min(0).nullable(),
  })).max(100_000),
});

function failure(error: unknown): HttpResponseInit {
  if (error instanceof PermanentError) return reply(400, { error: error.code, message: error.message });
  if (error instanceof AuthError) return reply(502, { error: 'AUTH_FAILED', message: `${error.system} refused our credentials (${error.code})` });
  return reply(503, { error: 'UNAVAILABLE', message: error instanceof Error ? error.message : 'try again later' });
}

export async function reconcileHttp(request: HttpRequest, context: InvocationContext): Promise<HttpResponseInit> {
  const deps = dependencies();
  const refused = opsAccess(request, deps.settings);
  if (refused) return refused;
  const ports = inventoryPorts(deps);
  try {
    if (request.method === 'GET') {
      const query = QuerySchema.safeParse(Object.fromEntries(request.query.entries()));
      if (!query.success) return reply(400, { error: 'INVALID_QUERY', message: query.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ') });
      const page = await reconcileInventory(query.data, { ...ports.refresh, listings: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId) });
      return reply(200, { ...page });
    }
    const body = await readJsonBody(request, CorrectionsSchema, 32 * 1024 * 1024, '{"corrections": [...]}', 'INVALID_CORRECTIONS');
    if (!body.ok) return body.response;
    const result = await queueCorrections(body.value.corrections, ports.refresh);
    const client = df.getClient(context);
    for (const { sellerId, region } of result.regions) await startOrSignalFlush(client, sellerId, region, ports.timeScale);
    logEvent(context, 'info', 'inventory.reconcile-fix', { flow: INVENTORY_FLOW, queued: result.queued });
    return reply(202, { queued: result.queued });
  } catch (error) {
    return failure(error);
  }
}

app.http('inventory-reconcile', {
  route: 'ops/inventory/reconcile', methods: ['GET', 'POST'], authLevel: 'anonymous',
  extraInputs: [df.input.durableClient()], handler: reconcileHttp,
});
