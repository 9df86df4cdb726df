/**
 * `GET /api/ops/returns?since=<iso>` (operations key): the refunds and returns the app booked, parked or skipped since
 * then (returns ledger rows, no personal data), for `m3sync returns --since` and the ops page.
 */
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import type { LedgerEntry } from '../../connectors/storage';
import { dependencies } from '../runtime/dependencies';
import { opsAccess } from '../runtime/api-key';
import { reply } from '../runtime/http-replies';
import { returnsLedger } from './returns-dependencies';

export async function returnsView(ledger: { list(since?: string): Promise<LedgerEntry[]> }, since: string): Promise<HttpResponseInit> {
  if (since !== '' && Number.isNaN(Date.parse(since))) return reply(400, { error: 'BAD_REQUEST', message: 'since must be an ISO 8601 date-time' });
  const entries = await ledger.list(since === '' ? '' : new Date(since).toISOString());
  const count = (status: LedgerEntry['status']) => entries.filter((e) => e.status === status).length;
  return reply(200, { since, entries, totals: { booked: count('booked'), parked: count('parked'), skipped: count('skipped'), booking: count('booking') } });
}

export async function getReturns(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = dependencies();
  const refused = opsAccess(request, deps.settings);
  if (refused) return refused;
  return returnsView(returnsLedger(deps), request.query.get('since') ?? '');
}

app.http('ops-returns', { route: 'ops/returns', methods: ['GET'], authLevel: 'anonymous', handler: getReturns });
