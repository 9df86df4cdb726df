/** `/api/ops/parked…` and `/api/ops/redrive`: parked items with filters, re-drive one or a whole reason, resolve with a note. */
import { app } from '@azure/functions';
import { z } from 'zod';
import { ParkedItemSchema } from '../../connectors/storage';
import { redriveOne, redriveReason, resolveOne } from './parked-operations';
import { redrivePorts } from './ops-ports';
import { jsonBody, notFound, opsEndpoint, param, queryOf } from './ops-request';
import * as df from 'durable-functions';

const ListQuerySchema = z.object({
  flow: z.string().optional(),
  reason: z.string().optional(),
  /** `open` = parked or re-driven (not yet resolved); default: every status. */
  status: z.enum(['parked', 'redriven', 'resolved', 'open']).optional(),
});

app.http('ops-parked', {
  route: 'ops/parked', methods: ['GET'], authLevel: 'anonymous',
  handler: opsEndpoint(async (request, _context, deps) => {
    const query = queryOf(request, ListQuerySchema);
    const status = query.status === 'open' ? undefined : query.status;
    const items = (await deps.parked.list({ flow: query.flow, reason: query.reason, status }))
      .filter((i) => query.status !== 'open' || i.status !== 'resolved')
      // The list stays light: the PII-free source document is on the single-item route.
      .map(({ source: _source, ...rest }) => rest);
    return { items, total: items.length };
  }),
});

app.http('ops-parked-item', {
  route: 'ops/parked/{flow}/{id}', methods: ['GET'], authLevel: 'anonymous',
  handler: opsEndpoint(async (request, _context, deps) => {
    const item = await deps.parked.get(param(request, 'flow'), param(request, 'id'));
    if (!item) throw notFound(`parked item ${param(request, 'flow')}/${param(request, 'id')}`);
    return { item: ParkedItemSchema.parse(item) };
  }),
});

const NoteSchema = z.object({ note: z.string().max(1000).default('') });

app.http('ops-parked-action', {
  route: 'ops/parked/{flow}/{id}/{action}', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context, deps) => {
    const flow = param(request, 'flow');
    const id = param(request, 'id');
    const action = param(request, 'action');
    if (action === 'redrive') return { redriven: await redriveOne(redrivePorts(deps, context), flow, id) };
    if (action === 'resolve') return { item: await resolveOne(deps.parked, flow, id, (await jsonBody(request, NoteSchema)).note) };
    throw notFound(`action "${action}" (redrive, resolve)`);
  }),
});

const RedriveReasonSchema = z.object({ reason: z.string().min(1), flow: z.string().optional() });

app.http('ops-redrive-reason', {
  route: 'ops/redrive', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context, deps) => {
    const body = await jsonBody(request, RedriveReasonSchema);
    return redriveReason(redrivePorts(deps, context), body.reason, body.flow);
  }),
});
