/**
 * Outage patience for orchestrators. `callActivityWithRetry` rides out blips (a few minutes of backoff); an M3
 * maintenance window or an SP-API incident lasts hours, and an orchestration that fails then needs an operator for
 * every order it held. So when an activity's retries are exhausted, the orchestration says so in its custom status,
 * sleeps on a durable timer (doubling up to `maxPauseMs`) and runs the whole retry policy again, for `rounds` rounds
 * (about a day by default) before it lets the failure through (Failed: visible in ops, rewindable).
 *
 * Only an outage is waited out: a failure that names a permanent or auth error, or a programming error (TypeError, a
 * schema that does not parse …), fails at once after the retry policy — it would fail the same way tomorrow.
 * Deterministic: time comes from currentUtcDateTime, the pause schedule from the round number.
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import { errorKindOf } from '../../core/errors';
import { AppSettingsSchema } from '../app-settings';

/**
 * The retry policy for transient failures (throttling, 5xx, M3 not available) every orchestrator uses: 5 s first,
 * doubling, at most 5 min apart — `maxAttempts` of them ride out a blip of a few minutes; longer outages are what the
 * patience below is for.
 */
export function transientRetry(maxAttempts: number): RetryOptions {
  const retry = new df.RetryOptions(5000, maxAttempts);
  retry.backoffCoefficient = 2;
  retry.maxRetryIntervalInMilliseconds = 5 * 60 * 1000;
  return retry;
}

export interface Patience {
  /** Retry-policy rounds before the failure is let through. */
  rounds: number;
  firstPauseMs: number;
  maxPauseMs: number;
}

/** 15 min, 30 min, 1 h, 2 h, then 4 h pauses: ten rounds span about 24 hours plus the retries themselves. */
export const OUTAGE_PATIENCE: Patience = { rounds: 10, firstPauseMs: 15 * 60 * 1000, maxPauseMs: 4 * 60 * 60 * 1000 };

/** The deployment's patience: OUTAGE_RETRY_ROUNDS rounds (an app setting, so it is the same on every replay). */
export function outagePatience(env: NodeJS.ProcessEnv = process.env): Patience {
  return { ...OUTAGE_PATIENCE, rounds: AppSettingsSchema.shape.OUTAGE_RETRY_ROUNDS.parse(env.OUTAGE_RETRY_ROUNDS) };
}

/** What the custom status says while an orchestration waits out an outage (no payload: error texts carry no PII). */
export interface StalledStatus {
  outcome: 'retrying';
  reason: 'TRANSIENT_FAILURES';
  activity: string;
  round: number;
  retryAt: string;
  message: string;
}

export function pauseAfterRound(round: number, patience: Patience = OUTAGE_PATIENCE): number {
  return Math.min(patience.firstPauseMs * 2 ** (round - 1), patience.maxPauseMs);
}

const NOT_AN_OUTAGE = new Set(['TypeError', 'ReferenceError', 'SyntaxError', 'RangeError', 'ZodError']);

/**
 * Whether a failed activity looks like an outage. Its error crossed the activity boundary as text (`Reason \n Details`,
 * Details being the stack), so the first error name in it is the class the activity threw.
 */
export function isOutage(error: unknown): boolean {
  if (errorKindOf(error) !== 'transient') return false;
  const text = error instanceof Error ? error.message : String(error);
  const thrown = /\b([A-Z][A-Za-z]*Error)\b/.exec(text)?.[1];
  return thrown === undefined || !NOT_AN_OUTAGE.has(thrown);
}

export function* callActivityPatiently(
  context: OrchestrationContext, name: string, retry: RetryOptions, input: unknown, patience: Patience = outagePatience(),
): Generator<Task, unknown, unknown> {
  for (let round = 1; ; round++) {
    let result: unknown;
    try {
      result = yield context.df.callActivityWithRetry(name, retry, input);
    } catch (error) {
      if (round >= patience.rounds || !isOutage(error)) throw error;
      const retryAt = new Date(context.df.currentUtcDateTime.getTime() + pauseAfterRound(round, patience));
      // The first line is the error's message; the rest is its stack.
      const message = (error instanceof Error ? error.message : String(error)).split('\n')[0]!.trim().slice(0, 300);
      const status: StalledStatus = { outcome: 'retrying', reason: 'TRANSIENT_FAILURES', activity: name, round, retryAt: retryAt.toISOString(), message };
      context.df.setCustomStatus(status);
      yield context.df.createTimer(retryAt);
      continue;
    }
    // Recovered: the instance must not keep showing 'retrying' while it goes on with its next steps.
    if (round > 1) context.df.setCustomStatus({ outcome: 'running', activity: name, recoveredAfterRounds: round - 1 });
    return result;
  }
}
