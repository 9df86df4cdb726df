/** Fault injection for the simulator (`POST /_sim/faults`): random 5xx and 429, latency and spikes, dropped connections, forced failures per operation. */
import { z } from 'zod';
import { seededRandom } from './sim-ids';

export const FaultConfigSchema = z.object({
  /** Share of SP-API calls answered 500/503 (0..1). */
  errorRate: z.number().min(0).max(1).default(0),
  /** Share of SP-API calls answered 429 QuotaExceeded regardless of the bucket (0..1). */
  throttleRate: z.number().min(0).max(1).default(0),
  /** Added to every SP-API call (real milliseconds). */
  latencyMs: z.number().min(0).default(0),
  /** Share of calls that get `latencySpikeMs` extra. */
  latencySpikeRate: z.number().min(0).max(1).default(0),
  latencySpikeMs: z.number().min(0).default(0),
  /** Share of calls whose connection is destroyed without an answer. */
  dropRate: z.number().min(0).max(1).default(0),
  /** Forced answers per operation name; `times` limits how often (default: until cleared). */
  operations: z.record(z.object({ status: z.number().int().min(200).max(599), body: z.unknown().optional(), times: z.number().int().positive().optional() })).default({}),
  /** Expire every issued access token now (action, not kept). */
  expireTokens: z.boolean().optional(),
  seed: z.number().int().default(1),
});
export type FaultConfig = z.infer<typeof FaultConfigSchema>;

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'respond'; status: number; body: unknown; reason: 'forced' | 'error' | 'throttle' };

export class FaultInjector {
  private config: FaultConfig = FaultConfigSchema.parse({});
  private random = seededRandom(1);
  private readonly used = new Map<string, number>();
  injected = 0;

  configure(config: FaultConfig): void {
    this.config = config;
    this.random = seededRandom(config.seed);
    this.used.clear();
  }

  current(): FaultConfig {
    return this.config;
  }

  clear(): void {
    this.configure(FaultConfigSchema.parse({}));
    this.injected = 0;
  }

  latencyFor(): number {
    const c = this.config;
    let ms = c.latencyMs;
    if (c.latencySpikeRate > 0 && this.random() < c.latencySpikeRate) ms += c.latencySpikeMs;
    return ms;
  }

  decide(operation: string): FaultDecision {
    const c = this.config;
    const forced = c.operations[operation];
    if (forced) {
      const n = this.used.get(operation) ?? 0;
      if (forced.times === undefined || n < forced.times) {
        this.used.set(operation, n + 1);
        this.injected += 1;
        return { kind: 'respond', status: forced.status, body: forced.body ?? { errors: [{ code: 'InjectedFault', message: `Injected failure for ${operation}.` }] }, reason: 'forced' };
      }
    }
    if (c.dropRate > 0 && this.random() < c.dropRate) {
      this.injected += 1;
      return { kind: 'drop' };
    }
    if (c.errorRate > 0 && this.random() < c.errorRate) {
      this.injected += 1;
      const status = this.random() < 0.5 ? 500 : 503;
      return { kind: 'respond', status, body: { errors: [{ code: status === 500 ? 'InternalFailure' : 'ServiceUnavailable', message: 'We encountered an internal error. Please try again.' }] }, reason: 'error' };
    }
    if (c.throttleRate > 0 && this.random() < c.throttleRate) {
      this.injected += 1;
      return { kind: 'respond', status: 429, body: quotaExceededBody(), reason: 'throttle' };
    }
    return { kind: 'none' };
  }
}

/** SP-API's throttling answer (docs/amazon-facts.md, Rate limits). */
export function quotaExceededBody(): { errors: Array<{ code: string; message: string; details: string }> } {
  return { errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] };
}
