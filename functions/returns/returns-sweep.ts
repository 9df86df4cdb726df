/**
 * `returns-sweep` (every 4 hours): lists new merchant returns reports (GET_FLAT_FILE_RETURNS_DATA_BY_RETURN_DATE) — and,
 * while Amazon-fulfilled orders are booked in M3, FBA customer returns reports — per seller × region from a createdSince cursor, reads each report and books every return as one OIS390 customer return
 * (return-booking.ts), then books the returns an operator re-drove. The reports themselves are scheduled by the seller
 * (Seller Central or createReportSchedule); the app only reads them. The cursor moves only after every report.
 */
import { app, type InvocationContext, type Timer } from '@azure/functions';
import type { DownloadedDocument, GetReportsQuery, GetReportsResponse } from '../../connectors/amazon';
import type { ParkedItem } from '../../connectors/storage';
import { readFbaReturnsReport, readReturnsReport, type PhysicalReturn, type ReturnsReportReading } from '../../core/returns';
import { dependencies } from '../runtime/dependencies';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { FBA_RETURNS_REPORT_TYPE, MERCHANT_RETURNS_REPORT_TYPE, RETURN_FLOW, RETURNS_CURSOR_PREFIX, RETURNS_SWEEP } from './names';
import { bookReturn } from './return-booking';
import { bookingPorts } from './returns-dependencies';
import type { BookingOutcome, BookingPorts } from './returns-ports';

export interface ReturnsSweepPorts {
  sellers: { sellerId: string; region: string; marketplaceIds: string[] }[];
  getReports(sellerId: string, marketplaceId: string | undefined, query: GetReportsQuery): Promise<GetReportsResponse>;
  getReportDocument(sellerId: string, marketplaceId: string | undefined, documentId: string): Promise<DownloadedDocument>;
  cursors: { get(name: string): Promise<{ value: string } | undefined>; advance(name: string, value: string): Promise<boolean> };
  redriven(flow: string): Promise<ParkedItem[]>;
  booking: () => Promise<BookingPorts>;
  isPaused(flow: string): boolean;
  /** Today's outcomes for the ops summary (booked, parked, skipped, waiting). */
  counters?: { increment(flow: string, outcome: string): Promise<void> };
}

export interface ReturnsSweepResult { reports: number; returns: number; booked: number; parked: number; duplicates: number; waiting: number; redriven: number; paused: boolean; disabled: boolean }

export function returnsCursorName(sellerId: string, region: string): string {
  return `${RETURNS_CURSOR_PREFIX}:${sellerId}:${region}`;
}

function count(result: ReturnsSweepResult, outcome: BookingOutcome): void {
  if (outcome.kind === 'booked') result.booked += 1;
  else if (outcome.kind === 'parked') result.parked += 1;
  else if (outcome.kind === 'waiting') result.waiting += 1;
  else result.duplicates += 1;
}

async function tally(ports: { counters?: { increment(flow: string, outcome: string): Promise<void> } }, result: Parameters<typeof count>[0], outcome: BookingOutcome): Promise<void> {
  count(result, outcome);
  if (outcome.kind !== 'duplicate') await ports.counters?.increment(RETURN_FLOW, outcome.kind);
}

interface ReportKind { reportType: string; cursor: string; read(text: string): ReturnsReportReading }

async function sweepReports(ports: ReturnsSweepPorts, booking: BookingPorts, seller: ReturnsSweepPorts['sellers'][number], kind: ReportKind, result: ReturnsSweepResult, log: LogSink): Promise<void> {
  const cursorName = `${kind.cursor}:${seller.sellerId}:${seller.region}`;
  const since = (await ports.cursors.get(cursorName))?.value;
  let newest = since ?? '';
  let nextToken: string | undefined;
  do {
    const query: GetReportsQuery = nextToken !== undefined ? { nextToken } : {
      reportTypes: [kind.reportType], processingStatuses: ['DONE'], pageSize: 100,
      ...(seller.marketplaceIds.length ? { marketplaceIds: seller.marketplaceIds.slice(0, 10) } : {}), ...(since ? { createdSince: since } : {}),
    };
    const page = await ports.getReports(seller.sellerId, seller.marketplaceIds[0], query);
    // Oldest first, so returns are booked in the order Amazon recorded them.
    for (const report of [...page.reports].reverse()) {
      if (report.processingStatus !== 'DONE' || report.reportType !== kind.reportType || !report.reportDocumentId) continue;
      result.reports += 1;
      const marketplaceId = report.marketplaceIds?.[0] ?? seller.marketplaceIds[0] ?? '';
      const doc = await ports.getReportDocument(seller.sellerId, seller.marketplaceIds[0], report.reportDocumentId);
      const reading = kind.read(doc.content.toString('utf8'));
      if (reading.skippedRows > 0) logEvent(log, 'warn', 'returns.rows-skipped', { flow: RETURN_FLOW, reportId: report.reportId, rows: reading.skippedRows });
      for (const ret of reading.returns) {
        result.returns += 1;
        await tally(ports, result, await bookReturn(booking, seller.sellerId, marketplaceId, ret));
      }
      if (report.createdTime > newest) newest = report.createdTime;
    }
    nextToken = page.nextToken;
  } while (nextToken !== undefined);
  if (newest !== '' && newest !== since) await ports.cursors.advance(cursorName, newest);
}

export async function sweepReturns(ports: ReturnsSweepPorts, log: LogSink): Promise<ReturnsSweepResult> {
  const result: ReturnsSweepResult = { reports: 0, returns: 0, booked: 0, parked: 0, duplicates: 0, waiting: 0, redriven: 0, paused: false, disabled: false };
  if (ports.isPaused(RETURN_FLOW)) return { ...result, paused: true };
  const booking = await ports.booking();
  if (!booking.mappings.returns.enabled) return { ...result, disabled: true };
  const kinds: ReportKind[] = [{ reportType: MERCHANT_RETURNS_REPORT_TYPE, cursor: RETURNS_CURSOR_PREFIX, read: readReturnsReport }];
  // FBA returns matter to M3 only while Amazon-fulfilled orders are booked there.
  if (booking.mappings.fulfillment.amazon === 'create-as-fulfilled') kinds.push({ reportType: FBA_RETURNS_REPORT_TYPE, cursor: `${RETURNS_CURSOR_PREFIX}:fba`, read: readFbaReturnsReport });
  for (const seller of ports.sellers) {
    for (const kind of kinds) await sweepReports(ports, booking, seller, kind, result, log);
  }
  for (const item of await ports.redriven(RETURN_FLOW)) {
    const source = item.source as { sellerId?: string; marketplaceId?: string; ret?: PhysicalReturn } | undefined;
    if (!source?.sellerId || !source.ret) continue;
    result.redriven += 1;
    await tally(ports, result, await bookReturn(booking, source.sellerId, source.marketplaceId ?? '', source.ret, true));
  }
  logEvent(log, 'info', 'returns.swept', { flow: RETURN_FLOW, reports: result.reports, returns: result.returns, booked: result.booked, parked: result.parked });
  return result;
}

export async function runReturnsSweep(_timer: Timer, context: InvocationContext): Promise<void> {
  const deps = dependencies();
  await deps.switches.refresh();
  await sweepReturns({
    sellers: deps.sellers,
    getReports: (sellerId, marketplaceId, query) => deps.amazon.forSeller(sellerId, marketplaceId).getReports(query),
    getReportDocument: (sellerId, marketplaceId, documentId) => deps.amazon.forSeller(sellerId, marketplaceId).getReportDocument(documentId),
    cursors: deps.cursors,
    redriven: (flow) => deps.parked.list({ flow, status: 'redriven' }),
    booking: () => bookingPorts(deps),
    isPaused: (flow) => deps.switches.isPaused(flow),
    counters: deps.counters,
  }, context);
}

// Every four hours: Amazon refreshes returns data a few times a day at most.
app.timer(RETURNS_SWEEP, { schedule: '0 40 */4 * * *', handler: runReturnsSweep });
