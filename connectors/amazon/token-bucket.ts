/** A token bucket (SP-API's documented throttling model: rate tokens/s restored up to burst), driven by an injected clock. */
import type { RateLimit } from './rate-limits';

export class TokenBucket {
  private tokens: number;
  private updatedAt: number;

  constructor(private limit: RateLimit, now: number) {
    this.tokens = limit.burst;
    this.updatedAt = now;
  }

  get rate(): number {
    return this.limit.rate;
  }

  get burst(): number {
    return this.limit.burst;
  }

  /** Tokens available at `now` (fractional). */
  available(now: number): number {
    this.refill(now);
    return this.tokens;
  }

  /** Takes one token if there is one. */
  tryTake(now: number): boolean {
    this.refill(now);
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return true;
    }
    return false;
  }

  /** Milliseconds until one whole token is available (0 when one is). */
  msUntilToken(now: number): number {
    this.refill(now);
    if (this.tokens >= 1) return 0;
    if (this.limit.rate <= 0) return Number.POSITIVE_INFINITY;
    return Math.ceil(((1 - this.tokens) / this.limit.rate) * 1000);
  }

  /** Changes the restore rate (e.g. from `x-amzn-RateLimit-Limit`), keeping what is in the bucket. */
  setRate(rate: number, now: number): void {
    this.refill(now);
    this.limit = { ...this.limit, rate };
  }

  /** Empties the bucket: after a 429 Amazon's bucket is evidently empty, whatever we believed. */
  drain(now: number): void {
    this.refill(now);
    this.tokens = Math.min(this.tokens, 0);
  }

  private refill(now: number): void {
    const elapsed = Math.max(0, now - this.updatedAt) / 1000;
    this.tokens = Math.min(this.limit.burst, this.tokens + elapsed * this.limit.rate);
    this.updatedAt = Math.max(this.updatedAt, now);
  }
}
