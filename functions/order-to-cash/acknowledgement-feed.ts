/**
 * Reads back what Amazon made of an order acknowledgement feed (POST_ORDER_ACKNOWLEDGEMENT_DATA, the seller's
 * cancellation), the way the shipment feed does (Feeds API 2021-06-30, docs/amazon-facts.md, Feeds): getFeed until
 * DONE, FATAL or CANCELLED, then the XML processing report. DONE without an error for the message marks the
 * acknowledgement accepted on the order link; an error result, or a feed that ended without a report, marks it refused
 * and parks it (flow `order-acknowledgement`) with Amazon's message text — a re-drive sends the feed again. Calls go
 * through the seller's SP-API client, so the shared rate governor paces them like every other SP-API call.
 */
import { z } from 'zod';
import { AuthError, PermanentError } from '../../core/errors';
import { ACK_CANCEL_REASONS } from '../../core/orders/order-acknowledgement-feed';
import { FEED_PROCESSING_STATUSES, type SpApiClient } from '../../connectors/amazon';
import type { FlowCounterStore, OrderLinkStore, ParkedStore } from '../../connectors/storage';
import { logEvent, type LogSink } from '../runtime/structured-log';
import { readProcessingReport } from '../shipment-confirmation/order-fulfillment-feed';
import { acknowledgeCancellation } from './acknowledge-cancellation';
import { changeLink } from './link-writer';
import { ORDER_ACK_FLOW, ORDER_FLOW } from './names';
import { readFeedStatus } from '../runtime/feed-status';
import { credentialsRefusedMessage } from '../runtime/park-and-alert';

export interface AckFeedPorts {
  /** The seller's SP-API client for the marketplace's region (rate-governed). */
  feeds(sellerId: string, marketplaceId: string): Pick<SpApiClient, 'getFeed' | 'getFeedDocument' | 'createFeedDocument' | 'uploadFeedDocument' | 'createFeed'>;
  links: OrderLinkStore;
  parked: Pick<ParkedStore, 'park' | 'setStatus'>;
  counters: Pick<FlowCounterStore, 'increment'>;
}

export const AckFeedInputSchema = z.object({
  sellerId: z.string().min(1),
  marketplaceId: z.string().min(1),
  amazonOrderId: z.string().min(1),
  feedId: z.string().min(1),
});
export type AckFeedInput = z.infer<typeof AckFeedInputSchema>;

export const AckFeedStatusSchema = z.object({
  processingStatus: z.enum(FEED_PROCESSING_STATUSES),
  resultFeedDocumentId: z.string().default(''),
  /** getFeed failed for good (credentials refused, feed unknown): polling stops and the acknowledgement is parked. */
  failure: z.object({ reason: z.string(), message: z.string() }).optional(),
});
export type AckFeedStatus = z.infer<typeof AckFeedStatusSchema>;

export const AckFeedResultsInputSchema = AckFeedInputSchema.extend({ status: AckFeedStatusSchema, instanceId: z.string().default('') });
export const AckFeedOutcomeSchema = z.object({
  outcome: z.enum(['accepted', 'refused', 'paused', 'unfinished']),
  feedId: z.string().default(''),
  message: z.string().default(''),
});
export type AckFeedOutcome = z.infer<typeof AckFeedOutcomeSchema>;

export const ACK_REFUSED = 'ACKNOWLEDGEMENT_REFUSED';

export function isTerminalFeedStatus(status: AckFeedStatus['processingStatus']): boolean {
  return status === 'DONE' || status === 'CANCELLED' || status === 'FATAL';
}

/**
 * The feed to follow: the one the link records — or, when the link says Amazon refused the last one (this is a
 * re-drive), a new one sent from what the link recorded. Empty when the link holds no acknowledgement at all.
 */
export async function resendRefusedAcknowledgement(input: AckFeedInput, ports: AckFeedPorts, log: LogSink): Promise<{ feedId: string; state: string }> {
  const link = await ports.links.get(input.sellerId, input.amazonOrderId);
  const ack = link?.acknowledgement;
  if (!link || !ack) return { feedId: '', state: '' };
  if (ack.state !== 'refused') return { feedId: ack.feedId, state: ack.state };
  const reason = z.enum(ACK_CANCEL_REASONS).safeParse(ack.reason);
  const orderItemIds = ack.orderItemIds.length > 0 ? ack.orderItemIds : link.lines.map((l) => l.orderItemId);
  if (!reason.success || orderItemIds.length === 0) return { feedId: ack.feedId, state: ack.state };
  const feedId = await acknowledgeCancellation({
    sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, marketplaceId: input.marketplaceId, orderItemIds, reason: reason.data, m3OrderNumber: link.m3OrderNumber || undefined,
  }, ports, log);
  return { feedId, state: 'sent' };
}

/** Permanent and auth failures come back as values (a thrown one is retried by the orchestrator). */
export async function ackFeedStatus(input: AckFeedInput, ports: AckFeedPorts): Promise<AckFeedStatus> {
  const feeds = ports.feeds(input.sellerId, input.marketplaceId);
  return readFeedStatus(input.feedId, (id) => feeds.getFeed(id));
}

/** Maps the processing report (one message: the order) onto the link; parks what Amazon refused. */
export async function applyAckFeedResults(raw: unknown, ports: AckFeedPorts, log: LogSink): Promise<AckFeedOutcome> {
  const input = AckFeedResultsInputSchema.parse(raw);
  const { status } = input;
  if (status.failure?.reason === 'AUTH_FAILED') {
    await park(input, 'AUTH_FAILED', status.failure.message, ports, log, false);
    return { outcome: 'paused', feedId: input.feedId, message: status.failure.message };
  }
  if (status.failure) return refuse(input, status.failure.reason, `the state of acknowledgement feed ${input.feedId} is unknown: ${status.failure.message}; check the order in Seller Central`, ports, log);
  if (!isTerminalFeedStatus(status.processingStatus)) {
    // Polled for hours without an end: what Amazon did is unknown, an operator looks.
    return refuse(input, 'ACK_FEED_UNFINISHED', `acknowledgement feed ${input.feedId} is still ${status.processingStatus}; check the order in Seller Central`, ports, log, 'unfinished');
  }
  if (status.processingStatus !== 'DONE' || !status.resultFeedDocumentId) {
    return refuse(input, ACK_REFUSED, `acknowledgement feed ${input.feedId} ended ${status.processingStatus} without a processing report`, ports, log);
  }
  let result: { ok: boolean; message: string };
  try {
    const report = await ports.feeds(input.sellerId, input.marketplaceId).getFeedDocument(status.resultFeedDocumentId);
    result = readProcessingReport(report.content.toString('utf8'), 1)[0]!;
  } catch (error) {
    if (error instanceof AuthError) {
      await park(input, 'AUTH_FAILED', credentialsRefusedMessage(error), ports, log, false);
      return { outcome: 'paused', feedId: input.feedId, message: credentialsRefusedMessage(error) };
    }
    if (!(error instanceof PermanentError || error instanceof z.ZodError)) throw error;
    const why = error instanceof PermanentError ? error.message : 'not an AmazonEnvelope processing report';
    return refuse(input, 'FEED_REPORT_UNREADABLE', `the processing report of acknowledgement feed ${input.feedId} cannot be read (${why}); check the order in Seller Central`, ports, log);
  }
  if (!result.ok) return refuse(input, ACK_REFUSED, `Amazon refused the cancellation of order ${input.amazonOrderId} (feed ${input.feedId}): ${result.message}`, ports, log);
  await setAcknowledgement(input, ports, 'accepted', '');
  await ports.parked.setStatus(ORDER_ACK_FLOW, input.amazonOrderId, 'resolved', `accepted by Amazon (feed ${input.feedId})`).catch(() => undefined);
  await ports.counters.increment(ORDER_FLOW, 'acknowledgement-accepted');
  logEvent(log, 'info', 'order.acknowledgement-accepted', { flow: ORDER_FLOW, sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, feedId: input.feedId });
  return { outcome: 'accepted', feedId: input.feedId, message: '' };
}

async function refuse(input: z.infer<typeof AckFeedResultsInputSchema>, reason: string, message: string, ports: AckFeedPorts, log: LogSink, outcome: 'refused' | 'unfinished' = 'refused'): Promise<AckFeedOutcome> {
  await setAcknowledgement(input, ports, 'refused', message);
  await park(input, reason, message, ports, log, true);
  return { outcome, feedId: input.feedId, message };
}

async function setAcknowledgement(input: AckFeedInput, ports: AckFeedPorts, state: 'accepted' | 'refused', message: string): Promise<void> {
  await changeLink(ports.links, input, (current) => {
    const ack = current?.acknowledgement;
    // Only the feed this run followed: a newer one (sent by a re-drive meanwhile) is not overwritten.
    if (!current || !ack || ack.feedId !== input.feedId) return undefined;
    return { ...current, acknowledgement: { ...ack, state, message } };
  });
}

async function park(input: z.infer<typeof AckFeedResultsInputSchema>, reason: string, message: string, ports: AckFeedPorts, log: LogSink, count: boolean): Promise<void> {
  await ports.parked.park({
    flow: ORDER_ACK_FLOW, id: input.amazonOrderId, reason, message, sourceRef: `amazon-order:${input.sellerId}:${input.amazonOrderId}`,
    ...(input.instanceId ? { instanceId: input.instanceId } : {}), details: { sellerId: input.sellerId, feedId: input.feedId },
  });
  if (count) await ports.counters.increment(ORDER_FLOW, 'acknowledgement-refused');
  logEvent(log, reason === 'AUTH_FAILED' ? 'error' : 'warn', reason === 'AUTH_FAILED' ? 'alert.auth-failed' : 'order.acknowledgement-refused', { flow: ORDER_ACK_FLOW, sellerId: input.sellerId, amazonOrderId: input.amazonOrderId, feedId: input.feedId, reason });
}

