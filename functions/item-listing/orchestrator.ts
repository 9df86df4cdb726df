/** The item-listing process (docs/design.md, Item → listing and settlement): one activity does the listing calls; the outcome (no PII) is the instance's output. */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { ListingInputSchema, ListingOutcomeSchema } from './listing-outcome';
import { ITEM_LISTING, SYNC_LISTING_ACTIVITY } from './names';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';

/** Transient failures (throttling, 5xx) retry with backoff; Amazon's refusals come back parked. */
export const LISTING_RETRY = transientRetry(6);

const itemListing: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = ListingInputSchema.parse(context.df.getInput());
  const outcome = ListingOutcomeSchema.parse(yield* callActivityPatiently(context, SYNC_LISTING_ACTIVITY, LISTING_RETRY, input));
  context.df.setCustomStatus({ outcome: outcome.outcome, reason: outcome.reason, skus: outcome.results.length });
  return outcome;
};

df.app.orchestration(ITEM_LISTING, itemListing);
