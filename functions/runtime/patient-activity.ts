/**
 * Outage patience for orchestrators. `callActivityWithRetry` rides out blips (a few minutes of backoff); an M3
 * maintenance window or an SP-API incident lasts hours, and an orchestration that fails then needs an operator for
 * every order it held. So when an activity's retries are exhausted, the orchestration says so in its custom status,
 * sleeps on a durable timer (doubling up to `maxPauseMs`) and runs the whole retry policy again, for `rounds` rounds
 * (about a day by default) before it lets the failure through (Failed: visible in ops, rewindable).
 *
 * Only an outage is waited out: a failure that names a permanent or auth error, or a programming error (TypeError, a
 * schema that does not parse …), fails at once after the retry policy — it would fail the same way tomorrow.
 * Deterministic: time comes from currentUtcDateTime, the pause schedule from the round number, and the deployment's
 * number of rounds (OUTAGE_RETRY_ROUNDS) from an activity asked at the first outage, so it is recorded in history and
 * every replay sees the same answer. (An instance that was already pausing for an outage under a version that read the
 * setting during replay meets the new activity call where its history has a timer: it fails and can be rewound.)
 */
import * as df from 'durable-functions';
import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import { z } from 'zod';
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

const PatienceSchema = z.object({ rounds: z.number().int().min(1), firstPauseMs: z.number().positive(), maxPauseMs: z.number().positive() });

/** The deployment's patience: OUTAGE_RETRY_ROUNDS rounds. Read in an activity (below), never in orchestrator code. */
export function outagePatience(env: NodeJS.ProcessEnv = process.env): Patience {
  return { ...OUTAGE_PATIENCE, rounds: AppSettingsSchema.shape.OUTAGE_RETRY_ROUNDS.parse(env.OUTAGE_RETRY_ROUNDS) };
}

/** The activity that reads the deployment's patience; registered here, next to its only caller. */
export const OUTAGE_PATIENCE_ACTIVITY = 'outage-patience';
df.app.activity(OUTAGE_PATIENCE_ACTIVITY, { handler: async (): Promise<Patience> => outagePatience() });

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

/** `patience`: given by the caller (tests), else the deployment's, asked from OUTAGE_PATIENCE_ACTIVITY at the first outage. */
export function* callActivityPatiently(
  context: OrchestrationContext, name: string, retry: RetryOptions, input: unknown, given?: Patience,
): Generator<Task, unknown, unknown> {
  let patience = given;
  for (let round = 1; ; round++) {
    let result: unknown;
    try {
      result = yield context.df.callActivityWithRetry(name, retry, input);
    } catch (error) {
      if (!isOutage(error)) throw error;
      patience ??= PatienceSchema.parse(yield context.df.callActivity(OUTAGE_PATIENCE_ACTIVITY));
      if (round >= patience.rounds) throw error;
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
