/**
 * Rules Amazon enforces that a JSON schema cannot express: relations between parameters, written in the parameter
 * descriptions of the official models, plus the marketplace ids Amazon knows. Each rule names the problem without
 * echoing what was received.
 */
import { z } from 'zod';
import { simMarketplace } from './marketplaces';
import type { SimOperation } from './rate-plans';

export interface RuleInput {
  query: URLSearchParams;
  body: unknown;
  /** The simulated time of the request (ms). */
  now: number;
}

const TWO_MINUTES = 2 * 60 * 1000;

function present(query: URLSearchParams, name: string): boolean {
  return query.has(name);
}

function time(query: URLSearchParams, name: string): number | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  const t = Date.parse(raw);
  return Number.isNaN(t) ? undefined : t;
}

function unknownMarketplaces(ids: readonly string[], where: string): string[] {
  return ids.some((id) => !simMarketplace(id)) ? [`${where} names a marketplace id that Amazon does not have`] : [];
}

function listValues(query: URLSearchParams, name: string): string[] {
  return (query.get(name) ?? '').split(',').filter((v) => v !== '');
}

/** Orders 2026-01-01 searchOrders: the notes on createdAfter, createdBefore, lastUpdatedAfter, lastUpdatedBefore and maxResultsPerPage. */
function searchOrdersRules({ query, now }: RuleInput): string[] {
  const problems: string[] = [];
  const created = present(query, 'createdAfter');
  const updated = present(query, 'lastUpdatedAfter');
  if (created === updated) problems.push('exactly one of createdAfter and lastUpdatedAfter must be provided');
  if ((created || present(query, 'createdBefore')) && (updated || present(query, 'lastUpdatedBefore'))) {
    problems.push('created and lastUpdated filters cannot be combined');
  }
  for (const [after, before] of [['createdAfter', 'createdBefore'], ['lastUpdatedAfter', 'lastUpdatedBefore']] as const) {
    const a = time(query, after);
    const b = time(query, before);
    if (b !== undefined && b > now - TWO_MINUTES) problems.push(`${before} must be at least two minutes before the time of the request`);
    if (a !== undefined && b !== undefined && b < a) problems.push(`${before} must be equal to or after ${after}`);
  }
  const size = query.get('maxResultsPerPage');
  if (size !== null && (!/^\d+$/.test(size) || Number(size) < 1 || Number(size) > 100)) problems.push('maxResultsPerPage must be between 1 and 100');
  problems.push(...unknownMarketplaces(listValues(query, 'marketplaceIds'), 'marketplaceIds'));
  return problems;
}

/** getReports and getFeeds: "include this token as the only parameter"; "Either reportTypes (feedTypes) or nextToken is required". */
function listingRules(typesParam: string) {
  return ({ query }: RuleInput): string[] => {
    const problems: string[] = [];
    const token = present(query, 'nextToken');
    if (token && [...query.keys()].some((k) => k !== 'nextToken')) problems.push('nextToken must be the only parameter');
    if (!token && !present(query, typesParam)) problems.push(`either ${typesParam} or nextToken is required`);
    problems.push(...unknownMarketplaces(listValues(query, 'marketplaceIds'), 'marketplaceIds'));
    return problems;
  };
}

const ConfirmBodySchema = z.object({
  marketplaceId: z.string().optional(),
  packageDetail: z.object({ carrierCode: z.string().optional(), carrierName: z.string().optional() }).passthrough().optional(),
}).passthrough();

/** Orders v0 confirmShipment: carrierName "Required when carrierCode is Other". */
function confirmShipmentRules({ body }: RuleInput): string[] {
  const parsed = ConfirmBodySchema.safeParse(body);
  if (!parsed.success) return [];
  const problems: string[] = [];
  const pkg = parsed.data.packageDetail;
  if (pkg?.carrierCode === 'Other' && !pkg.carrierName?.trim()) problems.push('packageDetail.carrierName is required when carrierCode is Other');
  if (parsed.data.marketplaceId !== undefined) problems.push(...unknownMarketplaces([parsed.data.marketplaceId], 'marketplaceId'));
  return problems;
}

const FeedBodySchema = z.object({ marketplaceIds: z.array(z.string()).optional() }).passthrough();

function createFeedRules({ body }: RuleInput): string[] {
  const parsed = FeedBodySchema.safeParse(body);
  return parsed.success ? unknownMarketplaces(parsed.data.marketplaceIds ?? [], 'marketplaceIds') : [];
}

/** Listings Items put/patch: includedData "identifiers" "can only be requested when mode is VALIDATION_PREVIEW". */
function listingsWriteRules({ query }: RuleInput): string[] {
  const problems = unknownMarketplaces(listValues(query, 'marketplaceIds'), 'marketplaceIds');
  if (listValues(query, 'includedData').includes('identifiers') && query.get('mode') !== 'VALIDATION_PREVIEW') {
    problems.push('includedData identifiers can only be requested when mode is VALIDATION_PREVIEW');
  }
  return problems;
}

function marketplaceQueryRules({ query }: RuleInput): string[] {
  return unknownMarketplaces(listValues(query, 'marketplaceIds'), 'marketplaceIds');
}

const RULES: Partial<Record<SimOperation, (input: RuleInput) => string[]>> = {
  searchOrders: searchOrdersRules,
  getReports: listingRules('reportTypes'),
  getFeeds: listingRules('feedTypes'),
  confirmShipment: confirmShipmentRules,
  createFeed: createFeedRules,
  putListingsItem: listingsWriteRules,
  patchListingsItem: listingsWriteRules,
  deleteListingsItem: marketplaceQueryRules,
  getListingsItem: marketplaceQueryRules,
};

/** The cross-field problems of a request (empty when it follows the rules). */
export function crossFieldProblems(operation: SimOperation, input: RuleInput): string[] {
  return RULES[operation]?.(input) ?? [];
}
