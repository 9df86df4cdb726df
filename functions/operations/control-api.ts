/**
 * `/api/ops/flows…` (kill switch and dry run per flow), `/api/ops/dlq…` (dead letters, re-submit) and
 * `/api/ops/summary` (the ops page's numbers).
 */
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { sweepTargets, cursorName } from '../order-to-cash/sweep';
import { flowStates, switchFlow } from './flow-control';
import { listDeadLetters, resubmitDeadLetter } from './dead-letter-operations';
import { summarize } from './ops-summary';
import { listInstances } from './instance-operations';
import { redrivePorts } from './ops-ports';
import { badInput, jsonBody, opsEndpoint, param, queryOf } from './ops-request';

const FlowNameSchema = z.string().regex(/^[a-z][a-z0-9-]{1,62}$/, 'a flow name is lower-case letters, digits and dashes');
const SwitchSchema = z.object({ paused: z.boolean().optional(), dryRun: z.boolean().optional() })
  .refine((v) => v.paused !== undefined || v.dryRun !== undefined, 'give paused and/or dryRun');

app.http('ops-flows', {
  route: 'ops/flows', methods: ['GET'], authLevel: 'anonymous',
  handler: opsEndpoint(async (_request, _context, deps) => ({ flows: await flowStates(deps.switches) })),
});

app.http('ops-flow-switch', {
  route: 'ops/flows/{flow}', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context, deps) => {
    const parsedFlow = FlowNameSchema.safeParse(param(request, 'flow'));
    if (!parsedFlow.success) throw badInput(parsedFlow.error.issues[0]?.message ?? 'bad flow name');
    const flow = parsedFlow.data;
    const change = await jsonBody(request, SwitchSchema);
    const result = await switchFlow(deps.switches, redrivePorts(deps, context), flow, change);
    return { ...result };
  }),
});

const DlqQuerySchema = z.object({ queue: z.string().optional(), max: z.coerce.number().int().min(1).max(500).optional() });

app.http('ops-dlq', {
  route: 'ops/dlq', methods: ['GET'], authLevel: 'anonymous',
  handler: opsEndpoint(async (request, _context, deps) => {
    const query = queryOf(request, DlqQuerySchema);
    const messages = await listDeadLetters(deps.queues.deadLetters, query.queue, query.max);
    return { messages, total: messages.length };
  }),
});

app.http('ops-dlq-resubmit', {
  route: 'ops/dlq/{queue}/{messageId}/resubmit', methods: ['POST'], authLevel: 'anonymous',
  handler: opsEndpoint(async (request, _context, deps) => resubmitDeadLetter(deps.queues.deadLetters, param(request, 'queue'), param(request, 'messageId'))),
});

app.http('ops-summary', {
  route: 'ops/summary', methods: ['GET'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (_request, context, deps) => {
    const day = new Date().toISOString().slice(0, 10);
    const client = df.getClient(context);
    const [counts, switches, parked, failed, retrying] = await Promise.all([
      deps.counters.day(day),
      flowStates(deps.switches),
      deps.parked.list({ status: 'parked' }),
      listInstances(client, { statuses: ['Failed'], top: 1 }),
      listInstances(client, { statuses: ['Running'], outcome: 'retrying', top: 1 }),
    ]);
    const cursors = [];
    for (const target of sweepTargets(deps.sellers)) {
      const name = cursorName(target);
      const cursor = await deps.cursors.get(name);
      cursors.push({ name, value: cursor?.value ?? '', updatedAt: cursor?.updatedAt ?? '' });
    }
    return { summary: summarize(day, counts, switches, { cursors, openParked: parked.length, failedInstances: failed.total, retryingInstances: retrying.total }) };
  }),
});
