// Reads a JSON_LISTINGS_FEED processing report into one outcome per SKU (listings-feed-processing-report-schema-v2.json).
import { z } from 'zod';
import { PermanentError } from '../errors';

const IssueSchema = z.object({
  messageId: z.number().int().min(1).optional(),
  sku: z.string().min(1).optional(),
  code: z.string().optional(),
  severity: z.enum(['ERROR', 'WARNING', 'INFO']),
  message: z.string(),
  attributeName: z.string().optional(),
});

export const ListingsProcessingReportSchema = z.object({
  header: z.object({ sellerId: z.string(), version: z.literal('2.0'), feedId: z.string() }).passthrough(),
  issues: z.array(IssueSchema),
  summary: z.object({
    errors: z.number().int().min(0),
    warnings: z.number().int().min(0),
    messagesProcessed: z.number().int().min(0),
    messagesAccepted: z.number().int().min(0),
    messagesInvalid: z.number().int().min(0),
  }).passthrough(),
  items: z.array(z.record(z.unknown())).optional(),
});

export type ListingsProcessingReport = z.infer<typeof ListingsProcessingReportSchema>;

export interface ReportIssue {
  code: string;
  message: string;
  severity: 'ERROR' | 'WARNING' | 'INFO';
  attributeName?: string;
}

export type SkuOutcome =
  | { sku: string; messageId: number; status: 'accepted'; warnings: ReportIssue[] }
  | { sku: string; messageId: number; status: 'error'; issues: ReportIssue[] };

export interface ListingsReportReading {
  feedId: string;
  outcomes: SkuOutcome[];
  /** Issues not tied to a message (e.g. a malformed feed): every message is then in doubt. */
  feedIssues: ReportIssue[];
  summary: ListingsProcessingReport['summary'];
}

function toIssue(i: z.infer<typeof IssueSchema>): ReportIssue {
  const issue: ReportIssue = { code: i.code ?? '', message: i.message, severity: i.severity };
  if (i.attributeName !== undefined) issue.attributeName = i.attributeName;
  return issue;
}

/**
 * Per-SKU outcome: ERROR issues make a message an error; WARNING/INFO only still count as accepted
 * ("accepted" means queued by Amazon, docs/amazon-facts.md, JSON_LISTINGS_FEED). The report lists only messages with issues, so the
 * sent `skuByMessageId` map (from buildListingsFeeds) supplies the accepted ones; without it only
 * messages named in issues are reported.
 */
export function readListingsProcessingReport(
  json: unknown,
  skuByMessageId: Readonly<Record<number, string>> = {},
): ListingsReportReading {
  const parsed = ListingsProcessingReportSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    throw new PermanentError(
      `listings processing report is invalid at ${first?.path.join('.') || '(root)'}: ${first?.message ?? 'unknown'}`,
      { code: 'INVALID_PROCESSING_REPORT', system: 'amazon' },
    );
  }
  const report = parsed.data;
  const byMessage = new Map<number, { sku: string; issues: ReportIssue[] }>();
  for (const [id, sku] of Object.entries(skuByMessageId)) byMessage.set(Number(id), { sku, issues: [] });
  const feedIssues: ReportIssue[] = [];
  for (const raw of report.issues) {
    if (raw.messageId === undefined) {
      feedIssues.push(toIssue(raw));
      continue;
    }
    let entry = byMessage.get(raw.messageId);
    if (entry === undefined) {
      entry = { sku: raw.sku ?? '', issues: [] };
      byMessage.set(raw.messageId, entry);
    }
    if (entry.sku === '' && raw.sku !== undefined) entry.sku = raw.sku;
    entry.issues.push(toIssue(raw));
  }
  // A feed-level ERROR (no messageId) means Amazon did not process the messages: never record them as accepted.
  const feedFailed = feedIssues.some((i) => i.severity === 'ERROR');
  const outcomes: SkuOutcome[] = [...byMessage.entries()]
    .sort(([a], [b]) => a - b)
    .map(([messageId, { sku, issues }]) =>
      feedFailed ? { sku, messageId, status: 'error' as const, issues: [...issues, ...feedIssues] }
      : issues.some((i) => i.severity === 'ERROR')
        ? { sku, messageId, status: 'error' as const, issues }
        : { sku, messageId, status: 'accepted' as const, warnings: issues });
  return { feedId: report.header.feedId, outcomes, feedIssues, summary: report.summary };
}
