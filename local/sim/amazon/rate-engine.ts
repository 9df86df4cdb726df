/** The simulator's throttling: a token bucket per seller × operation with the documented rate/burst (on the simulated clock), plus per-operation counters. */
import { RATE_PLANS, type RatePlan, type SimOperation } from './rate-plans';
import type { SimClock } from './sim-clock';

export interface OperationStats {
  accepted: number;
  throttled: number;
  failed: number;
  dropped: number;
}

/** Amazon's throttling model: `rate` tokens per second restored up to `burst`; each call takes one. */
class Bucket {
  private tokens: number;

  constructor(private readonly plan: RatePlan, private updatedAt: number) {
    this.tokens = plan.burst;
  }

  take(now: number): boolean {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.plan.burst, this.tokens + elapsed * this.plan.rate);
    this.updatedAt = Math.max(this.updatedAt, now);
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}

export class RateEngine {
  private readonly buckets = new Map<string, Bucket>();
  readonly stats = new Map<string, OperationStats>();

  constructor(private readonly clock: SimClock, private readonly overrides: Partial<Record<SimOperation, RatePlan>> = {}) {}

  limitOf(operation: SimOperation): RatePlan {
    return this.overrides[operation] ?? RATE_PLANS[operation];
  }

  /** The `x-amzn-RateLimit-Limit` value: requests per real second, i.e. the documented rate times the time scale. */
  limitHeader(operation: SimOperation): string {
    return String(Number((this.limitOf(operation).rate * this.clock.timeScale).toPrecision(6)));
  }

  /** Takes a token for the caller; false means answer 429 QuotaExceeded. */
  tryAcquire(caller: string, operation: SimOperation): boolean {
    const key = `${caller}|${operation}`;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      bucket = new Bucket(this.limitOf(operation), this.clock.now());
      this.buckets.set(key, bucket);
    }
    return bucket.take(this.clock.now());
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
