/**
 * The daily `completeness-check` timer (docs/contracts.md, Sandbox control) and `GET /api/ops/completeness`: compares Amazon with the
 * link table (completeness.ts), raises an alert log line and a counter when orders are missing, and keeps the latest
 * report in Table Storage for the API, the CLI and the ops page. `?run=true` checks now (optionally `since`/`until`).
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import { z } from 'zod';
import { bodyProperties, bodyText, isStatus, storageError } from '../../connectors/storage';
import type { Dependencies } from '../runtime/dependencies';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { sweepTargets } from '../order-to-cash/sweep';
import { CompletenessReportSchema, checkCompleteness, type CompletenessReport } from './completeness';
import { opsEndpoint, queryOf } from './ops-request';

export const COMPLETENESS_CHECK = 'completeness-check';
/** Daily at 02:30 UTC (NCRONTAB, 6 fields). */
export const COMPLETENESS_SCHEDULE = '0 30 2 * * *';
/** The day before, with an hour of overlap; orders touched in the last half hour may still be on their way. */
const LOOKBACK_MS = 25 * 60 * 60 * 1000;
const GRACE_MS = 30 * 60 * 1000;
const REPORT_TABLE = 'opsreports';

export async function runCompletenessCheck(deps: Dependencies, log: LogSink, window?: { since?: Date; until?: Date }, now = new Date()): Promise<CompletenessReport> {
  const until = window?.until ?? new Date(now.getTime() - GRACE_MS);
  const since = window?.since ?? new Date(until.getTime() - LOOKBACK_MS);
  const report = await checkCompleteness({
    search: (target, query) => deps.amazon.forSeller(target.sellerId, target.marketplaceIds[0]).searchOrders(query, 'backfill'),
    links: (sellerId) => deps.links.list(sellerId),
    parked: () => deps.parked.list({ flow: 'order-to-cash' }),
    mappings: () => deps.mappings(),
  }, sweepTargets(deps.sellers), { since, until }, now);
  await saveReport(deps, report);
  await deps.counters.increment(COMPLETENESS_CHECK, report.ok ? 'complete' : 'missing', report.ok ? 1 : report.missingTotal);
  if (report.ok) {
    logEvent(log, 'info', 'completeness.ok', { flow: 'order-to-cash', since: report.since, until: report.until });
  } else {
    // Order ids are not personal data; they let the operator find the orders in Seller Central.
    logEvent(log, 'error', 'alert.orders-missing-in-m3', {
      flow: 'order-to-cash', missing: report.missingTotal, since: report.since, until: report.until,
      orders: report.missing.slice(0, 20).map((m) => m.amazonOrderId).join(','),
    });
  }
  return report;
}

async function saveReport(deps: Dependencies, report: CompletenessReport): Promise<void> {
  const table = await deps.tables.table(REPORT_TABLE);
  try {
    // A day with thousands of missing orders outgrows one 64 KiB property: the body is split over several.
    await table.upsertEntity({ partitionKey: 'completeness', rowKey: 'latest', ...bodyProperties(JSON.stringify(report)) }, 'Replace');
  } catch (error) {
    throw storageError(error, 'save completeness report');
  }
}

export async function latestReport(deps: Dependencies): Promise<CompletenessReport | undefined> {
  const table = await deps.tables.table(REPORT_TABLE);
  try {
    const entity = await table.getEntity('completeness', 'latest');
    const parsed: unknown = JSON.parse(bodyText(entity));
    return CompletenessReportSchema.parse(parsed);
  } catch (error) {
    if (isStatus(error, 404)) return undefined;
    throw storageError(error, 'read completeness report');
  }
}

const isoDate = z.string().refine((v) => !Number.isNaN(Date.parse(v)), 'expected an ISO-8601 date-time').transform((v) => new Date(v));
const CompletenessQuerySchema = z.object({ run: z.enum(['true', 'false', '1', '0']).optional(), since: isoDate.optional(), until: isoDate.optional() });

app.http('ops-completeness', {
  route: 'ops/completeness', methods: ['GET', 'POST'], authLevel: 'anonymous',
  handler: opsEndpoint(async (request, context, deps) => {
    const query = queryOf(request, CompletenessQuerySchema);
    const run = request.method === 'POST' || query.run === 'true' || query.run === '1' || query.since !== undefined;
    const report = run ? await runCompletenessCheck(deps, context, { since: query.since, until: query.until }) : await latestReport(deps);
    return { report: report ?? null };
  }),
});

export async function completenessTimer(_timer: Timer, context: InvocationContext): Promise<void> {
  await runCompletenessCheck(dependencies(), context);
}

app.timer(COMPLETENESS_CHECK, { schedule: COMPLETENESS_SCHEDULE, handler: completenessTimer });
