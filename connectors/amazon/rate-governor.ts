/** The rate governor port: every SP-API call acquires a slot for (seller, operation) first, and reports what Amazon said back (docs/design.md, Error policy). */
import type { SpApiOperation } from './rate-limits';

export interface RateKey {
  sellerId: string;
  operation: SpApiOperation;
}

/** Intake (live orders, confirmations) is served before backfill (sweeps, reconciliation). */
export type RatePriority = 'intake' | 'backfill';

export interface RateObservation {
  /** `x-amzn-RateLimit-Limit` from a response (requests per second), when present. */
  limitHeader?: string;
  /** The call was answered 429 QuotaExceeded. */
  throttled?: boolean;
}

export interface RateGovernor {
  acquire(key: RateKey, priority?: RatePriority): Promise<void>;
  observe(key: RateKey, observation: RateObservation): void;
}
