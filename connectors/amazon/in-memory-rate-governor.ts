/** In-process RateGovernor: a token bucket per seller × operation seeded from the documented table, tuned by `x-amzn-RateLimit-Limit`, emptied and slowed by a 429, intake before backfill. */
import { RATE_LIMITS, type RateLimit, type SpApiOperation } from './rate-limits';
import type { RateGovernor, RateKey, RateObservation, RatePriority } from './rate-governor';
import { TokenBucket } from './token-bucket';

export interface GovernorClock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: GovernorClock = {
  now: Date.now,
  // unref: a governor waiting for tokens must not keep a finished process alive.
  sleep: (ms) => new Promise((resolve) => { setTimeout(resolve, ms).unref(); }),
};

export interface InMemoryRateGovernorOptions {
  clock?: GovernorClock;
  limits?: Partial<Record<SpApiOperation, RateLimit>>;
  /** Seeds the documented rates this many times faster (matching a simulator's time scale). */
  timeScale?: number;
  /**
   * Headroom so network jitter never lands two calls inside Amazon's bucket at once: keep `burstReserve`
   * tokens of Amazon's burst unused and pace at `rateFactor` of the rate (default 1 token, 95 %).
   */
  burstReserve?: number;
  rateFactor?: number;
}

interface Waiter {
  priority: RatePriority;
  resolve: () => void;
}

interface Lane {
  bucket: TokenBucket;
  waiters: Waiter[];
  timerRunning: boolean;
  /** Rate before a 429 slowed it; restored by the next header. */
  nominalRate: number;
}

/** After a 429 the bucket is empty and the rate halves until Amazon's header says otherwise. */
const THROTTLE_SLOWDOWN = 0.5;

export class InMemoryRateGovernor implements RateGovernor {
  private readonly lanes = new Map<string, Lane>();
  private readonly clock: GovernorClock;

  constructor(private readonly opts: InMemoryRateGovernorOptions = {}) {
    this.clock = opts.clock ?? realClock;
  }

  acquire(key: RateKey, priority: RatePriority = 'intake'): Promise<void> {
    const lane = this.lane(key);
    return new Promise<void>((resolve) => {
      lane.waiters.push({ priority, resolve });
      this.pump(lane);
    });
  }

  observe(key: RateKey, observation: RateObservation): void {
    const lane = this.lane(key);
    const now = this.clock.now();
    if (observation.throttled) {
      lane.bucket.drain(now);
      lane.bucket.setRate(lane.nominalRate * THROTTLE_SLOWDOWN, now);
    }
    if (observation.limitHeader !== undefined) {
      const rate = Number(observation.limitHeader);
      if (Number.isFinite(rate) && rate > 0) {
        lane.nominalRate = rate * this.rateFactor();
        if (!observation.throttled) lane.bucket.setRate(rate, now);
      }
    }
  }

  /** Current rate of a lane (tests, metrics). */
  rateOf(key: RateKey): number {
    return this.lane(key).bucket.rate;
  }

  private lane(key: RateKey): Lane {
    const id = `${key.sellerId}|${key.operation}`;
    let lane = this.lanes.get(id);
    if (!lane) {
      const documented = this.opts.limits?.[key.operation] ?? RATE_LIMITS[key.operation];
      const limit = { rate: documented.rate * (this.opts.timeScale ?? 1) * this.rateFactor(), burst: Math.max(1, documented.burst - (this.opts.burstReserve ?? 1)) };
      lane = { bucket: new TokenBucket(limit, this.clock.now()), waiters: [], timerRunning: false, nominalRate: limit.rate };
      this.lanes.set(id, lane);
    }
    return lane;
  }

  private rateFactor(): number {
    return this.opts.rateFactor ?? 0.95;
  }

  private pump(lane: Lane): void {
    while (lane.waiters.length > 0 && lane.bucket.tryTake(this.clock.now())) {
      const index = lane.waiters.findIndex((w) => w.priority === 'intake');
      const [next] = lane.waiters.splice(index >= 0 ? index : 0, 1);
      next.resolve();
    }
    if (lane.waiters.length === 0 || lane.timerRunning) return;
    lane.timerRunning = true;
    const wait = Math.max(1, lane.bucket.msUntilToken(this.clock.now()));
    void this.clock.sleep(wait).then(() => {
      lane.timerRunning = false;
      this.pump(lane);
    });
  }
}
