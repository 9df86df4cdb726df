/**
 * The shipment-confirmation process manager (docs/design.md, Shipment confirmation): one instance per M3 shipment document. Deterministic:
 * it yields activities, entity calls and timers only; time comes from currentUtcDateTime; all I/O stays in activities.
 * Plan → route each seller × region group through the feed-batch entity → send per package, or hand the confirmations
 * to one POST_ORDER_FULFILLMENT_DATA feed → wait for a re-drive or a higher variation when something needs an operator.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler, Task } from 'durable-functions';
import { z } from 'zod';
import { RouteSchema } from './feed-batch';
import { FeedOutcomeSchema } from './feed-orchestrator';
import { FEED_BATCH_ENTITY, PLAN_SHIPMENT_ACTIVITY, REDRIVE_EVENT, SEND_PACKAGE_ACTIVITY, SHIPMENT_CONFIRMATION, SHIPMENT_FEED, SHIPMENT_UPDATED_EVENT, feedInstanceId } from './names';
import { PackageConfirmationSchema, ShipmentInstanceInputSchema, ShipmentPlanSchema, type PackageConfirmation, type ShipmentPlan } from './shipment-model';
import { PackageOutcomeSchema, summarizePackages, type PackageOutcome, type ShipmentOutcome } from '../../core/shipments';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';
import { takeBufferedEvent } from '../runtime/buffered-event';

/** Transient failures (throttling, 5xx, network) retry with backoff; permanent ones come back as values. */
export const SHIPMENT_RETRY = transientRetry(8);

const WAITS_FOR_OPERATOR: ReadonlySet<ShipmentOutcome['outcome']> = new Set(['parked', 'paused', 'rejected', 'partly-rejected']);

function emptyOutcome(outcome: ShipmentOutcome['outcome'], reason = '', message = ''): ShipmentOutcome {
  return { outcome, reason, message, confirmed: 0, rejected: 0, duplicates: 0, batchId: '', feedId: '' };
}

/** One seller × region group: direct calls, or a place in a feed (the first member of a feed sends it). */
function* sendGroup(context: OrchestrationContext, batchKey: string, confirmations: PackageConfirmation[]): Generator<Task, { results: PackageOutcome[]; batched?: ShipmentOutcome }, unknown> {
  const instanceId = context.df.instanceId;
  const entity = new df.EntityId(FEED_BATCH_ENTITY, batchKey);
  const route = RouteSchema.parse(yield context.df.callEntity(entity, 'offer', { instanceId, now: context.df.currentUtcDateTime.toISOString(), confirmations }));
  if (route.mode === 'direct') {
    const results: PackageOutcome[] = [];
    for (const [index, confirmation] of confirmations.entries()) {
      const sent = PackageOutcomeSchema.parse(yield* callActivityPatiently(context, SEND_PACKAGE_ACTIVITY, SHIPMENT_RETRY, { instanceId, confirmation }));
      results.push(sent);
      if (sent.outcome === 'paused') {
        // Amazon refused our credentials: the group's other packages (same seller, same region) would be refused too.
        // One alert, no more calls with a refused token; the re-drive after the fix sends them all.
        for (const rest of confirmations.slice(index + 1)) {
          results.push({ key: rest.key, amazonOrderId: rest.amazonOrderId, packageReferenceId: rest.body.packageDetail.packageReferenceId, outcome: 'paused', message: `not sent: ${sent.message}` });
        }
        break;
      }
    }
    context.df.signalEntity(entity, 'done', { instanceId });
    return { results };
  }
  const batched = { ...emptyOutcome('batched'), batchId: route.batchId };
  if (!route.leader) return { results: [], batched: { ...batched, message: `sent with feed batch ${route.batchId}` } };
  yield context.df.createTimer(new Date(context.df.currentUtcDateTime.getTime() + route.collectSeconds * 1000));
  const members = z.array(PackageConfirmationSchema).parse(yield context.df.callEntity(entity, 'close', { batchId: route.batchId }));
  const feed = FeedOutcomeSchema.parse(yield context.df.callSubOrchestrator(SHIPMENT_FEED, { batchId: route.batchId, confirmations: members }, feedInstanceId(route.batchId)));
  return { results: [], batched: { ...batched, feedId: feed.feedId, message: `feed ${feed.feedId || '-'} ${feed.outcome}: ${feed.confirmed} confirmed, ${feed.rejected} rejected (${members.length} messages)` } };
}

function* sendAll(context: OrchestrationContext, plan: ShipmentPlan): Generator<Task, ShipmentOutcome, unknown> {
  if (plan.confirmations.length === 0 && plan.duplicates === 0 && plan.reportedByAmazon.length > 0) {
    const orders = plan.reportedByAmazon.map((r) => `${r.amazonOrderId} (${r.reason})`).join(', ');
    return emptyOutcome('nothing-to-send', 'REPORTED_BY_AMAZON', `reported by Amazon's own flow, not sent: ${orders}`);
  }
  if (plan.confirmations.length === 0) return { ...emptyOutcome('nothing-to-send', 'DUPLICATE', 'every package was already confirmed for this variation'), duplicates: plan.duplicates };
  const groups = new Map<string, PackageConfirmation[]>();
  for (const c of plan.confirmations) groups.set(c.batchKey, [...(groups.get(c.batchKey) ?? []), c]);
  const results: PackageOutcome[] = [];
  let batched: ShipmentOutcome | undefined;
  for (const [batchKey, confirmations] of groups) {
    const sent = yield* sendGroup(context, batchKey, confirmations);
    results.push(...sent.results);
    batched = sent.batched ?? batched;
  }
  const direct = summarizePackages(results, plan.duplicates);
  if (!batched) return direct;
  return results.length === 0 ? { ...batched, duplicates: plan.duplicates } : { ...direct, batchId: batched.batchId, feedId: batched.feedId };
}

const shipmentConfirmation: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = ShipmentInstanceInputSchema.parse(context.df.getInput());
  const plan = ShipmentPlanSchema.parse(yield* callActivityPatiently(context, PLAN_SHIPMENT_ACTIVITY, SHIPMENT_RETRY, { ...input, instanceId: context.df.instanceId }));
  const outcome: ShipmentOutcome = plan.outcome === 'planned' ? yield* sendAll(context, plan) : emptyOutcome(plan.outcome, plan.reason, plan.message);
  context.df.setCustomStatus({ outcome: outcome.outcome, reason: outcome.reason, variationId: input.document.variationId, confirmed: outcome.confirmed, rejected: outcome.rejected, batchId: outcome.batchId, feedId: outcome.feedId });

  if (WAITS_FOR_OPERATOR.has(outcome.outcome)) {
    // Parked, paused or refused by Amazon: an operator re-drives it, or M3 sends a corrected (higher) variation.
    const updated = context.df.waitForExternalEvent(SHIPMENT_UPDATED_EVENT);
    const redrive = context.df.waitForExternalEvent(REDRIVE_EVENT);
    const winner = yield context.df.Task.any([redrive, updated]);
    context.df.continueAsNew(winner === updated ? ShipmentInstanceInputSchema.parse(updated.result) : input);
    return undefined;
  }
  // A higher variation raised while this instance was busy sits in the event buffer: take it instead of completing.
  const updated = yield* takeBufferedEvent(context, SHIPMENT_UPDATED_EVENT);
  if (updated === undefined) return outcome;
  context.df.continueAsNew(ShipmentInstanceInputSchema.parse(updated.result));
  return undefined;
};

df.app.orchestration(SHIPMENT_CONFIRMATION, shipmentConfirmation);
