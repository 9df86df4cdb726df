/** Reports API 2021-06-30 responses (reports_2021-06-30.json). */
import { z } from 'zod';

export const ReportSchema = z.object({
  reportId: z.string(),
  reportType: z.string(),
  marketplaceIds: z.array(z.string()).optional(),
  dataStartTime: z.string().optional(),
  dataEndTime: z.string().optional(),
  createdTime: z.string(),
  processingStatus: z.enum(['CANCELLED', 'DONE', 'FATAL', 'IN_PROGRESS', 'IN_QUEUE']),
  processingStartTime: z.string().optional(),
  processingEndTime: z.string().optional(),
  reportDocumentId: z.string().optional(),
}).passthrough();

export const GetReportsResponseSchema = z.object({ reports: z.array(ReportSchema), nextToken: z.string().optional() }).passthrough();
export const ReportDocumentSchema = z.object({ reportDocumentId: z.string(), url: z.string(), compressionAlgorithm: z.literal('GZIP').optional() }).passthrough();

export interface GetReportsQuery {
  reportTypes?: string[];
  processingStatuses?: Array<z.infer<typeof ReportSchema>['processingStatus']>;
  marketplaceIds?: string[];
  pageSize?: number;
  createdSince?: string;
  createdUntil?: string;
  /** When given, Amazon ignores every other parameter (reports model). */
  nextToken?: string;
}

export type Report = z.infer<typeof ReportSchema>;
export type GetReportsResponse = z.infer<typeof GetReportsResponseSchema>;
