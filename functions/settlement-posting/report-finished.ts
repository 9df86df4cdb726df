/**
 * REPORT_PROCESSING_FINISHED → settlement posting (docs/amazon-facts.md, Settlement reports: settlement reports are found by polling or this
 * notification). Called by the amazon-events queue consumer; other report types are not this flow's business.
 */
import type { NotificationEvent } from '../../core/notifications';
import { SETTLEMENT_REPORT_TYPE } from './names';
import { startSettlementPosting, type StartPort } from './start-settlement';

export type ReportFinishedResult = 'started' | 'exists' | 'ignored';

export async function handleReportFinished(client: StartPort, event: NotificationEvent): Promise<ReportFinishedResult> {
  if (event.type !== 'REPORT_PROCESSING_FINISHED' || event.reportType !== SETTLEMENT_REPORT_TYPE) return 'ignored';
  if (!event.sellerId || !event.reportId || (event.processingStatus !== undefined && event.processingStatus !== 'DONE')) return 'ignored';
  return startSettlementPosting(client, {
    sellerId: event.sellerId, reportId: event.reportId, trigger: event.notificationId,
    ...(event.documentId ? { reportDocumentId: event.documentId } : {}),
    ...(event.marketplaceId ? { marketplaceId: event.marketplaceId } : {}),
  });
}
