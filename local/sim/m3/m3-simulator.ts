/**
 * The M3 simulator: a real HTTP server with the `.ionapi` token endpoint, MI REST v2 (single and bulk), and the `/_sim/`
 * control surface (control-routes.ts). Just over 300 lines on purpose: the MI request handling (faults before and after
 * the commit, bulk order, persistence) shares the simulator's state, tokens and faults, and reads best in one place.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';
import { seededData, upgradeData, type M3SimSeed, type SimData } from './m3-sim-state';
import { DEFAULT_GL_TEMPLATES, type GlTemplate } from './gl-templates';
import type { SimContext } from './mi-handler';
import { DEFAULT_MAXRECS, runTransaction, v2Body, type MiOptions, type MiResult } from './mi-engine';
import { TokenAuthority, type SimCredentials } from './oauth-tokens';
import { SimFaults, type FaultConfig } from './sim-faults';
import { SimStateFile } from './sim-state-file';
import { isReadTransaction, TRANSACTION_REGISTRY } from './transaction-registry';
import { settlePendingBatches } from './transactions/ois100mi-batch';
import { isAppKnowableRefusal, type MiViolation } from './mi-violations';
import { Router } from '../../http-router/router';
import { m3ControlRoutes, handleControl } from './control-routes';
import { parseJson, readBody, send } from './http-io';

export interface M3SimulatorOptions {
  port?: number;
  /** Persist to disk and reload on start (docs/contracts.md, Sandbox control); in memory when absent. */
  stateFile?: string;
  seed?: M3SimSeed;
  tenant?: string;
  credentials?: Partial<SimCredentials>;
  /** Basic-auth user for the on-premises style path `/m3api-rest/v2/…` (no gateway, no tenant). */
  directUser?: { username: string; password: string };
  tokenTtlSeconds?: number;
  /** Clock for token expiry and "not available" windows; tests pass a virtual one. */
  now?: () => number;
  glTemplates?: GlTemplate[];
  autoAllocate?: boolean;
}

/** The `.ionapi` file Infor's "Download Credentials" produces (docs/m3-facts.md, .ionapi and OAuth), pointing at the simulator. */
export interface IonApiFileContent {
  ti: string; cn: string; dt: string; ci: string; cs: string; iu: string; pu: string;
  oa: string; ot: string; or: string; ev: string; v: string; saak: string; sask: string;
}

export interface M3SimStats {
  roundTrips: number;
  bulkRequests: number;
  tokenRequests: number;
  calls: Record<string, number>;
  nok: Record<string, number>;
}

export interface M3Simulator {
  url: string;
  port: number;
  tenant: string;
  /** `{iu}/{ti}/M3/m3api-rest`, the root the connector appends `v2/execute/…` to. */
  miRootUrl: string;
  /** Live state, for assertions in tests (mutations bypass persistence until the next call). */
  readonly state: SimData;
  ionapiFile(): IonApiFileContent;
  stats(): M3SimStats;
  configureFaults(config: FaultConfig): void;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const BulkBodySchema = z.object({
  program: z.string().min(1),
  cono: z.union([z.string(), z.number()]).optional(),
  divi: z.string().optional(),
  maxReturnedRecords: z.number().int().min(0).optional(),
  transactions: z.array(z.object({
    transaction: z.string().min(1),
    record: z.record(z.string(), z.union([z.string(), z.number()])).default({}),
    selectedColumns: z.array(z.string()).optional(),
  })).min(1),
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function startM3Simulator(opts: M3SimulatorOptions = {}): Promise<M3Simulator> {
  const tenant = opts.tenant ?? 'M3SIM_TST';
  const now = opts.now ?? (() => Date.now());
  const credentials: SimCredentials = {
    clientId: `${tenant}~m3sim-client`,
    clientSecret: 'm3sim-client-secret',
    accessKey: `${tenant}#m3sim-service-account`,
    secretKey: 'm3sim-service-account-secret',
    ...opts.credentials,
  };
  const directUser = opts.directUser ?? { username: 'M3SIMUSER', password: 'm3sim-password' };
  const file = opts.stateFile ? new SimStateFile(opts.stateFile) : undefined;
  let data: SimData = upgradeData(file?.load() ?? seededData(opts.seed));
  let violations: MiViolation[] = [];
  const glTemplates = new Map<string, GlTemplate>((opts.glTemplates ?? DEFAULT_GL_TEMPLATES).map((t) => [t.INTN, t]));
  const tokens = new TokenAuthority(credentials, now, opts.tokenTtlSeconds ?? 3600);
  const faults = new SimFaults(now);
  let stats: M3SimStats = { roundTrips: 0, bulkRequests: 0, tokenRequests: 0, calls: {}, nok: {} };
  const ctx = (): SimContext => ({
    data, now: () => new Date(now()), glTemplates, autoAllocate: opts.autoAllocate ?? true,
    confirmDelayMs: faults.current().confirmDelayMs ?? 0, searchLagMs: faults.current().searchLagMs ?? 0,
  });
  const persist = async (): Promise<void> => { if (file) await file.save(data); };

  const gatewayPrefix = `/${tenant}/M3/m3api-rest/v2/execute`;
  const directPrefix = '/m3api-rest/v2/execute';
  let baseUrl = '';

  function ionapiFile(): IonApiFileContent {
    return {
      ti: tenant, cn: 'M3 Amazon Sync (simulator)', dt: '12', ci: credentials.clientId, cs: credentials.clientSecret,
      iu: baseUrl, pu: `${baseUrl}/${tenant}/as/`, oa: 'authorization.oauth2', ot: 'token.oauth2', or: 'revoke_token.oauth2',
      ev: 'M3SIM', v: '1.0', saak: credentials.accessKey, sask: credentials.secretKey,
    };
  }

  function authorize(req: http.IncomingMessage, direct: boolean): string | undefined {
    const header = req.headers.authorization;
    if (direct && header?.startsWith('Basic ')) {
      const expected = Buffer.from(`${directUser.username}:${directUser.password}`).toString('base64');
      return header.slice(6) === expected ? undefined : 'invalid basic credentials';
    }
    const verdict = tokens.check(header);
    return verdict === 'ok' ? undefined : verdict === 'expired' ? 'the access token has expired' : verdict === 'missing' ? 'no bearer token' : 'unknown access token';
  }

  function count(result: MiResult, program: string): void {
    const key = `${program}/${result.transaction}`;
    stats.calls[key] = (stats.calls[key] ?? 0) + 1;
    if (!result.ok) stats.nok[key] = (stats.nok[key] ?? 0) + 1;
    if (!result.ok && isAppKnowableRefusal(result.errorCode)) {
      violations.push({ operation: `${program}.${result.transaction}`, program, transaction: result.transaction, problems: [`${result.errorCode}: ${result.errorMessage}`] });
    }
  }

  /** Faults that act after the transaction ran (M3 committed, but the reply is late or lost), collected per request. */
  type AfterCommit = { dropReply: boolean; replyDelayMs: number }[];

  function forcedOrRun(program: string, transaction: string, given: Map<string, string[]>, miOpts: MiOptions, afterCommit: AfterCommit = []): MiResult | { drop: true } | { status: number } {
    const forced = faults.forTransaction(program, transaction);
    if (forced.kind === 'drop') return { drop: true };
    if (forced.kind === 'after-commit') {
      afterCommit.push({ dropReply: forced.dropReply, replyDelayMs: forced.replyDelayMs });
      return runTransaction(TRANSACTION_REGISTRY, ctx(), program, transaction, given, miOpts);
    }
    if (forced.kind === 'status') return { status: forced.status };
    if (forced.kind === 'nok') return { ok: false, transaction, notFound: false, errorMessage: forced.message, errorCode: forced.code, errorField: forced.field, errorType: 'ServerReturnedNOK' };
    return runTransaction(TRANSACTION_REGISTRY, ctx(), program, transaction, given, miOpts);
  }

  function notAvailableBody(transaction: string): unknown {
    return v2Body([{ ok: false, transaction, notFound: false, errorMessage: 'M3 is not available (simulated maintenance window)', errorCode: 'NOT_AVAILABLE', errorField: '', errorType: 'ServerReturnedNOK' }]);
  }

  async function handleMi(req: http.IncomingMessage, res: http.ServerResponse, url: URL, rest: string, direct: boolean): Promise<void> {
    stats.roundTrips += 1;
    if (faults.latencyMs() > 0) await sleep(faults.latencyMs());
    const authProblem = authorize(req, direct);
    if (authProblem) { send(res, 401, { error: 'invalid_token', error_description: authProblem }, { 'www-authenticate': 'Bearer error="invalid_token"' }); return; }
    const decision = faults.forRequest();
    if (decision.kind === 'drop') { req.socket.destroy(); return; }
    settlePendingBatches(ctx());
    if (decision.kind === 'status') { send(res, decision.status, { error: 'simulated server error', status: decision.status }); return; }

    // m3-odin sends maxrecs/returncols/… as matrix parameters (`;maxrecs=10`); Infor's Swagger as query parameters (docs/m3-facts.md, MI REST v2).
    const [pathPart, ...matrix] = rest.split(';');
    const context = new Map<string, string>();
    for (const m of matrix) { const eq = m.indexOf('='); if (eq > 0) context.set(m.slice(0, eq), decodeURIComponent(m.slice(eq + 1))); }
    const given = new Map<string, string[]>();
    for (const [key, value] of url.searchParams) {
      if (/^[a-z_]/.test(key)) { context.set(key, value); continue; }
      given.set(key, [...(given.get(key) ?? []), value]);
    }
    const maxrecs = context.has('maxrecs') ? Number(context.get('maxrecs')) : DEFAULT_MAXRECS;
    const miOpts: MiOptions = {
      cono: context.get('cono') ?? '100',
      divi: context.get('divi') ?? '',
      maxrecs: Number.isFinite(maxrecs) && maxrecs >= 0 ? maxrecs : DEFAULT_MAXRECS,
      returncols: context.get('returncols')?.split(',').filter(Boolean),
      excludeempty: context.get('excludeempty') === 'true' || context.get('excludempty') === 'true',
    };

    if (req.method === 'POST' && pathPart === '') { await handleBulk(req, res, miOpts, decision.kind === 'notAvailable'); return; }
    const segments = pathPart.split('/').filter(Boolean);
    if (req.method !== 'GET' || segments.length !== 2) { send(res, 404, { error: `no MI route for ${req.method} ${url.pathname}` }); return; }
    const [program, transaction] = segments.map(decodeURIComponent);
    if (decision.kind === 'notAvailable') { send(res, 503, notAvailableBody(transaction)); return; }
    const afterCommit: AfterCommit = [];
    const outcome = forcedOrRun(program, transaction, given, miOpts, afterCommit);
    if ('drop' in outcome) { req.socket.destroy(); return; }
    if ('status' in outcome) { send(res, outcome.status, { error: 'simulated server error', status: outcome.status }); return; }
    count(outcome, program);
    if (!isReadTransaction(transaction)) await persist();
    const late = afterCommit;
    const delay = late.reduce((ms, f) => Math.max(ms, f.replyDelayMs), 0);
    if (delay > 0) await sleep(delay);
    if (late.some((f) => f.dropReply)) { req.socket.destroy(); return; }
    const parameters = context.get('extendedresult') === 'true' ? Object.fromEntries([...given].map(([k, v]) => [k, v[0]])) : undefined;
    // v2 answers a failed single transaction with HTTP 400 and the JSON body (docs/m3-facts.md, MI REST v2).
    const status = outcome.ok ? 200 : !outcome.ok && outcome.notFound ? 404 : 400;
    send(res, status, v2Body([{ ...outcome, parameters }]));
  }

  /** Bulk: transactions run in order; a failed one does not stop the rest and is counted in nrOfFailedTransactions (docs/m3-facts.md, Bulk calls). */
  async function handleBulk(req: http.IncomingMessage, res: http.ServerResponse, miOpts: MiOptions, notAvailable: boolean): Promise<void> {
    stats.bulkRequests += 1;
    const parsed = BulkBodySchema.safeParse(parseJson(await readBody(req)));
    if (!parsed.success) { send(res, 400, { error: 'invalid bulk body', issues: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`) }); return; }
    const body = parsed.data;
    if (notAvailable) { send(res, 503, notAvailableBody(body.transactions[0].transaction)); return; }
    const results: MiResult[] = [];
    const afterCommit: AfterCommit = [];
    let terminated: MiResult | undefined;
    for (const t of body.transactions) {
      if (terminated) { results.push({ ok: false, notProcessed: true, transaction: t.transaction, notFound: false, errorMessage: '', errorCode: '', errorField: '', errorType: '' }); continue; }
      const given = new Map(Object.entries(t.record).map(([k, v]) => [k, [String(v)]]));
      const outcome = forcedOrRun(body.program, t.transaction, given, {
        ...miOpts,
        cono: body.cono === undefined ? miOpts.cono : String(body.cono),
        divi: body.divi ?? miOpts.divi,
        maxrecs: body.maxReturnedRecords ?? miOpts.maxrecs,
        returncols: t.selectedColumns ?? miOpts.returncols,
      }, afterCommit);
      if ('drop' in outcome) { req.socket.destroy(); return; }
      if ('status' in outcome) { send(res, outcome.status, { error: 'simulated server error', status: outcome.status }); return; }
      count(outcome, body.program);
      results.push(outcome);
      if (!outcome.ok && faults.current().bulkStopOnFailure) terminated = outcome;
    }
    if (body.transactions.some((t) => !isReadTransaction(t.transaction))) await persist();
    const late = afterCommit;
    const delay = late.reduce((ms, f) => Math.max(ms, f.replyDelayMs), 0);
    if (delay > 0) await sleep(delay);
    if (late.some((f) => f.dropReply)) { req.socket.destroy(); return; }
    send(res, 200, v2Body(results, terminated && !terminated.ok ? { wasTerminated: true, terminationReason: terminated.errorMessage } : {}));
  }

  async function handleToken(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    stats.tokenRequests += 1;
    if (faults.takeTokenOutage()) { send(res, 503, { error: 'temporarily_unavailable' }); return; }
    const form = new URLSearchParams(await readBody(req));
    const answer = tokens.issue(form, req.headers.authorization);
    send(res, answer.status, answer.body, { 'cache-control': 'no-store' });
  }

  const controlRoutes = m3ControlRoutes({
    data: () => data, stats: () => stats, violations: () => violations, faults, glTemplates, ionapiFile, reset, persist, configureFaults,
    settle: () => settlePendingBatches(ctx()), now: () => new Date(now()),
  });

  function configureFaults(config: FaultConfig): void {
    if (faults.configure(config).expireTokens) tokens.expireAll();
  }

  /** Clears the data but keeps the number series: order, batch-order and customer numbers are never handed out twice. */
  async function reset(): Promise<void> {
    const counters = data.counters;
    data = seededData(opts.seed);
    data.counters = counters;
    violations = [];
    faults.configure({});
    stats = { roundTrips: 0, bulkRequests: 0, tokenRequests: 0, calls: {}, nok: {} };
    await persist();
  }

  /** The raw path after `prefix`: it keeps `;` matrix parameters and percent-escapes that URL parsing would touch. */
  const miPath = (req: http.IncomingMessage, prefix: string): string => (req.url ?? '/').split('?')[0].slice(prefix.length).replace(/^\//, '');
  type M3Route = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>;
  const routes = new Router<M3Route>()
    .on('*', '/_sim/{*rest}', (req, res, url) => handleControl(controlRoutes, req, res, url.pathname))
    .on('POST', `/${tenant}/as/token.oauth2`, (req, res) => handleToken(req, res))
    .on('POST', `/${tenant}/as/revoke_token.oauth2`, async (req, res) => {
      tokens.revoke(new URLSearchParams(await readBody(req)).get('token') ?? '');
      send(res, 200, {});
    })
    .on('*', `${gatewayPrefix}/{*rest}`, (req, res, url) => handleMi(req, res, url, miPath(req, gatewayPrefix), false))
    .on('*', `${directPrefix}/{*rest}`, (req, res, url) => handleMi(req, res, url, miPath(req, directPrefix), true));

  const server = http.createServer({ maxHeaderSize: 256 * 1024 }, (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = routes.lookup(req.method ?? 'GET', url.pathname);
    if (found.kind !== 'found') { send(res, 404, { error: `not found: ${req.method} ${url.pathname}` }); return; }
    found.handler(req, res, url).catch((error: unknown) => {
      if (!res.headersSent) send(res, 500, { error: error instanceof Error ? error.message : String(error) });
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  if (file) await persist();

  return {
    url: baseUrl,
    port,
    tenant,
    miRootUrl: `${baseUrl}/${tenant}/M3/m3api-rest`,
    get state() { return data; },
    ionapiFile,
    stats: () => structuredClone(stats),
    configureFaults,
    reset,
    close: async () => {
      await persist();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
