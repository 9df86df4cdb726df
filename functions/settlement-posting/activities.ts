/** The settlement-posting activities: glue between the orchestration and the fetch/post steps, with the real connectors bound. */
import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import type { Report } from '../../connectors/amazon';
import { AuthError, PermanentError } from '../../core/errors';
import { settlementModeOf } from '../../core/settlement';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { FETCH_REPORT_ACTIVITY, POST_SETTLEMENT_ACTIVITY } from './names';
import { fetchSettlementReport } from './fetch-report';
import { processSettlement } from './post-settlement';
import { PostInputSchema, SettlementInstanceInputSchema, type FetchResult, type SettlementOutcome } from './settlement-outcome';
import type { ReportFetchPorts, SettlementPorts } from './settlement-ports';
import { SettlementPostingStore } from './settlement-posting-store';
import { ReturnsLedgerStore } from '../../connectors/storage';

export function reportFetchPorts(deps: Dependencies): ReportFetchPorts {
  return {
    getReport: (sellerId, reportId, marketplaceId) => findReport(deps, sellerId, reportId, marketplaceId),
    downloadReportDocument: async (sellerId, documentId, marketplaceId) => (await deps.amazon.forSeller(sellerId, marketplaceId).getReportDocument(documentId)).content,
    putClaimCheck: (content) => deps.claimChecks.put(content, 'text/tab-separated-values; charset=utf-8'),
    parked: deps.parked,
    counters: deps.counters,
  };
}

/**
 * A REPORT_PROCESSING_FINISHED notification names no marketplace, and each region's endpoint knows only its own
 * reports: without a marketplace, ask each region the seller sells in until one has it.
 */
async function findReport(deps: Dependencies, sellerId: string, reportId: string, marketplaceId: string | undefined): Promise<Report> {
  if (marketplaceId !== undefined) return deps.amazon.forSeller(sellerId, marketplaceId).getReport(reportId);
  const regions = deps.sellers.filter((s) => s.sellerId === sellerId);
  let notFound: unknown;
  for (const [i, seller] of regions.entries()) {
    try {
      return await deps.amazon.forSeller(sellerId, seller.marketplaceIds[0]).getReport(reportId);
    } catch (error) {
      if (!(error instanceof PermanentError) || i === regions.length - 1) throw error;
      notFound = error;
    }
  }
  throw notFound ?? new AuthError(`seller ${sellerId} has no credentials in SPAPI_SELLERS`, { code: 'SELLER_NOT_CONFIGURED', system: 'amazon' });
}

export function settlementPorts(deps: Dependencies): SettlementPorts {
  return {
    readReport: async (reference) => (await deps.claimChecks.get(reference)).toString('utf8'),
    gl: { execute: (program, transaction, params) => deps.m3().execute(program, transaction, params) },
    idempotency: deps.idempotency,
    postings: new SettlementPostingStore(deps.tables),
    parked: deps.parked,
    counters: deps.counters,
    orderLinks: deps.links,
    refundCredits: {
      enabled: async () => {
        const { returns } = await deps.mappings();
        return returns.enabled && returns.refunds.rules.length > 0;
      },
      list: async (_sellerId, amazonOrderId) => new ReturnsLedgerStore(deps.tables).refundCredits(amazonOrderId),
    },
    settlementMapping: async () => {
      const mappings = await deps.mappings();
      return { ...mappings.settlement, mode: settlementModeOf(mappings) };
    },
    switches: deps.switches,
  };
}

export async function fetchReportActivity(input: unknown, context: InvocationContext): Promise<FetchResult> {
  return fetchSettlementReport(SettlementInstanceInputSchema.parse(input), reportFetchPorts(dependencies()), context);
}

export async function postSettlementActivity(input: unknown, context: InvocationContext): Promise<SettlementOutcome> {
  const deps = dependencies();
  await deps.switches.refresh();
  return processSettlement(PostInputSchema.parse(input), settlementPorts(deps), context);
}

df.app.activity(FETCH_REPORT_ACTIVITY, { handler: fetchReportActivity });
df.app.activity(POST_SETTLEMENT_ACTIVITY, { handler: postSettlementActivity });
