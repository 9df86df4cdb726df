/**
 * `POST /api/ops/sweep/orders` — the backfill behind `m3sync sweep orders --since`: one searchOrders page per call over
 * every seller × region in turn, each order started or signaled exactly as the sweep does, at `backfill` rate priority.
 * The reply carries a continuation for the next page and a progress fraction (by time reached within the window), so
 * the CLI can draw a progress bar and resume after an interruption. The sweep cursors are not touched.
 */
import { app } from '@azure/functions';
import * as df from 'durable-functions';
import { z } from 'zod';
import { sweepPage, sweepPorts, sweepTargets } from '../order-to-cash/sweep';
import { badInput, jsonBody, opsEndpoint } from './ops-request';

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 date-time');

const ContinuationSchema = z.object({ target: z.number().int().min(0), token: z.string().optional(), until: z.string() });

const BackfillSchema = z.object({
  since: isoDate,
  until: isoDate.optional(),
  continuation: z.string().optional(),
});

function encode(value: z.infer<typeof ContinuationSchema>): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(text: string): z.infer<typeof ContinuationSchema> {
  try {
    return ContinuationSchema.parse(JSON.parse(Buffer.from(text, 'base64url').toString('utf8')));
  } catch {
    throw badInput('continuation is not one this endpoint issued');
  }
}

/** Amazon wants lastUpdatedBefore at least a couple of minutes in the past (searchOrders model notes). */
const SETTLE_MS = 2 * 60 * 1000;

app.http('ops-backfill-orders', {
  route: 'ops/sweep/orders', methods: ['POST'], authLevel: 'anonymous', extraInputs: [df.input.durableClient()],
  handler: opsEndpoint(async (request, context, deps) => {
    const body = await jsonBody(request, BackfillSchema);
    const targets = sweepTargets(deps.sellers);
    const state = body.continuation ? decode(body.continuation) : { target: 0, token: undefined, until: new Date(body.until ? Date.parse(body.until) : Date.now() - SETTLE_MS).toISOString() };
    const since = new Date(Date.parse(body.since)).toISOString();
    if (since >= state.until) throw badInput('since must be before until');
    const target = targets[state.target];
    if (!target) return { done: true, progress: 1, orders: 0, started: 0, signaled: 0, targets: targets.length };
    const page = await sweepPage(sweepPorts(deps, df.getClient(context)), target, { after: since, before: state.until, token: state.token }, 'backfill');
    await deps.counters.increment('amazon-order-backfill', 'orders', page.orders);
    const next = page.nextToken ? { ...state, token: page.nextToken } : { target: state.target + 1, until: state.until };
    const done = next.target >= targets.length;
    // Within a target, progress is how far lastUpdatedTime has come through the window.
    const span = Date.parse(state.until) - Date.parse(since);
    const within = page.nextToken && page.lastUpdatedTime ? Math.min(1, Math.max(0, (Date.parse(page.lastUpdatedTime) - Date.parse(since)) / span)) : 1;
    return {
      done, progress: done ? 1 : (state.target + within) / targets.length,
      sellerId: target.sellerId, region: target.region, orders: page.orders, started: page.started, signaled: page.signaled,
      targets: targets.length, since, until: state.until, continuation: done ? undefined : encode(next),
    };
  }),
});
