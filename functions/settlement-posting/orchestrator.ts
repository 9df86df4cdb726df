/**
 * The settlement-posting process manager (docs/design.md, Item → listing and settlement): one instance per settlement report. Deterministic: it
 * only yields the two activities and waits for a re-drive; the report travels as a claim-check reference.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, OrchestrationHandler } from 'durable-functions';
import { FETCH_REPORT_ACTIVITY, POST_SETTLEMENT_ACTIVITY, REDRIVE_EVENT, SETTLEMENT_POSTING } from './names';
import { callActivityPatiently, transientRetry } from '../runtime/patient-activity';
import { FetchResultSchema, SettlementInstanceInputSchema, SettlementOutcomeSchema, isFinal, type SettlementOutcome } from './settlement-outcome';

/** Transient failures (throttling, 5xx, M3 not available, a report still in progress) retry with backoff. */
export const SETTLEMENT_RETRY = transientRetry(8);

const settlementPosting: OrchestrationHandler = function* (context: OrchestrationContext) {
  const input = SettlementInstanceInputSchema.parse(context.df.getInput());
  const instanceId = context.df.instanceId;
  const fetched = FetchResultSchema.parse(yield* callActivityPatiently(context, FETCH_REPORT_ACTIVITY, SETTLEMENT_RETRY, { ...input, instanceId }));
  let result: SettlementOutcome;
  if (fetched.kind === 'stopped') {
    result = fetched.outcome;
  } else {
    const marketplaceId = input.marketplaceId ?? fetched.marketplaceId;
    const raw: unknown = yield* callActivityPatiently(context, POST_SETTLEMENT_ACTIVITY, SETTLEMENT_RETRY, {
      ...input, ...(marketplaceId === undefined ? {} : { marketplaceId }), instanceId, reference: fetched.reference,
    });
    result = SettlementOutcomeSchema.parse(raw);
  }
  context.df.setCustomStatus({ outcome: result.outcome, reason: result.reason, settlementId: result.settlementId, key1: result.key1, difference: result.difference });
  if (isFinal(result.outcome)) return result;
  // Parked (unbalanced, M3 refusal) or paused (kill switch, auth): an operator fixes the cause and re-drives.
  yield context.df.waitForExternalEvent(REDRIVE_EVENT);
  context.df.continueAsNew({ ...input, trigger: 'redrive' });
  return undefined;
};

df.app.orchestration(SETTLEMENT_POSTING, settlementPosting);
