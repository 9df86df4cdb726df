/**
 * The bulk path (Feeds API 2021-06-30, docs/amazon-facts.md, Feeds): createFeedDocument → PUT with the exact content type → createFeed;
 * getFeed until a terminal status; then the processing report mapped back per MessageID to its confirmation: accepted
 * ones are recorded like API confirmations, refused ones parked with Amazon's message.
 */
import { z } from 'zod';
import { AuthError, PermanentError } from '../../core/errors';
import { FEED_PROCESSING_STATUSES } from '../../connectors/amazon';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { SHIPMENT_FLOW } from './names';
import { ORDER_FULFILLMENT_CONTENT_TYPE, ORDER_FULFILLMENT_FEED_TYPE, buildOrderFulfillmentFeed, readProcessingReport } from './order-fulfillment-feed';
import { PackageConfirmationSchema, type PackageConfirmation } from './shipment-model';
import type { ShipmentPorts } from './shipment-ports';
import { recordConfirmed, recordRejection } from './send-package';
import { readFeedStatus } from '../runtime/feed-status';
import { credentialsRefusedMessage } from '../runtime/park-and-alert';

export const FeedBatchInputSchema = z.object({ batchId: z.string(), confirmations: z.array(PackageConfirmationSchema) });
export type FeedBatchInput = z.infer<typeof FeedBatchInputSchema>;

export const SubmittedFeedSchema = z.object({
  outcome: z.enum(['submitted', 'paused', 'empty']),
  feedId: z.string().default(''),
  sellerId: z.string().default(''),
  marketplaceId: z.string().default(''),
  message: z.string().default(''),
});
export type SubmittedFeed = z.infer<typeof SubmittedFeedSchema>;

export const FeedStatusInputSchema = z.object({ sellerId: z.string(), marketplaceId: z.string(), feedId: z.string() });
export const FeedStatusSchema = z.object({
  processingStatus: z.enum(FEED_PROCESSING_STATUSES),
  resultFeedDocumentId: z.string().default(''),
  /** getFeed itself failed for good (credentials refused, feed unknown): polling stops, the members are parked with it. */
  failure: z.object({ reason: z.string(), message: z.string() }).optional(),
});
export type FeedStatus = z.infer<typeof FeedStatusSchema>;

export const FeedResultsInputSchema = FeedBatchInputSchema.extend({ feedId: z.string(), status: FeedStatusSchema, instanceId: z.string().default('') });
export const FeedResultsSchema = z.object({ confirmed: z.number().int(), rejected: z.number().int(), message: z.string().default('') });
export type FeedResults = z.infer<typeof FeedResultsSchema>;

export function isTerminal(status: FeedStatus['processingStatus']): boolean {
  return status === 'DONE' || status === 'CANCELLED' || status === 'FATAL';
}

export async function submitFeed(input: FeedBatchInput, ports: ShipmentPorts, log: LogSink): Promise<SubmittedFeed> {
  const first = input.confirmations[0];
  if (!first) return { outcome: 'empty', feedId: '', sellerId: '', marketplaceId: '', message: 'no confirmations' };
  const sellerId = first.sellerId;
  const marketplaceIds = [...new Set(input.confirmations.map((c) => c.body.marketplaceId))];
  const marketplaceId = marketplaceIds[0]!;
  try {
    const feeds = ports.feeds(sellerId, marketplaceId);
    const document = await feeds.createFeedDocument(ORDER_FULFILLMENT_CONTENT_TYPE);
    await feeds.uploadFeedDocument(document.url, buildOrderFulfillmentFeed(sellerId, input.confirmations), ORDER_FULFILLMENT_CONTENT_TYPE);
    // A retry after createFeed succeeded sends the feed again: harmless, every message edits its own package reference.
    const feedId = await feeds.createFeed({ feedType: ORDER_FULFILLMENT_FEED_TYPE, marketplaceIds: marketplaceIds.slice(0, 25), inputFeedDocumentId: document.feedDocumentId });
    await ports.counters.increment(SHIPMENT_FLOW, 'feed-submitted');
    logEvent(log, 'info', 'shipment.feed-submitted', { flow: SHIPMENT_FLOW, sellerId, feedId, batchId: input.batchId, messages: input.confirmations.length });
    return { outcome: 'submitted', feedId, sellerId, marketplaceId, message: '' };
  } catch (error) {
    if (error instanceof AuthError) {
      const message = credentialsRefusedMessage(error);
      await pauseFeedForAuth(input, error, message, ports, log);
      return { outcome: 'paused', feedId: '', sellerId, marketplaceId, message };
    }
    if (error instanceof PermanentError) {
      // Amazon refused the feed itself: every member is parked with the reason, nothing is lost.
      for (const c of input.confirmations) await recordRejection(c, `feed refused: ${error.message}`, ports, log);
      return { outcome: 'empty', feedId: '', sellerId, marketplaceId, message: error.message };
    }
    throw error;
  }
}

/** Permanent and auth failures come back as values (a thrown one is retried by the orchestrator until it fails). */
export async function feedStatus(input: z.infer<typeof FeedStatusInputSchema>, ports: ShipmentPorts): Promise<FeedStatus> {
  const feeds = ports.feeds(input.sellerId, input.marketplaceId);
  return readFeedStatus(input.feedId, (id) => feeds.getFeed(id));
}


/** Credentials refused while the feed was out: one parked item for the batch (its members as source) and an alert. */
async function pauseFeedForAuth(input: { batchId: string; confirmations: PackageConfirmation[]; instanceId?: string }, error: { system: string; code: string }, message: string, ports: ShipmentPorts, log: LogSink): Promise<void> {
  await ports.parked.park({ flow: SHIPMENT_FLOW, id: `feed:${input.batchId}`, reason: 'AUTH_FAILED', message, sourceRef: `feed-batch:${input.batchId}`, source: input.confirmations, ...(input.instanceId ? { instanceId: input.instanceId } : {}) });
  await ports.counters.increment(SHIPMENT_FLOW, 'auth-failed');
  logEvent(log, 'error', 'alert.auth-failed', { flow: SHIPMENT_FLOW, system: error.system, code: error.code, batchId: input.batchId });
}

export async function applyFeedResults(input: z.infer<typeof FeedResultsInputSchema>, ports: ShipmentPorts, log: LogSink): Promise<FeedResults> {
  const confirmations: PackageConfirmation[] = input.confirmations;
  const failure = input.status.failure;
  if (failure?.reason === 'AUTH_FAILED') {
    await pauseFeedForAuth(input, { system: 'amazon', code: 'AUTH_FAILED' }, failure.message, ports, log);
    return { confirmed: 0, rejected: 0, message: failure.message };
  }
  if (failure) {
    const why = `the state of feed ${input.feedId} is unknown: ${failure.message}`;
    for (const c of confirmations) await recordRejection(c, why, ports, log, input.instanceId, failure.reason);
    return { confirmed: 0, rejected: confirmations.length, message: why };
  }
  if (input.status.processingStatus !== 'DONE' || !input.status.resultFeedDocumentId) {
    const why = `feed ${input.feedId} ended ${input.status.processingStatus} without a processing report`;
    for (const c of confirmations) await recordRejection(c, why, ports, log, input.instanceId);
    return { confirmed: 0, rejected: confirmations.length, message: why };
  }
  const first = confirmations[0];
  if (!first) return { confirmed: 0, rejected: 0, message: '' };
  let results: ReturnType<typeof readProcessingReport>;
  try {
    const report = await ports.feeds(first.sellerId, first.body.marketplaceId).getFeedDocument(input.status.resultFeedDocumentId);
    results = readProcessingReport(report.content.toString('utf8'), confirmations.length);
  } catch (error) {
    if (error instanceof AuthError) {
      const message = credentialsRefusedMessage(error);
      await pauseFeedForAuth(input, error, message, ports, log);
      return { confirmed: 0, rejected: 0, message };
    }
    // A report that is gone or not Amazon's XML will not read better on a retry: what Amazon did is unknown, so every
    // member is parked for an operator to check in Seller Central.
    if (!(error instanceof PermanentError || error instanceof z.ZodError)) throw error;
    const why = `the processing report of feed ${input.feedId} cannot be read (${error instanceof PermanentError ? error.message : 'not an AmazonEnvelope processing report'}); check the packages in Seller Central`;
    for (const c of confirmations) await recordRejection(c, why, ports, log, input.instanceId, 'FEED_REPORT_UNREADABLE');
    return { confirmed: 0, rejected: confirmations.length, message: why };
  }
  let confirmed = 0;
  let rejected = 0;
  for (const [i, c] of confirmations.entries()) {
    const result = results[i]!;
    if (result.ok) {
      await recordConfirmed(c, `feed ${input.feedId}`, ports, log, input.instanceId);
      confirmed += 1;
    } else {
      await recordRejection(c, `feed ${input.feedId} message ${result.messageId}: ${result.message}`, ports, log, input.instanceId);
      rejected += 1;
    }
  }
  logEvent(log, 'info', 'shipment.feed-done', { flow: SHIPMENT_FLOW, feedId: input.feedId, batchId: input.batchId, confirmed, rejected });
  return { confirmed, rejected, message: '' };
}
