/**
 * The inventory flush (docs/design.md, Inventory sync): one instance per seller × SP-API region, so at most one JSON_LISTINGS_FEED
 * of a region is in flight and the 5-submissions-per-5-minutes quota is kept. Each round: prepare (claim check) →
 * submit → poll getFeed on durable timers → record outcomes, then continue as new (history stays one round long).
 * Deterministic: time from currentUtcDateTime; only references and counts cross the history.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { JSON_LISTINGS_FEED_QUOTA } from '../../connectors/amazon';
import { FEED_STATUS_ACTIVITY, INVENTORY_FLUSH, PENDING_EVENT, PREPARE_FEED_ACTIVITY, RECORD_RESULTS_ACTIVITY, SUBMIT_FEED_ACTIVITY } from './names';
import { FeedStatusSchema, FlushInputSchema, PreparedSchema, RecordedSchema, SubmittedSchema, type FeedStatus, type RecordInput } from './flush-model';
import { transientRetry } from '../runtime/patient-activity';

export const FLUSH_RETRY = transientRetry(6);

/** Amazon processes a listings feed in minutes; poll every 30 s, give up after 2 hours (then the SKUs are parked with the feed). */
export const FEED_POLL_MS = 30_000;
export const FEED_MAX_WAIT_MS = 2 * 60 * 60 * 1000;
/** After an empty round, wait this long for a late "pending" signal before ending. */
export const LINGER_MS = 10_000;

const FINAL = new Set(['DONE', 'CANCELLED', 'FATAL']);

const inventoryFlush: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = FlushInputSchema.parse(context.df.getInput());
  const scaled = (ms: number): number => Math.max(1, Math.round(ms / input.timeScale));
  const at = (ms: number): Date => new Date(context.df.currentUtcDateTime.getTime() + scaled(ms));
  const args = { sellerId: input.sellerId, region: input.region };

  const prepared = PreparedSchema.parse(yield context.df.callActivityWithRetry(PREPARE_FEED_ACTIVITY, FLUSH_RETRY, args));
  if (prepared.kind === 'idle') {
    context.df.setCustomStatus({ state: 'idle', reason: prepared.reason });
    if (prepared.reason !== 'nothing pending') return { rounds: 0, reason: prepared.reason };
    const more = context.df.waitForExternalEvent(PENDING_EVENT);
    const linger = context.df.createTimer(at(LINGER_MS));
    const winner = yield context.df.Task.any([more, linger]);
    if (winner !== more) return { rounds: 0, reason: prepared.reason };
    linger.cancel();
    context.df.continueAsNew(input);
    return undefined;
  }

  // 5 JSON_LISTINGS_FEED submissions per 5 minutes per region (docs/amazon-facts.md, JSON_LISTINGS_FEED / changelog 2025-05-06).
  const windowMs = scaled(JSON_LISTINGS_FEED_QUOTA.windowSeconds * 1000);
  const nowMs = (): number => context.df.currentUtcDateTime.getTime();
  let recent = input.submissions.filter((t) => nowMs() - Date.parse(t) < windowMs);
  if (recent.length >= JSON_LISTINGS_FEED_QUOTA.submissions) {
    context.df.setCustomStatus({ state: 'waiting-for-quota', messages: prepared.messages });
    yield context.df.createTimer(new Date(Date.parse(recent[0]!) + windowMs));
    recent = recent.filter((t) => nowMs() - Date.parse(t) < windowMs);
  }

  const submitted = SubmittedSchema.parse(yield context.df.callActivityWithRetry(SUBMIT_FEED_ACTIVITY, FLUSH_RETRY, { ref: prepared.ref }));
  let record: RecordInput;
  if (submitted.kind === 'rejected') {
    record = { ref: prepared.ref, feedId: '', processingStatus: '', failure: { code: submitted.code, message: submitted.message } };
  } else {
    recent = [...recent, context.df.currentUtcDateTime.toISOString()];
    context.df.setCustomStatus({ state: 'processing', feedId: submitted.feedId, messages: prepared.messages });
    const deadline = nowMs() + scaled(FEED_MAX_WAIT_MS);
    let status: FeedStatus = { processingStatus: 'IN_QUEUE' };
    while (!FINAL.has(status.processingStatus) && status.failure === undefined && nowMs() < deadline) {
      yield context.df.createTimer(at(FEED_POLL_MS));
      status = FeedStatusSchema.parse(yield context.df.callActivityWithRetry(FEED_STATUS_ACTIVITY, FLUSH_RETRY, { ...args, marketplaceId: prepared.marketplaceId, feedId: submitted.feedId }));
    }
    record = status.failure !== undefined
      ? { ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, failure: status.failure }
      : FINAL.has(status.processingStatus)
      ? { ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, ...(status.resultFeedDocumentId ? { resultFeedDocumentId: status.resultFeedDocumentId } : {}) }
      : { ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, failure: { code: 'FEED_TIMEOUT', message: `feed ${submitted.feedId} still ${status.processingStatus} after ${FEED_MAX_WAIT_MS / 60000} minutes` } };
  }
  const recorded = RecordedSchema.parse(yield context.df.callActivityWithRetry(RECORD_RESULTS_ACTIVITY, FLUSH_RETRY, record));
  context.df.setCustomStatus({ state: 'recorded', ...recorded });
  context.df.continueAsNew({ ...input, submissions: recent });
  return undefined;
};

df.app.orchestration(INVENTORY_FLUSH, inventoryFlush);
