/** The simulator's throttling: a token bucket per seller × operation with the documented rate/burst (on the simulated clock), plus per-operation counters. */
import { RATE_LIMITS, type RateLimit, type SpApiOperation } from '../../../connectors/amazon/rate-limits';
import { TokenBucket } from '../../../connectors/amazon/token-bucket';
import type { SimClock } from './sim-clock';

export interface OperationStats {
  accepted: number;
  throttled: number;
  failed: number;
  dropped: number;
}

export class RateEngine {
  private readonly buckets = new Map<string, TokenBucket>();
  readonly stats = new Map<string, OperationStats>();

  constructor(private readonly clock: SimClock, private readonly overrides: Partial<Record<SpApiOperation, RateLimit>> = {}) {}

  limitOf(operation: SpApiOperation): RateLimit {
    return this.overrides[operation] ?? RATE_LIMITS[operation];
  }

  /** The `x-amzn-RateLimit-Limit` value: requests per real second, i.e. the documented rate times the time scale. */
  limitHeader(operation: SpApiOperation): string {
    return String(Number((this.limitOf(operation).rate * this.clock.timeScale).toPrecision(6)));
  }

  /** Takes a token for the caller; false means answer 429 QuotaExceeded. */
  tryAcquire(caller: string, operation: SpApiOperation): boolean {
    const key = `${caller}|${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new TokenBucket(this.limitOf(operation), this.clock.now());
      this.buckets.set(key, bucket);
    }
    return bucket.tryTake(this.clock.now());
  }

  count(operation: string, outcome: keyof OperationStats): void {
    const s = this.stats.get(operation) ?? { accepted: 0, throttled: 0, failed: 0, dropped: 0 };
    s[outcome] += 1;
    this.stats.set(operation, s);
  }

  reset(): void {
    this.buckets.clear();
    this.stats.clear();
  }
}
