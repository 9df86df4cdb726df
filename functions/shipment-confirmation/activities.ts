/** The shipment-confirmation activities: glue between the orchestrations and the process functions, with the real stores and SP-API clients bound. */
import * as df from 'durable-functions';
import type { InvocationContext } from '@azure/functions';
import { z } from 'zod';
import { dependencies, type Dependencies } from '../runtime/dependencies';
import { FEED_RESULTS_ACTIVITY, FEED_STATUS_ACTIVITY, PLAN_SHIPMENT_ACTIVITY, SEND_PACKAGE_ACTIVITY, SUBMIT_FEED_ACTIVITY } from './names';
import { planShipment } from './plan-shipment';
import { sendPackage } from './send-package';
import { FeedBatchInputSchema, FeedResultsInputSchema, FeedStatusInputSchema, applyFeedResults, feedStatus, submitFeed, type FeedResults, type FeedStatus, type SubmittedFeed } from './feed-submission';
import { PackageConfirmationSchema, ShipmentInstanceInputSchema, type ShipmentPlan } from './shipment-model';
import type { PackageOutcome } from '../../core/shipments';
import type { ShipmentPorts } from './shipment-ports';

export function shipmentPorts(deps: Dependencies): ShipmentPorts {
  return {
    sellers: deps.sellers,
    links: deps.links,
    mappings: () => deps.mappings(),
    idempotency: deps.idempotency,
    parked: deps.parked,
    counters: deps.counters,
    switches: deps.switches,
    confirmShipment: (sellerId, amazonOrderId, body) => deps.amazon.forSeller(sellerId, body.marketplaceId).confirmShipment(amazonOrderId, body),
    feeds: (sellerId, marketplaceId) => deps.amazon.forSeller(sellerId, marketplaceId),
  };
}

async function ports(): Promise<ShipmentPorts> {
  const deps = dependencies();
  await deps.switches.refresh();
  return shipmentPorts(deps);
}

export async function planShipmentActivity(input: unknown, context: InvocationContext): Promise<ShipmentPlan> {
  return planShipment(ShipmentInstanceInputSchema.parse(input), await ports(), context);
}

export async function sendPackageActivity(input: unknown, context: InvocationContext): Promise<PackageOutcome> {
  const { instanceId, confirmation } = z.object({ instanceId: z.string().default(''), confirmation: PackageConfirmationSchema }).parse(input);
  return sendPackage(confirmation, await ports(), context, instanceId);
}

export async function submitFeedActivity(input: unknown, context: InvocationContext): Promise<SubmittedFeed> {
  return submitFeed(FeedBatchInputSchema.parse(input), await ports(), context);
}

export async function feedStatusActivity(input: unknown): Promise<FeedStatus> {
  return feedStatus(FeedStatusInputSchema.parse(input), await ports());
}

export async function feedResultsActivity(input: unknown, context: InvocationContext): Promise<FeedResults> {
  return applyFeedResults(FeedResultsInputSchema.parse(input), await ports(), context);
}

df.app.activity(PLAN_SHIPMENT_ACTIVITY, { handler: planShipmentActivity });
df.app.activity(SEND_PACKAGE_ACTIVITY, { handler: sendPackageActivity });
df.app.activity(SUBMIT_FEED_ACTIVITY, { handler: submitFeedActivity });
df.app.activity(FEED_STATUS_ACTIVITY, { handler: feedStatusActivity });
df.app.activity(FEED_RESULTS_ACTIVITY, { handler: feedResultsActivity });
