/**
 * Downloads a settlement report (getReport when the document id is not known yet, then getReportDocument + gunzip) into
 * a claim check, so orchestration history carries a reference instead of a flat file that can run to megabytes.
 */
import { AuthError, PermanentError, TransientError } from '../../core/errors';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { SETTLEMENT_FLOW, SETTLEMENT_REPORT_TYPE } from './names';
import type { FetchResult, SettlementInstanceInput, SettlementOutcome } from './settlement-outcome';
import type { ReportFetchPorts } from './settlement-ports';
import { credentialsRefused, parkRefusedCredentials } from '../runtime/park-and-alert';

export async function fetchSettlementReport(input: SettlementInstanceInput, ports: ReportFetchPorts, log: LogSink): Promise<FetchResult> {
  try {
    let documentId = input.reportDocumentId;
    let marketplaceId = input.marketplaceId;
    if (documentId === undefined || marketplaceId === undefined) {
      const report = await ports.getReport(input.sellerId, input.reportId, marketplaceId);
      if (report.reportType !== SETTLEMENT_REPORT_TYPE) {
        return stop(ports, input, log, 'NOT_A_SETTLEMENT_REPORT', `report ${input.reportId} is a ${report.reportType}, not ${SETTLEMENT_REPORT_TYPE}`);
      }
      if (report.processingStatus === 'IN_QUEUE' || report.processingStatus === 'IN_PROGRESS') {
        throw new TransientError(`report ${input.reportId} is still ${report.processingStatus}`, { code: 'REPORT_NOT_READY', system: 'amazon' });
      }
      if (report.processingStatus !== 'DONE' || report.reportDocumentId === undefined) {
        return stop(ports, input, log, 'REPORT_NOT_AVAILABLE', `report ${input.reportId} ended ${report.processingStatus} without a document`);
      }
      documentId = report.reportDocumentId;
      marketplaceId ??= report.marketplaceIds?.[0];
    }
    const content = await ports.downloadReportDocument(input.sellerId, documentId, marketplaceId);
    const reference = await ports.putClaimCheck(content);
    logEvent(log, 'info', 'settlement.report-fetched', { flow: SETTLEMENT_FLOW, sellerId: input.sellerId, reportId: input.reportId, bytes: content.length });
    return { kind: 'fetched', reference, bytes: content.length, ...(marketplaceId === undefined ? {} : { marketplaceId }) };
  } catch (error) {
    if (error instanceof AuthError) {
      await parkRefusedCredentials(ports, log, error, { flow: SETTLEMENT_FLOW, id: `report:${input.reportId}`, sourceRef: sourceRef(input), instanceId: input.instanceId }, { reportId: input.reportId, instanceId: input.instanceId });
      return { kind: 'stopped', outcome: outcome('paused', 'AUTH_FAILED', credentialsRefused(error)) };
    }
    if (error instanceof PermanentError) return stop(ports, input, log, 'REPORT_NOT_AVAILABLE', error.message);
    throw error;
  }
}

function sourceRef(input: SettlementInstanceInput): string {
  return `settlement-report:${input.sellerId}:${input.reportId}`;
}

function outcome(kind: SettlementOutcome['outcome'], reason: string, message: string): SettlementOutcome {
  return { outcome: kind, reason, message, settlementId: '', key1: '', lines: 0, currency: '', totalAmount: '', difference: '', pbid: '', payments: 0 };
}

async function stop(ports: ReportFetchPorts, input: SettlementInstanceInput, log: LogSink, reason: string, message: string): Promise<FetchResult> {
  await ports.parked.park({ flow: SETTLEMENT_FLOW, id: `report:${input.reportId}`, reason, message, sourceRef: sourceRef(input), instanceId: input.instanceId, details: { sellerId: input.sellerId, reportId: input.reportId } });
  await ports.counters.increment(SETTLEMENT_FLOW, 'parked');
  logEvent(log, 'warn', 'alert.settlement-parked', { flow: SETTLEMENT_FLOW, sellerId: input.sellerId, reportId: input.reportId, reason, instanceId: input.instanceId });
  return { kind: 'stopped', outcome: outcome('parked', reason, message) };
}
