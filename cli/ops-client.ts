/**
 * The CLI's client for the app's operations API: base URL and key from --url/--key or M3SYNC_URL/M3SYNC_KEY (default
 * http://127.0.0.1:7071, the local sandbox). Every failure — app not reachable, key refused, a 4xx/5xx answer —
 * becomes an InputError naming what happened (one `error:` line, exit 2).
 */
import type { Command } from 'commander';
import type { z } from 'zod';
import { InputError } from './input-error';

export const DEFAULT_URL = 'http://127.0.0.1:7071';

export interface ConnectionOptions {
  url?: string;
  key?: string;
  json?: boolean;
}

/** Adds --url, --key and --json to a command. */
export function withConnection(command: Command): Command {
  return command
    .option('--url <url>', `the app's base URL (env M3SYNC_URL, default ${DEFAULT_URL})`)
    .option('--key <key>', 'the operations key (OPS_API_KEY), sent as x-api-key (env M3SYNC_KEY, else the first of OPS_API_KEY)')
    .option('--json', 'machine-readable output');
}

export class OpsClient {
  readonly baseUrl: string;
  private readonly key: string;

  constructor(options: ConnectionOptions, env: NodeJS.ProcessEnv = process.env) {
    const url = options.url ?? env.M3SYNC_URL ?? DEFAULT_URL;
    try {
      this.baseUrl = new URL(url).toString().replace(/\/+$/, '');
    } catch {
      throw new InputError(`--url ${url} is not a URL`);
    }
    this.key = options.key ?? env.M3SYNC_KEY ?? opsKeyFrom(env) ?? '';
  }

  get<S extends z.ZodTypeAny>(path: string, schema: S, query: Record<string, string | number | undefined> = {}): Promise<z.infer<S>> {
    return this.request('GET', path, schema, undefined, query);
  }

  post<S extends z.ZodTypeAny>(path: string, schema: S, body: unknown = {}): Promise<z.infer<S>> {
    return this.request('POST', path, schema, body);
  }

  delete<S extends z.ZodTypeAny>(path: string, schema: S): Promise<z.infer<S>> {
    return this.request('DELETE', path, schema);
  }

  /** `path` is relative to /api/ (e.g. `ops/parked`); segments must already be encoded (see `segment`). */
  async request<S extends z.ZodTypeAny>(method: string, path: string, schema: S, body?: unknown, query: Record<string, string | number | undefined> = {}, acceptStatuses: readonly number[] = []): Promise<z.infer<S>> {
    const url = new URL(`${this.baseUrl}/api/${path}`);
    for (const [name, value] of Object.entries(query)) if (value !== undefined && value !== '') url.searchParams.set(name, String(value));
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.key) headers['x-api-key'] = this.key;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(120_000) });
    } catch (error) {
      const cause = error instanceof Error && error.cause instanceof Error ? error.cause.message : error instanceof Error ? error.message : String(error);
      throw new InputError(`cannot reach ${this.baseUrl} (${cause}); is the app running? (--url or M3SYNC_URL)`);
    }
    const text = await response.text();
    let parsed: unknown = undefined;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = undefined;
    }
    if (response.status === 401) throw new InputError(`${this.baseUrl} refused the key (pass the operations key with --key or set M3SYNC_KEY)`);
    if (response.status === 403) throw new InputError(`${this.baseUrl} refused the key: it is the intake key, and operations need the operations key (OPS_API_KEY)`);
    if (!response.ok && !acceptStatuses.includes(response.status)) {
      const message = messageOf(parsed) ?? text.slice(0, 200);
      throw new InputError(`${method} /api/${path.split('?')[0]} → ${response.status}: ${message}`);
    }
    const checked = schema.safeParse(parsed);
    if (!checked.success) throw new InputError(`${method} /api/${path}: unexpected answer (${checked.error.issues[0]?.path.join('.') ?? ''} ${checked.error.issues[0]?.message ?? ''}); is --url the M3 ⇄ Amazon Sync app?`);
    return checked.data;
  }
}

/** The first operations key of an OPS_API_KEY setting (comma-separated for rotation), for operators who run the CLI with the app's settings. */
export function opsKeyFrom(env: NodeJS.ProcessEnv): string | undefined {
  return env.OPS_API_KEY?.split(',').map((k) => k.trim()).find(Boolean);
}

function messageOf(body: unknown): string | undefined {
  if (typeof body === 'object' && body !== null && 'message' in body && typeof body.message === 'string') return body.message;
  return undefined;
}

/** One path segment (instance ids carry colons, order ids dashes). */
export function segment(value: string): string {
  return encodeURIComponent(value);
}
