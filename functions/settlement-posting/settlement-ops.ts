/** `GET /api/ops/settlements/{settlementId}` (operations key): the recorded posting of one settlement, for `m3sync settlement show`. */
import { app, type HttpRequest, type HttpResponseInit } from '@azure/functions';
import { dependencies } from '../runtime/dependencies';
import { opsAccess } from '../runtime/api-key';
import { reply } from '../runtime/http-replies';
import { SETTLEMENT_FLOW } from './names';
import { SettlementPostingStore, type SettlementPostingPort } from './settlement-posting-store';

/** The posting record plus the parked item when it waits for an operator; 404 when the app never saw the settlement. */
export async function settlementView(postings: SettlementPostingPort, parked: { get(flow: string, id: string): Promise<unknown> }, settlementId: string): Promise<HttpResponseInit> {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(settlementId)) return reply(400, { error: 'BAD_REQUEST', message: 'a settlement id is letters, digits, - and _ (at most 64)' });
  const posting = await postings.get(settlementId);
  if (!posting) return reply(404, { error: 'NOT_FOUND', message: `settlement ${settlementId} not found` });
  const parkedItem = await parked.get(SETTLEMENT_FLOW, settlementId);
  return reply(200, { ...posting, ...(parkedItem ? { parked: parkedItem } : {}) });
}

export async function getSettlement(request: HttpRequest): Promise<HttpResponseInit> {
  const deps = dependencies();
  const refused = opsAccess(request, deps.settings);
  if (refused) return refused;
  return settlementView(new SettlementPostingStore(deps.tables), deps.parked, request.params.settlementId ?? '');
}

app.http('ops-settlement', { route: 'ops/settlements/{settlementId}', methods: ['GET'], authLevel: 'anonymous', handler: getSettlement });
