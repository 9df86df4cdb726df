/**
 * The distributed RateGovernor (docs/design.md, Error policy): one token bucket per seller × operation in a shared store
 * (Table Storage in Azure), taken with conditional writes so every function instance draws from the same bucket.
 * Callers wait for a token instead of failing; intake is served before backfill, which never takes the last
 * `intakeReserve` tokens; a 429 empties the bucket and slows it (multiplicative decrease, additive recovery).
 * Within one process, callers of a lane queue locally and one loop takes tokens for all of them in a batch, so the
 * store sees one read-modify-write per batch instead of a herd of competing writers.
 */
import { RATE_LIMITS, type RateLimit, type SpApiOperation } from './rate-limits';
import type { RateGovernor, RateKey, RateObservation, RatePriority } from './rate-governor';
import type { BucketRecord, BucketState, BucketStore } from './rate-bucket-store';
import { realClock, type GovernorClock } from './in-memory-rate-governor';

export interface SharedRateGovernorOptions {
  store: BucketStore;
  clock?: GovernorClock;
  limits?: Partial<Record<SpApiOperation, RateLimit>>;
  /** Seeds the documented rates this many times faster (matching a simulator's time scale). */
  timeScale?: number;
  /** Tokens of Amazon's burst never used, so jitter never lands two calls in Amazon's bucket at once (default 1). */
  burstReserve?: number;
  /** Share of Amazon's rate we pace at (default 0.95). */
  rateFactor?: number;
  /** Share of the burst that backfill leaves for intake (default 0.2, at least one token). */
  intakeShare?: number;
  /** Most tokens one batch takes for this process (default 10): other instances keep their share of a full bucket. */
  maxBatch?: number;
}

interface Waiter {
  priority: RatePriority;
  resolve: () => void;
  reject: (error: unknown) => void;
}

interface Lane {
  id: string;
  operation: SpApiOperation;
  waiters: Waiter[];
  running: boolean;
  /** Ends the loop's current sleep early: an intake caller must not wait behind a backfill caller's longer wait. */
  wake?: () => void;
  /** The last record this process wrote or read: a take is tried against it first (one storage request when alone). */
  known?: BucketRecord;
  /** Last header rate seen, so an unchanged header costs no write. */
  headerRate?: number;
}

/** After a 429 the rate is multiplied by this (not below MIN_SLOWDOWN); each success adds RECOVERY back. */
const THROTTLE_DECREASE = 0.8;
const MIN_SLOWDOWN = 0.5;
const RECOVERY = 0.02;
/** A store write lost to another instance is retried at once, up to this many times, before the loop backs off. */
const MAX_CONFLICTS = 20;

export class SharedRateGovernor implements RateGovernor {
  private readonly lanes = new Map<string, Lane>();
  private readonly clock: GovernorClock;

  constructor(private readonly opts: SharedRateGovernorOptions) {
    this.clock = opts.clock ?? realClock;
  }

  acquire(key: RateKey, priority: RatePriority = 'intake'): Promise<void> {
    const lane = this.lane(key);
    return new Promise<void>((resolve, reject) => {
      lane.waiters.push({ priority, resolve, reject });
      if (priority === 'intake') lane.wake?.();
      this.run(lane);
    });
  }

  observe(key: RateKey, observation: RateObservation): void {
    const lane = this.lane(key);
    const headerRate = observation.limitHeader === undefined ? undefined : Number(observation.limitHeader);
    const validHeader = headerRate !== undefined && Number.isFinite(headerRate) && headerRate > 0 && headerRate !== lane.headerRate;
    if (validHeader) lane.headerRate = headerRate;
    const knownRate = lane.known?.state.nominalRate;
    // An unchanged rate costs no write (the simulator and Amazon send the header on every answer).
    const freshHeader = validHeader && (knownRate === undefined || Math.abs(knownRate - headerRate * this.rateFactor()) > knownRate * 1e-4);
    const recovering = !observation.throttled && (lane.known?.state.slowdown ?? 1) < 1;
    if (!observation.throttled && !freshHeader && !recovering) return;
    // Best effort: the call itself is done; a lost update only means the next one adjusts the bucket.
    void this.update(lane, (state) => {
      const next = { ...state };
      if (freshHeader && headerRate !== undefined) next.nominalRate = headerRate * this.rateFactor();
      if (observation.throttled) {
        next.tokens = Math.min(next.tokens, 0);
        next.slowdown = Math.max(MIN_SLOWDOWN, next.slowdown * THROTTLE_DECREASE);
      } else if (next.slowdown < 1) {
        next.slowdown = Math.min(1, next.slowdown + RECOVERY);
      }
      return next;
    }).catch(() => undefined);
  }

  /** Effective rate of a lane as this process last saw it (tests, metrics). */
  async rateOf(key: RateKey): Promise<number> {
    const lane = this.lane(key);
    const record = await this.current(lane);
    return record.state.nominalRate * record.state.slowdown;
  }

  private lane(key: RateKey): Lane {
    const id = `${key.sellerId}|${key.operation}`;
    let lane = this.lanes.get(id);
    if (!lane) {
      lane = { id, operation: key.operation, waiters: [], running: false };
      this.lanes.set(id, lane);
    }
    return lane;
  }

  private rateFactor(): number {
    return this.opts.rateFactor ?? 0.95;
  }

  private seed(operation: SpApiOperation): BucketState {
    const documented = this.opts.limits?.[operation] ?? RATE_LIMITS[operation];
    const burst = Math.max(1, documented.burst - (this.opts.burstReserve ?? 1));
    return { tokens: burst, updatedAt: this.clock.now(), nominalRate: documented.rate * (this.opts.timeScale ?? 1) * this.rateFactor(), slowdown: 1, burst };
  }

  private intakeReserve(burst: number): number {
    return Math.min(burst - 1, Math.max(1, Math.ceil(burst * (this.opts.intakeShare ?? 0.2))));
  }

  /** One loop per lane per process: take tokens for as many local waiters as the bucket allows, else sleep until it refills. */
  private run(lane: Lane): void {
    if (lane.running) return;
    lane.running = true;
    void (async () => {
      try {
        while (lane.waiters.length > 0) {
          const wait = await this.takeFor(lane);
          if (wait > 0) {
            await Promise.race([this.clock.sleep(wait), new Promise<void>((resolve) => { lane.wake = resolve; })]);
            lane.wake = undefined;
          }
        }
      } catch (error) {
        // The store is unreachable: fail the waiting calls (transient errors, so the flows retry) rather than hang.
        for (const w of lane.waiters.splice(0)) w.reject(error);
      } finally {
        lane.running = false;
        if (lane.waiters.length > 0) this.run(lane);
      }
    })();
  }

  /** Grants what it can; returns ms to wait before trying again (0 = try again now). */
  private async takeFor(lane: Lane): Promise<number> {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
      const record = await this.current(lane);
      const now = this.clock.now();
      const state = refill(record.state, now);
      const reserve = this.intakeReserve(state.burst);
      const intake = lane.waiters.filter((w) => w.priority === 'intake').length;
      const backfill = lane.waiters.length - intake;
      const maxBatch = this.opts.maxBatch ?? 10;
      const forIntake = Math.min(intake, Math.floor(state.tokens), maxBatch);
      const forBackfill = Math.min(backfill, Math.max(0, Math.floor(state.tokens - forIntake - reserve)), maxBatch - forIntake);
      const take = forIntake + forBackfill;
      if (take === 0) {
        const needed = intake > 0 ? 1 : reserve + 1;
        const rate = state.nominalRate * state.slowdown;
        // The record may be stale (another instance took tokens): then the next write fails its If-Match and re-reads.
        return Math.max(1, Math.ceil(((needed - state.tokens) / rate) * 1000));
      }
      const etag = await this.opts.store.replace(lane.id, { ...state, tokens: state.tokens - take }, record.etag);
      if (etag === undefined) {
        lane.known = undefined;
        continue;
      }
      lane.known = { etag, state: { ...state, tokens: state.tokens - take } };
      grant(lane, forIntake, forBackfill);
      return 0;
    }
    // Heavy contention: step aside for one token's time.
    return Math.max(1, Math.ceil(1000 / this.seed(lane.operation).nominalRate));
  }

  /** Read-modify-write with retries on conflicts (observations). */
  private async update(lane: Lane, change: (state: BucketState) => BucketState): Promise<void> {
    for (let conflicts = 0; conflicts < MAX_CONFLICTS; conflicts += 1) {
      const record = await this.current(lane);
      const next = change(refill(record.state, this.clock.now()));
      const etag = await this.opts.store.replace(lane.id, next, record.etag);
      if (etag !== undefined) {
        lane.known = { etag, state: next };
        return;
      }
      lane.known = undefined;
    }
  }

  /** The record as last known here, else as stored, else a freshly seeded one (created if absent). */
  private async current(lane: Lane): Promise<BucketRecord> {
    if (lane.known) return lane.known;
    for (;;) {
      const stored = await this.opts.store.read(lane.id);
      if (stored) {
        lane.known = stored;
        return stored;
      }
      const state = this.seed(lane.operation);
      const etag = await this.opts.store.create(lane.id, state);
      if (etag !== undefined) {
        lane.known = { etag, state };
        return lane.known;
      }
    }
  }
}

function refill(state: BucketState, now: number): BucketState {
  const elapsed = Math.max(0, now - state.updatedAt) / 1000;
  const rate = state.nominalRate * state.slowdown;
  return { ...state, tokens: Math.min(state.burst, state.tokens + elapsed * rate), updatedAt: Math.max(state.updatedAt, now) };
}

/** Intake first, then backfill, each first come first served. */
function grant(lane: Lane, intake: number, backfill: number): void {
  let leftIntake = intake;
  let leftBackfill = backfill;
  const granted: Waiter[] = [];
  lane.waiters = lane.waiters.filter((w) => {
    if (w.priority === 'intake' && leftIntake > 0) { leftIntake -= 1; granted.push(w); return false; }
    if (w.priority === 'backfill' && leftBackfill > 0) { leftBackfill -= 1; granted.push(w); return false; }
    return true;
  });
  for (const w of granted) w.resolve();
}
