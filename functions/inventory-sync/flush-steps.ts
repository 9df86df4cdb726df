/**
 * The steps of one inventory flush round (docs/amazon-facts.md, Feeds Feeds 2021-06-30 flow): prepare a JSON_LISTINGS_FEED from the buffer
 * (only values that differ from what Amazon last accepted), submit it, read its status, and record each SKU's outcome
 * (accepted → last accepted; ERROR → parked with Amazon's code). Permanent and auth failures come back as values;
 * transient ones propagate so the durable retry policy applies.
 */
import { AuthError, PermanentError } from '../../core/errors';
import { buildListingsFeeds, planInventoryDeltas, readListingsProcessingReport, MAX_LISTINGS_FEED_MESSAGES, type SkuOutcome } from '../../core/inventory';
import type { CreateFeedDocumentResponse, CreateFeedSpecification, DownloadedDocument, Feed } from '../../connectors/amazon';
import type { ParkInput, ParkedItem } from '../../connectors/storage';
import type { FlowSwitches } from '../runtime/flow-switches';
import type { FeedSubmissions } from './feed-submission-store';
import type { PendingQuantities } from './pending-quantity-store';
import type { SkuStateUpdate, SkuStates } from './sku-quantity-state-store';
import type { PendingPrices, PriceStates } from '../price-sync/price-stores';
import { feedPrices, recordPriceOutcomes, sentPriceStates } from '../price-sync/flush-prices';
import { INVENTORY_FLOW } from './names';
import { PreparedFeedSchema, type FeedStatus, type Prepared, type PreparedFeed, type RecordInput, type Recorded, type Submitted } from './flush-model';

export const LISTINGS_FEED_CONTENT_TYPE = 'application/json; charset=UTF-8';

/** The Feeds operations a flush uses (SpApiClient implements them). */
export interface FeedClient {
  createFeedDocument(contentType: string): Promise<CreateFeedDocumentResponse>;
  uploadFeedDocument(url: string, content: string | Buffer, contentType: string): Promise<void>;
  createFeed(spec: CreateFeedSpecification): Promise<string>;
  getFeed(feedId: string): Promise<Feed>;
  getFeedDocument(feedDocumentId: string): Promise<DownloadedDocument>;
}

export interface FlushPorts {
  pending: PendingQuantities;
  states: SkuStates;
  submissions: FeedSubmissions;
  claimChecks: { put(content: string, contentType?: string): Promise<string>; get(reference: string): Promise<Buffer> };
  amazon(sellerId: string, marketplaceId: string): FeedClient;
  parked: { park(input: ParkInput): Promise<unknown>; list(filter: { flow?: string; status?: ParkedItem['status'] }): Promise<ParkedItem[]>; setStatus(flow: string, id: string, status: ParkedItem['status'], note?: string): Promise<unknown> };
  counters: { increment(flow: string, outcome: string, by?: number): Promise<void> };
  switches: FlowSwitches;
  now(): Date;
  /** Offer prices buffered by the price sweep; they ride in the same feeds (one message per SKU carries both). */
  prices?: { pending: PendingPrices; states: PriceStates };
  /** Messages per feed (Amazon's limit by default; tests use fewer). */
  maxMessagesPerFeed?: number;
}

export function parkedSkuId(sellerId: string, region: string, sku: string): string {
  return `${sellerId}:${region}:${sku}`;
}

/** Takes the first buffered marketplace group of seller × region and claim-checks a feed of its real changes. */
export async function prepareFeed(sellerId: string, region: string, ports: FlushPorts): Promise<Prepared> {
  if (ports.switches.isPaused(INVENTORY_FLOW)) return { kind: 'idle', reason: 'paused' };
  const max = ports.maxMessagesPerFeed ?? MAX_LISTINGS_FEED_MESSAGES;
  for (;;) {
    const firstQuantities = await ports.pending.firstGroup(sellerId, region, max);
    const quantityGroup = firstQuantities !== undefined && firstQuantities.rows.length > 0 ? firstQuantities.group : undefined;
    const group = quantityGroup ?? (ports.prices === undefined ? undefined : (await ports.prices.pending.groups(sellerId, region))[0]);
    if (group === undefined) return { kind: 'idle', reason: 'nothing pending' };
    const rows = quantityGroup === undefined ? [] : firstQuantities!.rows;
    const states = await ports.states.list(sellerId, region, group);
    const accepted = new Map<string, number>();
    for (const [sku, s] of states) if (s.accepted !== undefined) accepted.set(sku, s.accepted);
    const deltas = planInventoryDeltas(new Map(rows.map((r) => [r.sku, r.quantity])), accepted);
    const changed = new Set(deltas.map((d) => d.sku));
    // Values Amazon already holds are dropped from the buffer without a message ("accepted values are not re-sent").
    await ports.pending.removeSent(sellerId, region, group, rows.filter((r) => !changed.has(r.sku)));
    const prices = ports.prices === undefined ? { offers: new Map(), carried: [] } : feedPrices(await ports.prices.pending.list(sellerId, region, group), changed, max);
    if (deltas.length === 0 && prices.carried.length === 0) continue;
    const marketplaceIds = group.split('+');
    const [feed] = buildListingsFeeds(sellerId, deltas, { maxMessagesPerFeed: max, issueLocale: 'en_US', offers: prices.offers });
    if (feed === undefined) continue;
    const sent = rows.filter((r) => changed.has(r.sku));
    if (ports.switches.isDryRun(INVENTORY_FLOW)) {
      await ports.parked.park({ flow: `${INVENTORY_FLOW}-dry-run`, id: `${sellerId}:${region}:${group}`, reason: 'DRY_RUN', message: `would send a JSON_LISTINGS_FEED of ${feed.document.messages.length} messages (${sent.length} quantities, ${prices.carried.length} prices)`, sourceRef: `inventory:${sellerId}:${region}`, details: { messages: feed.document.messages.length } });
      return { kind: 'idle', reason: 'dry run' };
    }
    const body: PreparedFeed = {
      sellerId, region, group, marketplaceIds, documentText: JSON.stringify(feed.document),
      skuByMessageId: Object.fromEntries(Object.entries(feed.skuByMessageId).map(([k, v]) => [k, v])), sent, prices: prices.carried,
    };
    const ref = await ports.claimChecks.put(JSON.stringify(body), 'application/json');
    return { kind: 'feed', ref, group, marketplaceId: marketplaceIds[0]!, messages: feed.document.messages.length };
  }
}

async function readPrepared(ref: string, ports: FlushPorts): Promise<PreparedFeed> {
  return PreparedFeedSchema.parse(JSON.parse((await ports.claimChecks.get(ref)).toString('utf8')));
}

/** createFeedDocument → upload (same Content-Type, docs/amazon-facts.md, Feeds step 2) → createFeed; once per prepared document. */
export async function submitFeed(ref: string, ports: FlushPorts): Promise<Submitted> {
  const known = await ports.submissions.feedOf(ref);
  if (known !== undefined) return { kind: 'submitted', feedId: known };
  const prepared = await readPrepared(ref, ports);
  const amazon = ports.amazon(prepared.sellerId, prepared.marketplaceIds[0]!);
  try {
    const doc = await amazon.createFeedDocument(LISTINGS_FEED_CONTENT_TYPE);
    await amazon.uploadFeedDocument(doc.url, prepared.documentText, LISTINGS_FEED_CONTENT_TYPE);
    const feedId = await amazon.createFeed({ feedType: 'JSON_LISTINGS_FEED', marketplaceIds: prepared.marketplaceIds, inputFeedDocumentId: doc.feedDocumentId });
    await ports.submissions.record(ref, feedId);
    await ports.states.merge(prepared.sellerId, prepared.region, prepared.group, prepared.sent.map((s) => ({ sku: s.sku, itemNumber: s.itemNumber, sent: s.quantity, sentAt: ports.now().toISOString(), feedId })));
    if (ports.prices !== undefined) await ports.prices.states.merge(prepared.sellerId, prepared.region, prepared.group, sentPriceStates(prepared.prices, feedId));
    return { kind: 'submitted', feedId };
  } catch (error) {
    if (error instanceof PermanentError || error instanceof AuthError) return { kind: 'rejected', code: error instanceof AuthError ? 'AUTH_FAILED' : error.code, message: error.message };
    throw error;
  }
}

export async function feedStatus(sellerId: string, marketplaceId: string, feedId: string, ports: FlushPorts): Promise<FeedStatus> {
  let feed: Feed;
  try {
    feed = await ports.amazon(sellerId, marketplaceId).getFeed(feedId);
  } catch (error) {
    // Refused credentials do not heal by retrying (docs/design.md, Error policy): the feed is parked AUTH_FAILED, its values stay unaccepted.
    if (error instanceof AuthError) return { processingStatus: 'IN_PROGRESS', failure: { code: 'AUTH_FAILED', message: error.message } };
    throw error;
  }
  return feed.resultFeedDocumentId === undefined ? { processingStatus: feed.processingStatus } : { processingStatus: feed.processingStatus, resultFeedDocumentId: feed.resultFeedDocumentId };
}

/** Reads the processing report and records each SKU's outcome; clears the buffer of what was sent. */
export async function recordResults(input: RecordInput, ports: FlushPorts): Promise<Recorded> {
  const prepared = await readPrepared(input.ref, ports);
  const { sellerId, region, group } = prepared;
  const sentBySku = new Map(prepared.sent.map((s) => [s.sku, s]));
  let outcomes: SkuOutcome[] | undefined;
  let failure = input.failure;
  if (failure === undefined && input.resultFeedDocumentId !== undefined) {
    try {
      const report = await ports.amazon(sellerId, prepared.marketplaceIds[0]!).getFeedDocument(input.resultFeedDocumentId);
      const reading = readListingsProcessingReport(JSON.parse(report.content.toString('utf8')), Object.fromEntries(Object.entries(prepared.skuByMessageId).map(([k, v]) => [Number(k), v])));
      const feedError = reading.feedIssues.find((i) => i.severity === 'ERROR');
      if (feedError !== undefined) failure = { code: feedError.code || 'FEED_REJECTED', message: feedError.message };
      else outcomes = reading.outcomes;
    } catch (error) {
      if (error instanceof PermanentError) failure = { code: error.code, message: error.message };
      else if (error instanceof AuthError) failure = { code: 'AUTH_FAILED', message: error.message };
      else if (error instanceof SyntaxError) failure = { code: 'INVALID_PROCESSING_REPORT', message: 'the processing report is not JSON' };
      else throw error;
    }
  }
  if (failure === undefined && outcomes === undefined) failure = { code: `FEED_${input.processingStatus || 'UNKNOWN'}`, message: `feed ${input.feedId} ended ${input.processingStatus} without a processing report` };

  const now = ports.now().toISOString();
  let accepted = 0;
  let errors = 0;
  let parked = 0;
  if (outcomes === undefined) {
    // The whole feed failed: one parked item for the feed, not one per SKU; the values stay "not accepted" and the next sweep re-sends them.
    errors = prepared.sent.length;
    await ports.parked.park({ flow: INVENTORY_FLOW, id: `feed:${input.feedId || input.ref}`, reason: failure?.code ?? 'FEED_FAILED', message: failure?.message ?? '', sourceRef: `inventory-feed:${input.feedId}`, details: { sellerId, region, group, messages: prepared.sent.length } });
    parked = 1;
  } else {
    const updates: SkuStateUpdate[] = [];
    const parkedNow = new Map((await ports.parked.list({ flow: INVENTORY_FLOW, status: 'parked' })).map((p) => [p.id, p]));
    for (const outcome of outcomes) {
      const sent = sentBySku.get(outcome.sku);
      if (sent === undefined) continue;
      // (a SKU carrying only prices is recorded by recordPriceOutcomes below)
      const id = parkedSkuId(sellerId, region, outcome.sku);
      if (outcome.status === 'accepted') {
        accepted += 1;
        updates.push({ sku: sent.sku, itemNumber: sent.itemNumber, accepted: sent.quantity, acceptedAt: now, error: '' });
        if (parkedNow.has(id)) await ports.parked.setStatus(INVENTORY_FLOW, id, 'resolved', `quantity ${sent.quantity} accepted in feed ${input.feedId}`);
      } else {
        errors += 1;
        const first = outcome.issues.find((i) => i.severity === 'ERROR') ?? outcome.issues[0];
        updates.push({ sku: sent.sku, itemNumber: sent.itemNumber, error: first?.code || 'ERROR' });
        await ports.parked.park({
          flow: INVENTORY_FLOW, id, reason: first?.code || 'AMAZON_ERROR', message: outcome.issues.map((i) => `${i.code}: ${i.message}`).join('; '),
          sourceRef: `inventory-feed:${input.feedId}`, source: { sku: sent.sku, itemNumber: sent.itemNumber, quantity: sent.quantity, messageId: outcome.messageId },
          details: { sellerId, region, group, feedId: input.feedId },
        });
        parked += 1;
      }
    }
    await ports.states.merge(sellerId, region, group, updates);
  }
  if (ports.prices !== undefined && prepared.prices.length > 0) {
    parked += (await recordPriceOutcomes(prepared, input.feedId, outcomes, { ...ports.prices, parked: ports.parked, counters: ports.counters }, now)).parked;
  }
  await ports.pending.removeSent(sellerId, region, group, prepared.sent);
  if (accepted > 0) await ports.counters.increment(INVENTORY_FLOW, 'accepted', accepted);
  if (errors > 0) await ports.counters.increment(INVENTORY_FLOW, 'error', errors);
  return { accepted, errors, parked };
}
