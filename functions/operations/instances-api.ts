/**
 * `/api/ops/instances…` and `/api/ops/purge`: failed and running orchestrations (failed first), one instance, rewind,
 * restart, terminate, purge. Instance ids travel percent-encoded in the path (`o2c%3AA1%3A113-…`).
 */
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { RUNTIME_STATUSES, listInstances, purgeHistory, purgeInstance, restartInstance, rewindInstance, showInstance, terminateInstance, type RuntimeStatusName } from './instance-operations';
import { badInput, jsonBody, opsEndpoint, param, queryOf } from './ops-request';
import { dependencies } from '../runtime/dependencies';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 date-time').transform((v) => new Date(v));

/** `failed`, `running,pending` … in any casing. */
const statusList = z.string().transform((text, ctx): RuntimeStatusName[] => {
  const out: RuntimeStatusName[] = [];
  for (const part of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    const match = RUNTIME_STATUSES.find((s) => s.toLowerCase() === part.toLowerCase());
    if (!match) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, message: `unknown status "${part}" (one of ${RUNTIME_STATUSES.join(', ')})` });
      return z.NEVER;
    }
    out.push(match);
  }
  return out;
});

const ListQuerySchema = z.object({
  process: z.string().optional(),
  status: statusList.optional(),
  from: isoDate.optional(),
  to: isoDate.optional(),
  top: z.coerce.number().int().min(1).max(1000).optional(),
  /** `retrying`: instances waiting out an outage between retry rounds (functions/runtime/patient-activity.ts). */
  outcome: z.string().regex(/^[a-z-]{1,40}$/, 'expected an outcome such as retrying').optional(),
});

const ReasonSchema = z.object({ reason: z.string().max(500).default('') });

const PurgeSchema = z.object({
  /** Finished instances created before this many days ago (default 30). */
  olderThanDays: z.number().min(0).optional(),
  before: isoDate.optional(),
  statuses: z.array(z.enum(RUNTIME_STATUSES)).optional(),
});

app.http('ops-instances', {
  route: 'ops/instances', methods: ['GET'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context) => {
    const query = queryOf(request, ListQuerySchema);
    return listInstances(df.getClient(context), { process: query.process, statuses: query.status, from: query.from, to: query.to, top: query.top, outcome: query.outcome });
  }),
});

app.http('ops-instance', {
  route: 'ops/instances/{id}', methods: ['GET', 'DELETE'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context) => {
    const client = df.getClient(context);
    const id = param(request, 'id');
    if (request.method === 'DELETE') return purgeInstance(client, id);
    return { instance: await showInstance(client, id) };
  }),
});

app.http('ops-instance-action', {
  route: 'ops/instances/{id}/{action}', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context) => {
    const client = df.getClient(context);
    const id = param(request, 'id');
    const { reason } = await jsonBody(request, ReasonSchema);
    switch (param(request, 'action')) {
      case 'rewind':
        return { instance: await rewindInstance(client, id, reason) };
      case 'restart':
        return restartInstance(client, id, new Date(), dependencies().leases);
      case 'terminate':
        return { instance: await terminateInstance(client, id, reason) };
      default:
        throw badInput(`unknown action "${param(request, 'action')}" (rewind, restart, terminate)`);
    }
  }),
});

app.http('ops-purge', {
  route: 'ops/purge', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context) => {
    const body = await jsonBody(request, PurgeSchema);
    const before = body.before ?? new Date(Date.now() - (body.olderThanDays ?? 30) * 86_400_000);
    return purgeHistory(df.getClient(context), before, body.statuses);
  }),
});
