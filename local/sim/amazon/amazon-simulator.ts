/** The SP-API simulator: a real HTTP server with LWA, documented rate limits (scaled), fault injection, the operations the app uses, and `/_sim/` control (docs/contracts.md, Sandbox control; docs/design.md, Local runtime and simulators). */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { RatePlan, SimOperation } from './rate-plans';
import { FaultInjector, quotaExceededBody } from './faults';
import { checkAccessToken, type LwaConfig } from './lwa-endpoint';
import { ModelValidator, modelsAvailable } from './model-validator';
import { NotificationSender, type NotificationEnvelope } from './notification-sender';
import { ordersRoutes } from './orders-api';
import { RateEngine } from './rate-engine';
import { SIM_MARKETPLACES } from './marketplaces';
import { crossFieldProblems } from './request-rules';
import { createSimClock, type SimClock } from './sim-clock';
import type { SimContext } from './sim-context';
import { json, type Route, type SimRequest, type SimResponse, type Violation } from './sim-http';
import { Router } from '../../http-router/router';
import { loadState, saveState, type SimState } from './sim-state';
import { shipmentRoutes } from './shipment-confirmation';
import { controlRoutes } from './control-routes';
import { feedsRoutes } from './feeds-api';
import { listingsRoutes } from './listings-api';
import { reportsRoutes } from './reports-api';
import { financesRoutes } from './finances-api';
import { notificationsRoutes } from './notifications-api';
import { orderLifecycleRoutes } from './order-lifecycle';
import { advanceFeeds } from './feed-processing';
import { checkOrderRegion, splitRegion } from './region-endpoints';

export interface AmazonSimulatorOptions {
  port?: number;
  host?: string;
  /** Rate limits and token lifetimes run this many times faster than real time (10 = ten times faster). */
  timeScale?: number;
  /** Persist state to this file and reload it on start. */
  stateFile?: string;
  /** Where ORDER_CHANGE (and REPORT_PROCESSING_FINISHED) notifications are POSTed. */
  notifyUrl?: string;
  notifyApiKey?: string;
  /** `sqs` (default): an SQS message with the notification in `Body`; `raw`: the notification JSON itself. */
  notifyEnvelope?: NotificationEnvelope;
  sellerId?: string;
  /** The marketplaces the seller sells in, first one first (default: all 23, the US first). */
  marketplaceIds?: string[];
  clientId?: string;
  clientSecret?: string;
  /** Refresh token → seller id; default one token for `sellerId`. */
  refreshTokens?: Record<string, string>;
  /**
   * Check every SP-API request and response against the official models (when present) and Amazon's cross-field rules
   * (always): an off-model request gets Amazon's 400 and is recorded at `/_sim/violations`, an off-model response is
   * recorded. Default true; only a spec that tests the app's reaction to Amazon's 400 switches it off, and says so.
   */
  strict?: boolean;
  /** Override documented rate limits per operation (benchmarks, tests). */
  rateLimits?: Partial<Record<SimOperation, RatePlan>>;
  /** Simulated seconds from createFeed to DONE (default 60). */
  feedProcessingSeconds?: number;
  /** Inject a clock (tests); default scaled real time. */
  clock?: SimClock;
}

export interface AmazonSimulator {
  url: string;
  port: number;
  sellerId: string;
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  clock: SimClock;
  state: SimState;
  rates: RateEngine;
  faults: FaultInjector;
  notifications: NotificationSender;
  /** Off-model requests/responses seen in strict mode. */
  violations: Violation[];
  close(): Promise<void>;
}

export type { Violation } from './sim-http';

export const DEFAULT_SELLER_ID = 'A3SIMSELLER0001';
export const DEFAULT_CLIENT_ID = 'amzn1.application-oa2-client.sim0001';
export const DEFAULT_CLIENT_SECRET = 'amzn1.oa2-cs.v1.sim-secret';
export const DEFAULT_REFRESH_TOKEN = 'Atzr|sim-refresh-token-0001';

const MAX_BODY = 64 * 1024 * 1024;

export async function startAmazonSimulator(opts: AmazonSimulatorOptions = {}): Promise<AmazonSimulator> {
  const clock = opts.clock ?? createSimClock(opts.timeScale ?? 1);
  const sellerId = opts.sellerId ?? DEFAULT_SELLER_ID;
  const lwa: LwaConfig = {
    clientId: opts.clientId ?? DEFAULT_CLIENT_ID,
    clientSecret: opts.clientSecret ?? DEFAULT_CLIENT_SECRET,
    refreshTokens: opts.refreshTokens ?? { [DEFAULT_REFRESH_TOKEN]: sellerId },
    tokenLifetimeSeconds: 3600,
  };
  const state = loadState(opts.stateFile, sellerId);
  const rates = new RateEngine(clock, opts.rateLimits);
  const faults = new FaultInjector();
  const notifier = new NotificationSender({ notifyUrl: opts.notifyUrl, notifyApiKey: opts.notifyApiKey, envelope: opts.notifyEnvelope });
  const strict = opts.strict ?? true;
  // Without the official models (a checkout without ../shared) only the simulator's own rules apply.
  const validator = modelsAvailable() ? new ModelValidator() : undefined;
  const violations: Violation[] = [];
  let baseUrl = '';
  const ctx: SimContext = {
    state, clock, validator, notifier,
    config: { sellerId, marketplaceIds: opts.marketplaceIds ?? SIM_MARKETPLACES.map((m) => m.id), feedProcessingSeconds: opts.feedProcessingSeconds ?? 60 },
    baseUrl: () => baseUrl,
    persist: () => saveState(opts.stateFile, state),
  };

  const control = controlRoutes({ ctx, lwa, rates, faults, violations, rateLimits: opts.rateLimits });
  const routes: Route[] = [
    ...control,
    ...orderLifecycleRoutes(ctx, () => advanceFeeds(ctx)),
    ...ordersRoutes(ctx),
    ...shipmentRoutes(ctx),
    ...feedsRoutes(ctx),
    ...listingsRoutes(ctx),
    ...reportsRoutes(ctx),
    ...financesRoutes(ctx),
    ...notificationsRoutes(ctx),
  ];

  const router = new Router<Route>();
  for (const route of routes) router.on(route.method, route.pattern, route);

  async function dispatch(req: SimRequest, res: http.ServerResponse): Promise<void> {
    const found = router.lookup(req.method, req.path);
    if (found.kind !== 'found') {
      send(res, found.kind === 'wrong-method' ? json(405, { errors: [{ code: 'MethodNotAllowed', message: `${req.method} is not allowed on ${req.path}` }] }) : json(404, { errors: [{ code: 'NotFound', message: `No such resource: ${req.path}` }] }));
      return;
    }
    const route = found.handler;
    req.params = found.params;
    const op = route.operation;
    if (!op) {
      send(res, await route.handler(req));
      return;
    }
    const latency = faults.latencyFor();
    if (latency > 0) await new Promise((r) => setTimeout(r, latency));
    const auth = checkAccessToken(req, state, clock, route.grantless === true);
    if (!auth.ok) {
      rates.count(op, 'failed');
      send(res, auth.response);
      return;
    }
    req.sellerId = auth.token.sellerId;
    const wrongRegion = checkOrderRegion(ctx, req, op);
    if (wrongRegion) {
      rates.count(op, 'failed');
      send(res, wrongRegion);
      return;
    }
    const decision = faults.decide(op);
    if (decision.kind === 'drop') {
      rates.count(op, 'dropped');
      res.socket?.destroy();
      return;
    }
    if (decision.kind === 'respond') {
      rates.count(op, decision.reason === 'throttle' || decision.status === 429 ? 'throttled' : 'failed');
      send(res, { status: decision.status, body: decision.body });
      return;
    }
    const caller = auth.token.sellerId ?? 'grantless';
    if (!rates.tryAcquire(caller, op)) {
      rates.count(op, 'throttled');
      send(res, { status: 429, body: quotaExceededBody() });
      return;
    }
    if (strict) {
      const problems = [
        ...(route.model && validator ? validator.request(route.model, { pathParams: req.params, query: req.query, body: req.body }) : []),
        ...crossFieldProblems(op, { query: req.query, body: req.body, now: clock.now() }),
      ];
      if (problems.length > 0) {
        violations.push({ operation: op, method: req.method, path: req.path, problems });
        rates.count(op, 'failed');
        send(res, json(400, { errors: [{ code: 'InvalidInput', message: `Request does not conform to the ${op} model: ${problems.join('; ')}` }] }));
        return;
      }
    }
    const answer = await route.handler(req);
    if (strict && validator && route.model) {
      const problems = validator.response(route.model, answer.status, answer.body);
      if (problems.length > 0) violations.push({ operation: op, method: req.method, path: req.path, problems: problems.map((p) => `${answer.status} response: ${p}`) });
    }
    rates.count(op, answer.status < 400 ? 'accepted' : 'failed');
    send(res, { ...answer, headers: { ...answer.headers, 'x-amzn-RateLimit-Limit': rates.limitHeader(op) } });
  }

  const server = http.createServer((request, res) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) { request.destroy(); return; }
      chunks.push(c);
    });
    request.on('end', () => {
      const url = new URL(request.url ?? '/', 'http://sim');
      const rawBody = Buffer.concat(chunks);
      const type = String(request.headers['content-type'] ?? '');
      let body: unknown;
      if (rawBody.length > 0 && (type.includes('json') || type === '')) {
        try {
          body = JSON.parse(rawBody.toString('utf8'));
        } catch {
          if (type.includes('json')) {
            send(res, json(400, { errors: [{ code: 'InvalidInput', message: 'The request body is not valid JSON.' }] }));
            return;
          }
        }
      }
      const req: SimRequest = { method: request.method ?? 'GET', ...splitRegion(url.pathname), query: url.searchParams, headers: request.headers, params: {}, rawBody, body };
      dispatch(req, res).catch((err: unknown) => {
        send(res, json(500, { errors: [{ code: 'InternalFailure', message: err instanceof Error ? err.message : String(err) }] }));
      });
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://${opts.host ?? '127.0.0.1'}:${port}`;

  return {
    url: baseUrl, port, sellerId, clientId: lwa.clientId, clientSecret: lwa.clientSecret,
    refreshToken: Object.keys(lwa.refreshTokens)[0] ?? DEFAULT_REFRESH_TOKEN,
    clock, state, rates, faults, notifications: notifier, violations,
    close: async () => {
      notifier.stopRetrying();
      await notifier.flush();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      ctx.persist();
    },
  };
}

function send(res: http.ServerResponse, answer: SimResponse): void {
  if (res.headersSent || res.destroyed) return;
  const headers: Record<string, string> = { 'x-amzn-RequestId': `sim-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`, ...answer.headers };
  if (answer.raw !== undefined) {
    headers['content-type'] = answer.contentType ?? 'application/octet-stream';
    res.writeHead(answer.status, headers);
    res.end(answer.raw);
    return;
  }
  if (answer.body === undefined) {
    res.writeHead(answer.status, headers);
    res.end();
    return;
  }
  headers['content-type'] = answer.contentType ?? 'application/json';
  res.writeHead(answer.status, headers);
  res.end(JSON.stringify(answer.body));
}
