/**
 * Outage patience for orchestrators. `callActivityWithRetry` rides out blips (a few minutes of backoff); an M3
 * maintenance window or an SP-API incident lasts hours, and an orchestration that fails then needs an operator for
 * every order it held. So when an activity's retries are exhausted, the orchestration says so in its custom status,
 * sleeps on a durable timer (doubling up to `maxPauseMs`) and runs the whole retry policy again, for `rounds` rounds
 * (about a day by default) before it lets the failure through (Failed: visible in ops, rewindable).
 *
 * Only transient failures reach this: activities return permanent refusals as parked outcomes, not as exceptions.
 * Deterministic: time comes from currentUtcDateTime, the pause schedule from the round number.
 */
import type { OrchestrationContext, RetryOptions, Task } from 'durable-functions';
import { AppSettingsSchema } from '../app-settings';

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

export function* callActivityPatiently(
  context: OrchestrationContext, name: string, retry: RetryOptions, input: unknown, patience: Patience = outagePatience(),
): Generator<Task, unknown, unknown> {
  for (let round = 1; ; round++) {
    try {
      return yield context.df.callActivityWithRetry(name, retry, input);
    } catch (error) {
      if (round >= patience.rounds) throw error;
      const retryAt = new Date(context.df.currentUtcDateTime.getTime() + pauseAfterRound(round, patience));
      const status: StalledStatus = {
        outcome: 'retrying', reason: 'TRANSIENT_FAILURES', activity: name, round, retryAt: retryAt.toISOString(),
        message: (error instanceof Error ? error.message : String(error)).slice(0, 300),
      };
      context.df.setCustomStatus(status);
      yield context.df.createTimer(retryAt);
    }
  }
}
