/** Fault injection for the M3 simulator (POST /_sim/faults): 5xx rates, "not available" windows, latency, dropped connections, forced NOK per transaction, token expiry. */
import { z } from 'zod';
import { seededRandom } from '../seeded-random';

const ForcedFaultSchema = z.object({
  /** Answer NOK (HTTP 400, v2 error body) with this message/code/field. */
  nok: z.object({ message: z.string().default('Forced NOK (simulator fault)'), code: z.string().default('SIMFAULT'), field: z.string().default('') }).optional(),
  /** Answer with this HTTP status instead (e.g. 500, 502, 503). */
  status: z.number().int().min(400).max(599).optional(),
  /** Drop the connection without an answer. */
  drop: z.boolean().optional(),
  /** Run the transaction (M3 commits it), then lose the reply: the caller never learns it happened. */
  dropAfterCommit: z.boolean().optional(),
  /** Run the transaction, then hold the reply this long (a window to kill the caller after M3 committed). */
  replyDelayMs: z.number().int().min(0).optional(),
  /** Only the next N calls of the transaction; unlimited when absent. */
  times: z.number().int().positive().optional(),
});

export const FaultConfigSchema = z.object({
  seed: z.number().int().optional(),
  errorRate: z.number().min(0).max(1).optional(),
  errorStatus: z.number().int().min(500).max(599).optional(),
  notAvailable: z.object({ calls: z.number().int().positive().optional(), forMs: z.number().positive().optional() }).optional(),
  latencyMs: z.number().min(0).optional(),
  dropRate: z.number().min(0).max(1).optional(),
  /** Keys `PROGRAM/TRANSACTION` (or `PROGRAM.TRANSACTION`). */
  transactions: z.record(z.string(), ForcedFaultSchema).optional(),
  expireTokens: z.boolean().optional(),
  /** The next N token requests fail with HTTP 503. */
  tokenOutages: z.number().int().positive().optional(),
  /** A bulk request stops at its first failed transaction: the rest come back `notProcessed`, `wasTerminated` is set. */
  bulkStopOnFailure: z.boolean().optional(),
  /** OIS100MI.Confirm releases through a batch job that finishes this many ms later (status below 90 meanwhile). */
  confirmDelayMs: z.number().int().min(0).optional(),
  /** OIS100MI.SearchHead does not find orders younger than this many ms (its search index lags). */
  searchLagMs: z.number().int().min(0).optional(),
}).strict();

export type FaultConfig = z.infer<typeof FaultConfigSchema>;
type ForcedFault = z.infer<typeof ForcedFaultSchema>;

export type FaultDecision =
  | { kind: 'none' }
  | { kind: 'drop' }
  | { kind: 'after-commit'; dropReply: boolean; replyDelayMs: number }
  | { kind: 'status'; status: number }
  | { kind: 'notAvailable' }
  | { kind: 'nok'; message: string; code: string; field: string };


export class SimFaults {
  private config: FaultConfig = {};
  private random = seededRandom(1);
  private notAvailableCalls = 0;
  private notAvailableUntil = 0;
  private tokenOutages = 0;
  private forcedLeft = new Map<string, number>();

  constructor(private readonly now: () => number) {}

  /** Replaces the configuration; `{}` clears every fault. Returns whether tokens must be expired now. */
  configure(config: FaultConfig): { expireTokens: boolean } {
    this.config = config;
    this.random = seededRandom(config.seed ?? 1);
    this.notAvailableCalls = config.notAvailable?.calls ?? 0;
    this.notAvailableUntil = config.notAvailable?.forMs ? this.now() + config.notAvailable.forMs : 0;
    this.tokenOutages = config.tokenOutages ?? 0;
    this.forcedLeft = new Map();
    for (const [key, fault] of Object.entries(config.transactions ?? {})) if (fault.times) this.forcedLeft.set(normalizeKey(key), fault.times);
    return { expireTokens: config.expireTokens === true };
  }

  current(): FaultConfig {
    return this.config;
  }

  latencyMs(): number {
    return this.config.latencyMs ?? 0;
  }

  takeTokenOutage(): boolean {
    if (this.tokenOutages <= 0) return false;
    this.tokenOutages -= 1;
    return true;
  }

  /** Decided once per MI transaction (a bulk request asks per transaction for forced faults, once for the rest). */
  forRequest(): FaultDecision {
    if (this.notAvailableCalls > 0) {
      this.notAvailableCalls -= 1;
      return { kind: 'notAvailable' };
    }
    if (this.notAvailableUntil > this.now()) return { kind: 'notAvailable' };
    if (this.config.dropRate && this.random() < this.config.dropRate) return { kind: 'drop' };
    if (this.config.errorRate && this.random() < this.config.errorRate) return { kind: 'status', status: this.config.errorStatus ?? 500 };
    return { kind: 'none' };
  }

  forTransaction(program: string, transaction: string): FaultDecision {
    const key = `${program}/${transaction}`;
    const entry = Object.entries(this.config.transactions ?? {}).find(([k]) => normalizeKey(k) === key);
    if (!entry) return { kind: 'none' };
    const fault: ForcedFault = entry[1];
    if (fault.times !== undefined) {
      const left = this.forcedLeft.get(key) ?? 0;
      if (left <= 0) return { kind: 'none' };
      this.forcedLeft.set(key, left - 1);
    }
    if (fault.drop) return { kind: 'drop' };
    if (fault.dropAfterCommit || fault.replyDelayMs) return { kind: 'after-commit', dropReply: fault.dropAfterCommit ?? false, replyDelayMs: fault.replyDelayMs ?? 0 };
    if (fault.status) return { kind: 'status', status: fault.status };
    const nok = fault.nok ?? { message: 'Forced NOK (simulator fault)', code: 'SIMFAULT', field: '' };
    return { kind: 'nok', ...nok };
  }
}

function normalizeKey(key: string): string {
  return key.replace('.', '/');
}
