/**
 * The host's /admin API as Azure's Functions host exposes it (master key): `POST /admin/functions/<name>` runs a
 * non-HTTP function on demand (https://learn.microsoft.com/azure/azure-functions/functions-manually-run-non-http),
 * `GET /admin/host/status`; plus, locally, the operations key (OPS_API_KEY) in `x-api-key` for the run endpoint and
 * `POST /admin/clock/advance {"ms": N}` when the host runs on a virtual clock.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { z } from 'zod';
import type { Clock, VirtualClock } from './durable';
import { constantTimeEquals, isAuthorized, presentedKey, type HostKeys } from './function-keys';
import { readBody } from './http-functions';
import type { TimerFunctions } from './timer-functions';
import { hostLog, type LogSink } from './log-sink';
import { Router } from '../http-router/router';

const RunBodySchema = z.object({ input: z.unknown().optional() }).passthrough();
const AdvanceBodySchema = z.object({ ms: z.number().int().nonnegative() });

export interface AdminApiOptions {
  keys: HostKeys;
  opsKeys: string[];
  timers: TimerFunctions;
  clock: Clock;
  sink: LogSink;
  track: <T>(work: Promise<T>) => Promise<T>;
}

function isVirtual(clock: Clock): clock is VirtualClock {
  return 'advance' in clock && typeof clock.advance === 'function';
}

function send(res: ServerResponse, status: number, body?: unknown): void {
  if (body === undefined) { res.writeHead(status).end(); return; }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(body));
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; value: unknown } | { ok: false }> {
  const body = await readBody(req, 1024 * 1024);
  if (body === 'too-large') return { ok: false };
  const text = body.toString('utf8').trim();
  if (text === '') return { ok: true, value: {} };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

interface AdminRoute {
  /** `master`: the master key only; `run`: the master key or an operations key in `x-api-key`. */
  access: 'master' | 'run';
  handle(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, options: AdminApiOptions): Promise<void>;
}

async function runFunction(req: IncomingMessage, res: ServerResponse, params: Record<string, string>, options: AdminApiOptions): Promise<void> {
  const name = params.name;
  const json = await readJson(req);
  if (!json.ok || !RunBodySchema.safeParse(json.value).success) { send(res, 400, { error: 'body must be JSON like {"input": ""}' }); return; }
  if (!options.timers.has(name)) { send(res, 404, { error: `no timer function named "${name}"` }); return; }
  // Azure answers 202 and runs the function in the background; failures show in the logs.
  void options.track(options.timers.invoke(name)).catch((error: unknown) => {
    hostLog(options.sink, 'error', `admin run of '${name}' failed: ${error instanceof Error ? error.message : String(error)}`, { function: name });
  });
  send(res, 202);
}

async function hostStatus(_req: IncomingMessage, res: ServerResponse, _params: Record<string, string>, options: AdminApiOptions): Promise<void> {
  send(res, 200, { state: 'Running', processUptime: Math.round(process.uptime() * 1000), now: options.clock.now().toISOString() });
}

async function advanceClock(req: IncomingMessage, res: ServerResponse, _params: Record<string, string>, options: AdminApiOptions): Promise<void> {
  const clock = options.clock;
  if (!isVirtual(clock)) { send(res, 409, { error: 'the host runs on the real clock (LOCAL_CLOCK=virtual to move time)' }); return; }
  const json = await readJson(req);
  const parsed = json.ok ? AdvanceBodySchema.safeParse(json.value) : undefined;
  if (!parsed?.success) { send(res, 400, { error: 'body must be {"ms": <non-negative integer>}' }); return; }
  await clock.advance(parsed.data.ms);
  send(res, 200, { now: clock.now().toISOString() });
}

const ADMIN_ROUTES = new Router<AdminRoute>({ ignoreCase: true, looseSlashes: true })
  .on('POST', '/admin/functions/{name}', { access: 'run', handle: runFunction })
  .on('GET', '/admin/host/status', { access: 'master', handle: hostStatus })
  .on('POST', '/admin/clock/advance', { access: 'master', handle: advanceClock });

/** Answers a request under /admin: 401 without the key its route needs (the master key for any other path), else 404 for no route. */
export async function handleAdmin(req: IncomingMessage, res: ServerResponse, url: URL, options: AdminApiOptions): Promise<void> {
  const isMaster = isAuthorized('admin', presentedKey(req.headers, url.searchParams), options.keys);
  const found = ADMIN_ROUTES.lookup(req.method ?? 'GET', url.pathname);
  const route = found.kind === 'found' ? found.handler : undefined;
  if (route?.access === 'run' && !isMaster) {
    const apiKey = req.headers['x-api-key'];
    const presented = Array.isArray(apiKey) ? apiKey[0] : apiKey;
    const opsOk = presented !== undefined && options.opsKeys.map((k) => constantTimeEquals(presented, k)).includes(true);
    if (!opsOk) { send(res, 401); return; }
  } else if (!isMaster) {
    send(res, 401);
    return;
  }
  if (!route || found.kind !== 'found') { send(res, 404); return; }
  await route.handle(req, res, found.params, options);
}
