/** Reports API 2021-06-30 on the simulator: getReports (filters, nextToken), getReport, getReportDocument (gzip); `POST /_sim/reports` stores a DONE report and may send REPORT_PROCESSING_FINISHED. */
import { z } from 'zod';
import { storeDocument } from './feed-processing';
import type { SimContext } from './sim-context';
import { isoAt } from './sim-context';
import { json, spError, type Route } from './sim-http';
import type { ReportRecord } from './sim-state';
import { SIM_APPLICATION_ID } from './orders-api';
import { randomUUID } from 'node:crypto';

const MODEL = 'reports-api-model/reports_2021-06-30.json';

function reportView(r: ReportRecord): Record<string, unknown> {
  return {
    reportId: r.reportId, reportType: r.reportType, marketplaceIds: r.marketplaceIds, createdTime: isoAt(r.createdTime),
    ...(r.dataStartTime ? { dataStartTime: r.dataStartTime } : {}), ...(r.dataEndTime ? { dataEndTime: r.dataEndTime } : {}),
    processingStatus: 'DONE', processingStartTime: isoAt(r.createdTime), processingEndTime: isoAt(r.createdTime), reportDocumentId: r.reportDocumentId,
  };
}

const PageSchema = z.object({ offset: z.number().int().min(0), query: z.string() });

export function reportsRoutes(ctx: SimContext): Route[] {
  return [
    {
      method: 'GET', pattern: '/reports/2021-06-30/reports', operation: 'getReports', model: { file: MODEL, path: '/reports/2021-06-30/reports', method: 'get' },
      handler: (req) => {
        let query = req.query;
        let offset = 0;
        const token = req.query.get('nextToken');
        if (token) {
          // Amazon: nextToken must be sent alone and carries the original filters.
          try {
            const page = PageSchema.parse(JSON.parse(Buffer.from(token, 'base64url').toString('utf8')));
            query = new URLSearchParams(page.query);
            offset = page.offset;
          } catch {
            return spError(400, 'InvalidInput', 'Invalid nextToken.');
          }
        }
        const types = query.get('reportTypes')?.split(',');
        const statuses = query.get('processingStatuses')?.split(',');
        const marketplaces = query.get('marketplaceIds')?.split(',');
        const pageSize = Number(query.get('pageSize') ?? 10);
        if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 100) return spError(400, 'InvalidInput', 'pageSize must be between 1 and 100.');
        const since = query.get('createdSince') ? Date.parse(query.get('createdSince') ?? '') : ctx.clock.now() - 90 * 86400000;
        const until = query.get('createdUntil') ? Date.parse(query.get('createdUntil') ?? '') : Number.POSITIVE_INFINITY;
        if (!types && !token) return spError(400, 'InvalidInput', 'reportTypes or nextToken is required.');
        const matching = Object.values(ctx.state.reports)
          .filter((r) => (!types || types.includes(r.reportType)) && (!statuses || statuses.includes('DONE')) && (!marketplaces || r.marketplaceIds.some((m) => marketplaces.includes(m))) && r.createdTime >= since && r.createdTime < until)
          .sort((a, b) => b.createdTime - a.createdTime);
        const page = matching.slice(offset, offset + pageSize);
        const body: Record<string, unknown> = { reports: page.map(reportView) };
        if (offset + pageSize < matching.length) body.nextToken = Buffer.from(JSON.stringify({ offset: offset + pageSize, query: query.toString() })).toString('base64url');
        return json(200, body);
      },
    },
    {
      method: 'GET', pattern: '/reports/2021-06-30/reports/{reportId}', operation: 'getReport', model: { file: MODEL, path: '/reports/2021-06-30/reports/{reportId}', method: 'get' },
      handler: (req) => {
        const r = ctx.state.reports[req.params.reportId];
        return r ? json(200, reportView(r)) : spError(404, 'NotFound', `Report ${req.params.reportId} was not found.`);
      },
    },
    {
      method: 'GET', pattern: '/reports/2021-06-30/documents/{reportDocumentId}', operation: 'getReportDocument', model: { file: MODEL, path: '/reports/2021-06-30/documents/{reportDocumentId}', method: 'get' },
      handler: (req) => {
        const doc = ctx.state.documents[req.params.reportDocumentId];
        if (!doc?.content) return spError(404, 'NotFound', `Report document ${req.params.reportDocumentId} was not found.`);
        return json(200, { reportDocumentId: req.params.reportDocumentId, url: `${ctx.baseUrl()}/_sim/documents/${encodeURIComponent(req.params.reportDocumentId)}`, ...(doc.gzip ? { compressionAlgorithm: 'GZIP' } : {}) });
      },
    },
    {
      method: 'POST', pattern: '/_sim/reports',
      handler: (req) => {
        const body = z.object({
          reportType: z.string().min(1), content: z.string(), marketplaceIds: z.array(z.string()).min(1).optional(),
          dataStartTime: z.string().optional(), dataEndTime: z.string().optional(), notify: z.boolean().optional(),
        }).safeParse(req.body);
        if (!body.success) return json(400, { error: 'invalid report', reasons: body.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) });
        const documentId = storeDocument(ctx, Buffer.from(body.data.content, 'utf8'), 'text/tab-separated-values; charset=UTF-8');
        ctx.state.sequence += 1;
        const reportId = String(90000000000 + ctx.state.sequence);
        const record: ReportRecord = {
          reportId, reportType: body.data.reportType, marketplaceIds: body.data.marketplaceIds ?? ctx.config.marketplaceIds.slice(0, 1), createdTime: ctx.clock.now(),
          dataStartTime: body.data.dataStartTime, dataEndTime: body.data.dataEndTime, reportDocumentId: documentId,
        };
        ctx.state.reports[reportId] = record;
        ctx.persist();
        if (body.data.notify !== false) {
          const now = isoAt(ctx.clock.now());
          // REPORT_PROCESSING_FINISHED uses the camelCase envelope (docs/amazon-facts.md, Deprecations to know first).
          ctx.notifier.send({
            notificationVersion: '2020-09-04', notificationType: 'REPORT_PROCESSING_FINISHED', payloadVersion: '2020-09-04', eventTime: now,
            payload: { reportProcessingFinishedNotification: { sellerId: ctx.config.sellerId, reportId, reportType: record.reportType, processingStatus: 'DONE', reportDocumentId: documentId } },
            notificationMetadata: { applicationId: SIM_APPLICATION_ID, subscriptionId: 'sim-report-subscription', publishTime: now, notificationId: randomUUID() },
          });
        }
        return json(201, { reportId, reportDocumentId: documentId });
      },
    },
  ];
}
