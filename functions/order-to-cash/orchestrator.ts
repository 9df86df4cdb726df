/**
 * The order-to-cash process manager (docs/design.md, Order-to-cash): one instance per Amazon order. Deterministic: it only yields
 * the activity, timers and events; time comes from currentUtcDateTime; all I/O and personal data stay in the activity.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { ORDER_ACK_FEED, ORDER_CHANGED_EVENT, ORDER_TO_CASH, PROCESS_ORDER_ACTIVITY, REDRIVE_EVENT, ackFeedInstanceId } from './names';
import { z } from 'zod';
import { OrderInstanceInputSchema, OrderOutcomeSchema, isFinal, type OrderOutcome } from './order-outcome';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';
import { takeBufferedEvent } from '../runtime/buffered-event';

/** Transient failures (throttling, 5xx, M3 not available) retry with backoff; permanent ones come back as `parked`. */
export const PROCESS_ORDER_RETRY = transientRetry(8);

/** What the acknowledgement read-back (ack-feed-orchestrator.ts) ended with: accepted, refused, paused or unfinished. */
const AckOutcomeSchema = z.object({ outcome: z.string() });

/** A pending order is re-checked at least this often even if no ORDER_CHANGE arrives (notifications can be lost). */
const PENDING_RECHECK_MS = 6 * 60 * 60 * 1000;

const orderToCash: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = OrderInstanceInputSchema.parse(context.df.getInput());
  // An outage (M3 maintenance, an SP-API incident) is waited out for about a day before the instance fails.
  const raw: unknown = yield* callActivityPatiently(context, PROCESS_ORDER_ACTIVITY, PROCESS_ORDER_RETRY, { ...input, instanceId: context.df.instanceId });
  const outcome: OrderOutcome = OrderOutcomeSchema.parse(raw);
  context.df.setCustomStatus({ outcome: outcome.outcome, reason: outcome.reason, m3OrderNumber: outcome.m3OrderNumber });
  if (outcome.acknowledgement) {
    // A cancellation was sent to Amazon: read its processing report back (accepted, or parked with Amazon's message).
    const { feedId, marketplaceId } = outcome.acknowledgement;
    try {
      const ack: unknown = yield context.df.callSubOrchestrator(ORDER_ACK_FEED, { sellerId: input.sellerId, marketplaceId, amazonOrderId: input.amazonOrderId, feedId }, ackFeedInstanceId(feedId));
      context.df.setCustomStatus({ outcome: outcome.outcome, reason: outcome.reason, m3OrderNumber: outcome.m3OrderNumber, acknowledgement: AckOutcomeSchema.safeParse(ack).data?.outcome ?? '' });
    } catch {
      // The read-back failed after its own patience (visible as a failed `ackfeed:` instance, rewindable): the order stays canceled.
      context.df.setCustomStatus({ outcome: outcome.outcome, reason: outcome.reason, m3OrderNumber: outcome.m3OrderNumber, acknowledgement: 'failed' });
    }
  }
  if (isFinal(outcome.outcome)) {
    // A change raised while the activity ran (a cancellation after our getOrder) sits in the event buffer; completing
    // now would drop it and leave an M3 order open for a canceled Amazon order. Take it and look at the order again.
    if ((yield* takeBufferedEvent(context, ORDER_CHANGED_EVENT)) === undefined) return outcome;
    context.df.continueAsNew({ ...input, claimCheck: undefined, trigger: 'event' });
    return undefined;
  }

  if (outcome.outcome === 'wait') {
    // Pending at Amazon: wait for the next change (or re-check later), then start over with a fresh history.
    const changed = context.df.waitForExternalEvent(ORDER_CHANGED_EVENT);
    const recheck = context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + PENDING_RECHECK_MS));
    const winner = yield context.df.Task.any([changed, recheck]);
    if (winner === changed) recheck.cancel();
  } else {
    // Parked (unknown SKU, M3 NOK, Amazon rejection) or paused (kill switch, auth failure): an operator re-drives it.
    // A later ORDER_CHANGE (e.g. a cancellation) also wakes it, since the order may no longer need creating.
    const redrive = context.df.waitForExternalEvent(REDRIVE_EVENT);
    const changed = context.df.waitForExternalEvent(ORDER_CHANGED_EVENT);
    yield context.df.Task.any([redrive, changed]);
  }
  context.df.continueAsNew({ ...input, claimCheck: undefined, trigger: 'event' });
  return undefined;
};

df.app.orchestration(ORDER_TO_CASH, orderToCash);
