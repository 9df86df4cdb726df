/** The local Functions host: runs the unchanged app's HTTP, timer, queue and durable functions on loopback and Azurite. */
import http from 'node:http';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { StorageDeadLetterQueue, StorageQueueSender, DEFAULT_MAX_DELIVERY_COUNT, type DeadLetterQueue, type QueueSender } from '../../connectors/messaging';
import { createDurableEngine, registryFromRegistrations, RealClock, type Clock, type DurableEngine } from './durable';
import { getRegistrations, type FunctionRegistration } from './registrations';
import { loadAppFiles } from './app-files';
import { readHostConfig, type HostConfig } from './host-config';
import { generateKey, isDurableApiAuthorized, presentedKey, type HostKeys } from './function-keys';
import { dispatchHttpFunction, httpFunctionsOf } from './http-functions';
import { TimerFunctions } from './timer-functions';
import { QueueFunctions } from './queue-functions';
import { handleAdmin } from './admin-api';
import { Router } from '../http-router/router';
import { hostLog, streamSink, type LogSink } from './log-sink';
import type { InvocationServices } from './invocation-context';

export interface LocalHostOptions {
  /** Modules to load (absolute paths); each registers functions through @azure/functions / durable-functions. */
  appFiles: string[];
  /** Where host.json is looked up (default: the current directory). */
  appRoot?: string;
  /** M3SYNC_PORT; default 7071; 0 picks a free port. */
  port?: number;
  /** AzureWebJobsStorage (Azurite): queues and the durable task hub. */
  connectionString: string;
  /** Default: host.json durableTask.hubName (%TASKHUB_NAME% resolved), else "m3sync". */
  taskHub?: string;
  /** RealClock by default; a VirtualClock makes timers and durable timers move only on advance(). */
  clock?: Clock;
  /** LOCAL_FUNCTION_KEY / LOCAL_MASTER_KEY; random when absent (read them from the handle). */
  keys?: Partial<HostKeys>;
  /** OPS_API_KEY values the admin run endpoint accepts in `x-api-key` (besides the master key). */
  opsKeys?: string[];
  /** Fire timers on their schedule (false in tests: run them with invokeTimer or the admin API). */
  runTimersOnSchedule?: boolean;
  /** Service Bus MaxDeliveryCount stand-in (default 5). */
  maxDeliveryCount?: number;
  /** Peek-lock duration for queue triggers (default 60 s, Service Bus' default). */
  queueLockMs?: number;
  /** Set in process.env while the host runs (restored on stop); the app reads its settings from there. */
  env?: Record<string, string>;
  /** Log sink; JSON lines on stdout by default. */
  sink?: LogSink;
}

export interface LocalHost {
  url: string;
  port: number;
  keys: HostKeys;
  clock: Clock;
  durable?: DurableEngine;
  registrations: FunctionRegistration[];
  /** Dead letters of the Service Bus stand-in queues, for inspection and resubmission. */
  deadLetters: DeadLetterQueue;
  /** A sender in the trigger wire format, for tests that feed queue triggers. */
  queueSender: QueueSender;
  /** Runs a timer function now; resolves when it finished, rejects with its error. */
  invokeTimer(name: string): Promise<void>;
  /** Resolves when no invocation runs, every trigger queue is empty and the durable engine is idle. */
  whenIdle(options?: { timeoutMs?: number }): Promise<void>;
  stop(): Promise<void>;
}

export async function startLocalHost(options: LocalHostOptions): Promise<LocalHost> {
  const sink = options.sink ?? streamSink(process.stdout);
  const clock = options.clock ?? new RealClock();
  const savedEnv = applyEnv(options.env ?? {});
  const config: HostConfig = readHostConfig(path.join(options.appRoot ?? process.cwd(), 'host.json'));
  const keys: HostKeys = {
    functionKey: options.keys?.functionKey || generateKey(), masterKey: options.keys?.masterKey || generateKey(), durableKey: options.keys?.durableKey || generateKey(),
  };

  loadAppFiles(options.appFiles);
  const registrations = getRegistrations();

  let inFlight = 0;
  const track = async <T>(work: Promise<T>): Promise<T> => {
    inFlight++;
    try {
      return await work;
    } finally {
      inFlight--;
    }
  };

  const registry = registryFromRegistrations(registrations);
  const needsDurable = registry.orchestrations.size + registry.activities.size + registry.entities.size > 0
    || registrations.some((r) => Object.values(r.bindings).some((b) => b.type === 'durableClient' || b.type === 'orchestrationClient'));
  const taskHub = options.taskHub ?? config.hubName ?? process.env.TASKHUB_NAME ?? 'm3sync';
  const durable = needsDurable
    ? createDurableEngine({
        connectionString: options.connectionString, taskHub, registry, clock, systemKey: keys.durableKey,
        maxConcurrentActivities: config.maxConcurrentActivityFunctions,
        maxConcurrentOrchestrations: config.maxConcurrentOrchestratorFunctions,
        log: (entry) => sink({ time: new Date().toISOString(), level: 'information', message: '', ...entry }),
      })
    : undefined;
  const services: InvocationServices = { sink, durableClientData: durable ? () => durable.clientInputData() : undefined };

  const timers = new TimerFunctions(registrations, clock, services, track);
  const queues = new QueueFunctions(registrations, {
    connectionString: options.connectionString,
    maxDeliveryCount: options.maxDeliveryCount ?? DEFAULT_MAX_DELIVERY_COUNT,
    maxDequeueCount: config.maxDequeueCount,
    maxConcurrentCalls: config.maxConcurrentCalls,
    maxAutoLockRenewalMs: config.maxAutoLockRenewalMs,
    lockMs: options.queueLockMs ?? 60_000,
    services,
  });
  const httpFunctions = httpFunctionsOf(registrations);
  let baseUrl = '';

  /** The host's own routes (admin API, durable HTTP API) and the functions under the route prefix, as Azure lays them out. */
  type HostRoute = (req: http.IncomingMessage, res: http.ServerResponse, url: URL) => Promise<void>;
  const routes = new Router<HostRoute>({ ignoreCase: true, looseSlashes: true });
  routes.on('*', '/admin/{*rest}', (req, res, url) => handleAdmin(req, res, url, { keys, opsKeys: options.opsKeys ?? [], timers, clock, sink, track }));
  if (durable) {
    routes.on('*', '/runtime/webhooks/durabletask/{*rest}', async (req, res, url) => {
      // Azure answers the durable HTTP API only with the durabletask_extension system key or the master key
      // (`code` query or x-functions-key).
      if (!isDurableApiAuthorized(presentedKey(req.headers, url.searchParams), keys)) {
        res.writeHead(401, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'UNAUTHORIZED', message: 'the durable HTTP API needs the system key or the master key (code or x-functions-key)' }));
        return;
      }
      url.searchParams.delete('code');
      await proxyToDurable(req, res, url, durable.clientBaseUrl);
    });
  }
  routes.on('*', `${config.routePrefix}/{*rest}`, async (req, res, url) => {
    if (!(await dispatchHttpFunction(req, res, url, { functions: httpFunctions, routePrefix: config.routePrefix, keys, baseUrl: () => baseUrl, services, track }))) res.writeHead(404).end();
  });

  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const found = routes.lookup(req.method ?? 'GET', url.pathname);
    if (found.kind !== 'found') { res.writeHead(404).end(); return; }
    found.handler(req, res, url).catch((error: unknown) => {
      hostLog(sink, 'error', `request ${req.method} ${req.url?.split('?')[0]} failed in the host: ${error instanceof Error ? error.message : String(error)}`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Long-running requests (large bodies, slow handlers) must not be cut by node's defaults; Azure allows 230 s.
  server.requestTimeout = 0;
  server.headersTimeout = 60_000;
  // Node closes an idle keep-alive connection after 5 s; a client reusing it in that instant (a busy machine) sees
  // "other side closed". Kestrel, which serves Azure Functions, keeps idle connections for 130 s.
  server.keepAliveTimeout = 130_000;

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 7071, '127.0.0.1', () => { server.off('error', reject); resolve(); });
    });
  } catch (error) {
    restoreEnv(savedEnv);
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  baseUrl = `http://127.0.0.1:${port}`;
  // durable-functions rewrites client URLs to localhost:7071 unless WEBSITE_HOSTNAME names the real host (getClient.js).
  const hostnameSaved = applyEnv(process.env.WEBSITE_HOSTNAME ? {} : { WEBSITE_HOSTNAME: `127.0.0.1:${port}` });

  try {
    if (durable) await durable.start();
    await queues.start();
    if (options.runTimersOnSchedule) timers.startSchedules();
  } catch (error) {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    restoreEnv(hostnameSaved);
    restoreEnv(savedEnv);
    throw error;
  }
  hostLog(sink, 'information', `Host started: ${registrations.length} functions on ${baseUrl}`, { functions: registrations.map((r) => r.name) });

  const isQuiet = async (): Promise<boolean> => inFlight === 0 && queues.busy() === 0 && (await queues.isIdle());
  let stopped = false;

  return {
    url: baseUrl,
    port,
    keys,
    clock,
    durable,
    registrations,
    deadLetters: new StorageDeadLetterQueue(options.connectionString),
    queueSender: new StorageQueueSender(options.connectionString),
    invokeTimer: (name) => track(timers.invoke(name)),
    async whenIdle({ timeoutMs } = {}) {
      const deadline = timeoutMs === undefined ? Infinity : Date.now() + timeoutMs;
      let quietRounds = 0;
      // Two quiet rounds in a row: a queue handler may start an orchestration whose activity sends a message, and so on.
      while (quietRounds < 2) {
        if (Date.now() > deadline) throw new Error(`the host did not become idle within ${timeoutMs} ms`);
        queues.nudge();
        if (durable) await durable.whenIdle();
        if (await isQuiet()) quietRounds++;
        else quietRounds = 0;
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await timers.stop();
      await queues.stop();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      if (durable) await durable.stop();
      restoreEnv(hostnameSaved);
      restoreEnv(savedEnv);
      hostLog(sink, 'information', 'Host stopped');
    },
  };
}

/** Azure serves the durable HTTP API under /runtime/webhooks/durabletask on the app's own host; the engine serves it on its port. */
async function proxyToDurable(req: http.IncomingMessage, res: http.ServerResponse, url: URL, clientBaseUrl: string): Promise<void> {
  const rest = url.pathname.replace(/^\/runtime\/webhooks\/durabletask\//i, '');
  const target = new URL(`${clientBaseUrl.replace(/\/+$/, '')}/${rest}${url.search}`);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  const body = Buffer.concat(chunks);
  const headers: Record<string, string> = {};
  const type = req.headers['content-type'];
  if (type) headers['content-type'] = type;
  const method = (req.method ?? 'GET').toUpperCase();
  const response = await fetch(target, { method, headers, body: method === 'GET' || method === 'HEAD' ? undefined : body });
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => { if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection') out[name] = value; });
  res.writeHead(response.status, out).end(Buffer.from(await response.arrayBuffer()));
}

type SavedEnv = Array<[string, string | undefined]>;

function applyEnv(values: Record<string, string>): SavedEnv {
  const saved: SavedEnv = [];
  for (const [name, value] of Object.entries(values)) {
    saved.push([name, process.env[name]]);
    process.env[name] = value;
  }
  return saved;
}

function restoreEnv(saved: SavedEnv): void {
  for (const [name, value] of saved.reverse()) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
}
