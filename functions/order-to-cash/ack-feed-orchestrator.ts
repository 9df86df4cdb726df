/**
 * One order acknowledgement feed read back (sub-orchestration `ackfeed:<feedId>`, started by the order's instance after
 * it sent the feed; acknowledgement-feed.ts): a refused one is sent again first (that is its re-drive, which restarts
 * this instance from its recorded input), then getFeed is polled on durable timers with the shipment feed's schedule
 * until DONE, FATAL or CANCELLED, then the processing report decides accepted or refused (parked).
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { z } from 'zod';
import { ACK_FEED_RESEND_ACTIVITY, ACK_FEED_RESULTS_ACTIVITY, ACK_FEED_STATUS_ACTIVITY, ORDER_ACK_FEED } from './names';
import { AckFeedInputSchema, AckFeedOutcomeSchema, AckFeedStatusSchema, isTerminalFeedStatus, type AckFeedOutcome, type AckFeedStatus } from './acknowledgement-feed';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';

const ACK_FEED_RETRY = transientRetry(8);
/** 30 s, 60 s, then every 2 minutes, for at most about four hours (the shipment feed's schedule). */
const POLL_DELAYS_MS = [30_000, 60_000];
const STEADY_POLL_MS = 120_000;
const MAX_POLLS = 120;

export function ackPollDelayMs(poll: number): number {
  return POLL_DELAYS_MS[poll] ?? STEADY_POLL_MS;
}

const ResendSchema = z.object({ feedId: z.string(), state: z.string() });

const orderAckFeed: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = AckFeedInputSchema.parse(context.df.getInput());
  const current = ResendSchema.parse(yield* callActivityPatiently(context, ACK_FEED_RESEND_ACTIVITY, ACK_FEED_RETRY, input));
  if (current.state === 'accepted') return { outcome: 'accepted', feedId: current.feedId, message: '' } satisfies AckFeedOutcome;
  const feed = { ...input, feedId: current.feedId || input.feedId };
  let status: AckFeedStatus = { processingStatus: 'IN_QUEUE', resultFeedDocumentId: '' };
  for (let poll = 0; poll < MAX_POLLS && !isTerminalFeedStatus(status.processingStatus) && !status.failure; poll++) {
    yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + ackPollDelayMs(poll)));
    status = AckFeedStatusSchema.parse(yield* callActivityPatiently(context, ACK_FEED_STATUS_ACTIVITY, ACK_FEED_RETRY, feed));
    context.df.setCustomStatus({ feedId: feed.feedId, processingStatus: status.processingStatus, poll });
  }
  return AckFeedOutcomeSchema.parse(yield* callActivityPatiently(context, ACK_FEED_RESULTS_ACTIVITY, ACK_FEED_RETRY, { ...feed, status, instanceId: context.df.instanceId }));
};

df.app.orchestration(ORDER_ACK_FEED, orderAckFeed);
