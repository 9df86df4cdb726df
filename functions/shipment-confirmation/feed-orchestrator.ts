/**
 * One POST_ORDER_FULFILLMENT_DATA feed for a closed batch (sub-orchestration `shipfeed:<batchId>`): submit, poll getFeed
 * on durable timers (backing off; docs/amazon-facts.md, Feeds — processing takes minutes), then map the processing report back per message.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { z } from 'zod';
import { FEED_RESULTS_ACTIVITY, FEED_STATUS_ACTIVITY, SHIPMENT_FEED, SUBMIT_FEED_ACTIVITY } from './names';
import { FeedBatchInputSchema, FeedResultsSchema, FeedStatusSchema, SubmittedFeedSchema, isTerminal, type FeedStatus } from './feed-submission';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';

const FEED_RETRY = transientRetry(8);

/** 30 s, 60 s, then every 2 minutes, for at most about four hours. */
export const FEED_POLL_DELAYS_MS = [30_000, 60_000];
const STEADY_POLL_MS = 120_000;
const MAX_POLLS = 120;

export const FeedOutcomeSchema = z.object({
  outcome: z.enum(['done', 'paused', 'empty', 'unfinished', 'failed']),
  feedId: z.string().default(''),
  confirmed: z.number().int().default(0),
  rejected: z.number().int().default(0),
  processingStatus: z.string().default(''),
});
export type FeedOutcome = z.infer<typeof FeedOutcomeSchema>;

export function pollDelayMs(poll: number): number {
  return FEED_POLL_DELAYS_MS[poll] ?? STEADY_POLL_MS;
}

const shipmentFeed: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = FeedBatchInputSchema.parse(context.df.getInput());
  const submitted = SubmittedFeedSchema.parse(yield* callActivityPatiently(context, SUBMIT_FEED_ACTIVITY, FEED_RETRY, input));
  if (submitted.outcome !== 'submitted') {
    return { outcome: submitted.outcome, feedId: '', confirmed: 0, rejected: submitted.outcome === 'empty' ? input.confirmations.length : 0, processingStatus: '' } satisfies FeedOutcome;
  }
  let status: FeedStatus = { processingStatus: 'IN_QUEUE', resultFeedDocumentId: '' };
  for (let poll = 0; poll < MAX_POLLS && !isTerminal(status.processingStatus) && !status.failure; poll++) {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + pollDelayMs(poll)));
    status = FeedStatusSchema.parse(yield* callActivityPatiently(context, FEED_STATUS_ACTIVITY, FEED_RETRY, { sellerId: submitted.sellerId, marketplaceId: submitted.marketplaceId, feedId: submitted.feedId }));
    context.df.setCustomStatus({ feedId: submitted.feedId, processingStatus: status.processingStatus, poll });
  }
  const results = FeedResultsSchema.parse(yield* callActivityPatiently(context, FEED_RESULTS_ACTIVITY, FEED_RETRY, { ...input, feedId: submitted.feedId, status, instanceId: context.df.instanceId }));
  const outcome: FeedOutcome['outcome'] = status.failure ? (status.failure.reason === 'AUTH_FAILED' ? 'paused' : 'failed')
    : !isTerminal(status.processingStatus) ? 'unfinished' : status.processingStatus === 'DONE' ? 'done' : 'failed';
  return { outcome, feedId: submitted.feedId, confirmed: results.confirmed, rejected: results.rejected, processingStatus: status.processingStatus } satisfies FeedOutcome;
};

df.app.orchestration(SHIPMENT_FEED, shipmentFeed);
