/**
 * `settlement-sweep` (daily): lists new settlement reports per seller × region with a createdSince cursor in Table
 * Storage and starts one posting instance per report. The cursor moves only after every listed report was handed over,
 * and the next sweep re-lists the last report (createdSince is inclusive): overlap is harmless, instance ids dedupe.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import * as df from 'durable-functions';
import type { GetReportsQuery, GetReportsResponse } from '../../connectors/amazon';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { SETTLEMENT_FLOW, SETTLEMENT_REPORT_TYPE, SETTLEMENT_SWEEP } from './names';
import type { SettlementInstanceInput } from './settlement-outcome';
import { startSettlementPosting, type StartPort } from './start-settlement';

/** getReports takes at most 10 marketplace ids (reports_2021-06-30.json). */
const MAX_MARKETPLACES = 10;

export interface SweepPorts {
  sellers: { sellerId: string; region: string; marketplaceIds: string[] }[];
  getReports(sellerId: string, marketplaceId: string | undefined, query: GetReportsQuery): Promise<GetReportsResponse>;
  cursors: { get(name: string): Promise<{ value: string } | undefined>; advance(name: string, value: string): Promise<boolean> };
  start(input: SettlementInstanceInput): Promise<'started' | 'exists'>;
  isPaused(flow: string): boolean;
}

export interface SweepResult { listed: number; started: number; paused: boolean }

export function sweepCursorName(sellerId: string, region: string): string {
  return `settlement-reports:${sellerId}:${region}`;
}

export async function sweepSettlementReports(ports: SweepPorts, log: LogSink): Promise<SweepResult> {
  const result: SweepResult = { listed: 0, started: 0, paused: false };
  if (ports.isPaused(SETTLEMENT_FLOW)) {
    // Leave the cursor where it is, so the first sweep after resuming picks up what arrived meanwhile.
    logEvent(log, 'info', 'settlement.sweep-paused', { flow: SETTLEMENT_FLOW });
    return { ...result, paused: true };
  }
  for (const seller of ports.sellers) {
    const cursorName = sweepCursorName(seller.sellerId, seller.region);
    const since = (await ports.cursors.get(cursorName))?.value;
    let newest = since ?? '';
    const chunks = seller.marketplaceIds.length === 0 ? [undefined] : chunk(seller.marketplaceIds, MAX_MARKETPLACES);
    for (const marketplaceIds of chunks) {
      let nextToken: string | undefined;
      do {
        // Without createdSince Amazon looks back 90 days, the longest it keeps reports.
        const query: GetReportsQuery = nextToken !== undefined ? { nextToken } : {
          reportTypes: [SETTLEMENT_REPORT_TYPE], processingStatuses: ['DONE'], pageSize: 100,
          ...(marketplaceIds ? { marketplaceIds } : {}), ...(since ? { createdSince: since } : {}),
        };
        const page = await ports.getReports(seller.sellerId, seller.marketplaceIds[0], query);
        for (const report of page.reports) {
          if (report.processingStatus !== 'DONE' || report.reportType !== SETTLEMENT_REPORT_TYPE) continue;
          result.listed += 1;
          const marketplaceId = report.marketplaceIds?.[0];
          const how = await ports.start({
            sellerId: seller.sellerId, reportId: report.reportId, trigger: 'sweep',
            ...(report.reportDocumentId ? { reportDocumentId: report.reportDocumentId } : {}), ...(marketplaceId ? { marketplaceId } : {}),
          });
          if (how === 'started') result.started += 1;
          if (report.createdTime > newest) newest = report.createdTime;
        }
        nextToken = page.nextToken;
      } while (nextToken !== undefined);
    }
    if (newest !== '' && newest !== since) await ports.cursors.advance(cursorName, newest);
  }
  logEvent(log, 'info', 'settlement.swept', { flow: SETTLEMENT_FLOW, listed: result.listed, started: result.started });
  return result;
}

function chunk<T>(values: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += size) out.push(values.slice(i, i + size));
  return out;
}

export async function runSettlementSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  const client: StartPort = df.getClient(context);
  await sweepSettlementReports({
    sellers: deps.sellers,
    getReports: (sellerId, marketplaceId, query) => deps.amazon.forSeller(sellerId, marketplaceId).getReports(query),
    cursors: deps.cursors,
    start: (input) => startSettlementPosting(client, input),
    isPaused: (flow) => deps.switches.isPaused(flow),
  }, context);
}

// Daily at 06:30 UTC: Amazon closes settlement periods once every ~14 days, so daily is ample (docs/amazon-facts.md, Settlement reports).
app.timer(SETTLEMENT_SWEEP, { schedule: '0 30 6 * * *', extraInputs: [df.input.durableClient()], handler: runSettlementSweep });
