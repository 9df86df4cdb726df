// Test support: in-memory settlement ports, with GLS840MI played by the M3 simulator's own transaction handlers.
import fs from 'node:fs';
import path from 'node:path';
import { PermanentError, TransientError } from '../../../core/errors';
import { SettlementMappingSchema, type SettlementMapping } from '../../../core/settlement';
import { loadShippedMappings } from '../../../local/sandbox/sandbox';
import type { ClaimResult, ParkInput } from '../../../connectors/storage';
import type { SettlementPorts } from '../../../functions/settlement-posting/settlement-ports';
import type { SettlementPosting } from '../../../functions/settlement-posting/settlement-posting-store';
import { isReadTransaction, TRANSACTION_REGISTRY } from '../../../local/sim/m3/transaction-registry';
import { DEFAULT_GL_TEMPLATES } from '../../../local/sim/m3/gl-templates';
import { seededData, type SimData } from '../../../local/sim/m3/m3-sim-state';
import { MiNok } from '../../../local/sim/m3/mi-nok';

export const fixtureText = (name: string): string => fs.readFileSync(path.resolve(__dirname, '../../fixtures/settlements', name), 'utf8');

/** The shipped mappings dir (default.json + settlement.json merged), so these specs also check what the sandbox posts with. */
export function shippedSettlementMapping(): SettlementMapping {
  return loadShippedMappings().settlement;
}

export function mappingWith(change: Record<string, unknown>): SettlementMapping {
  const base = shippedSettlementMapping();
  return SettlementMappingSchema.parse({ ...base, ...change, gl: { ...base.gl, ...(change.gl as object | undefined) } });
}

export interface GlCall { transaction: string; params: Record<string, string> }

/** GLS840MI as the simulator implements it; `crashAfter` throws a transient error after M3 accepted the call. */
export class FakeGl {
  readonly data: SimData = seededData();
  readonly calls: GlCall[] = [];
  private readonly templates = new Map(DEFAULT_GL_TEMPLATES.map((t) => [t.INTN, t]));
  crashAfter: { transaction: string; times: number } | undefined;
  fail: Error | undefined;

  async execute(program: string, transaction: string, params: Record<string, string>): Promise<Record<string, string>[]> {
    // Reads (the read-back before posting) are not writes: `calls` lists what was sent to be booked.
    if (!isReadTransaction(transaction)) this.calls.push({ transaction, params });
    if (this.fail) throw this.fail;
    const handler = TRANSACTION_REGISTRY[program]?.[transaction];
    if (!handler) throw new Error(`unexpected ${program}.${transaction}`);
    let records: Record<string, string>[];
    try {
      records = handler({ program, transaction, params, cono: params.CONO ?? '100', divi: params.DIVI ?? '' }, { data: this.data, now: () => new Date(0), glTemplates: this.templates, autoAllocate: false, confirmDelayMs: 0, searchLagMs: 0 });
    } catch (error) {
      if (error instanceof MiNok) throw new PermanentError(`M3 ${program}.${transaction} NOK: ${error.message}`, { code: error.code, system: 'm3', details: { transaction } });
      throw error;
    }
    if (this.crashAfter?.transaction === transaction && this.crashAfter.times > 0) {
      this.crashAfter.times -= 1;
      throw new TransientError(`connection reset after ${transaction}`, { code: 'NETWORK', system: 'm3' });
    }
    return records;
  }

  journals(): SimData['journals'][string][] {
    return Object.values(this.data.journals);
  }
}

export interface Fakes {
  ports: SettlementPorts;
  gl: FakeGl;
  reports: Map<string, string>;
  claims: Map<string, string>;
  postings: Map<string, SettlementPosting>;
  parked: Map<string, ParkInput & { status: string }>;
  counters: Map<string, number>;
  logs: string[];
  log: { info(m: string): void; warn(m: string): void; error(m: string): void };
  switches: { paused: Set<string>; dryRun: Set<string> };
  mapping: { current: SettlementMapping };
}

export function fakeSettlementPorts(): Fakes {
  const gl = new FakeGl();
  const reports = new Map<string, string>();
  const claims = new Map<string, string>();
  const postings = new Map<string, SettlementPosting>();
  const parked = new Map<string, ParkInput & { status: string }>();
  const counters = new Map<string, number>();
  const logs: string[] = [];
  const switches = { paused: new Set<string>(), dryRun: new Set<string>() };
  const mapping = { current: shippedSettlementMapping() };
  const ports: SettlementPorts = {
    readReport: async (reference) => {
      const text = reports.get(reference);
      if (text === undefined) throw new PermanentError(`claim check ${reference} does not exist`, { code: 'CLAIM_CHECK_MISSING', system: 'storage' });
      return text;
    },
    gl,
    idempotency: {
      claim: async (scope, key, note = ''): Promise<ClaimResult> => {
        const k = `${scope}|${key}`;
        if (claims.has(k)) return 'duplicate';
        claims.set(k, note);
        return 'claimed';
      },
      release: async (scope, key): Promise<void> => {
        claims.delete(`${scope}|${key}`);
      },
    },
    postings: {
      get: async (id) => postings.get(id),
      save: async (p) => { postings.set(p.settlementId, structuredClone(p)); },
    },
    parked: {
      park: async (input) => { parked.set(`${input.flow}|${input.id}`, { ...input, status: 'parked' }); },
      setStatus: async (flow, id, status) => {
        const item = parked.get(`${flow}|${id}`);
        if (item) item.status = status;
      },
    },
    counters: { increment: async (flow, outcome) => { counters.set(`${flow}|${outcome}`, (counters.get(`${flow}|${outcome}`) ?? 0) + 1); } },
    orderLinks: { get: async () => undefined },
    settlementMapping: async () => mapping.current,
    switches: { isPaused: (f) => switches.paused.has(f), isDryRun: (f) => switches.dryRun.has(f) },
  };
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(m), error: (m: string) => logs.push(m) };
  return { ports, gl, reports, claims, postings, parked, counters, logs, log, switches, mapping };
}
