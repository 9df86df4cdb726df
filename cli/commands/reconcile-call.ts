/** One JSON request of the reconcile commands to the running app; a refusal names the status and the app's message. */
import type { Command } from 'commander';
import { z } from 'zod';
import { InputError } from '../input-error';
import { opsKeyFrom } from '../ops-client';

export async function call(url: string, key: string | undefined, init: { method: 'GET' | 'POST'; body?: unknown }): Promise<unknown> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: init.method,
      headers: { ...(key ? { 'x-api-key': key } : {}), ...(init.body !== undefined ? { 'content-type': 'application/json' } : {}) },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
    });
  } catch (error) {
    throw new Error(`cannot reach the app at ${new URL(url).origin}: ${error instanceof Error ? error.message : String(error)}`);
  }
  const text = await response.text();
  let body: unknown = text;
  try { body = JSON.parse(text); } catch { /* not JSON */ }
  if (!response.ok) {
    const message = z.object({ message: z.string() }).safeParse(body);
    const detail = message.success ? message.data.message : text.slice(0, 200);
    if (response.status === 400 || response.status === 401 || response.status === 403) throw new InputError(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${detail}`);
    throw new Error(`${init.method} ${new URL(url).pathname} answered ${response.status}: ${detail}`);
  }
  return body;
}

/** The options every reconcile command takes (inventory, prices). */
export interface ReconcileOptions {
  marketplace?: string;
  format: string;
  json?: boolean;
  fix?: boolean;
  all?: boolean;
  url: string;
  key?: string;
  pageSize: string;
}

export type ReportFormat = 'csv' | 'json' | 'table';

/** Checks a reconcile command's options before any call: the report format, the page size and the app's route URL. */
export function reconcileRequest(opts: ReconcileOptions, route: string): { format: ReportFormat; pageSize: number; base: URL } {
  const format = opts.json ? 'json' : opts.format;
  if (format !== 'csv' && format !== 'json' && format !== 'table') throw new InputError(`--format must be csv, json or table, not "${format}"`);
  const pageSize = Number(opts.pageSize);
  if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 1000) throw new InputError('--page-size must be a whole number from 1 to 1000');
  let base: URL;
  try { base = new URL(route, opts.url); } catch { throw new InputError(`--url "${opts.url}" is not a URL`); }
  return { format, pageSize, base };
}

/** One CSV field, quoted when it holds a comma, a quote or a line break. */
export function csvField(s: string): string {
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The options of every reconcile command; `what` names what --fix queues and --all lists. */
export function withReconcileOptions(command: Command, what: { fix: string; all: string }): Command {
  return command
    .option('--marketplace <id>', 'only this Amazon marketplace id')
    .option('--format <format>', 'csv, json or table', 'table')
    .option('--json', 'same as --format json')
    .option('--fix', what.fix)
    .option('--all', what.all)
    .option('--url <url>', 'base URL of the running app (env M3SYNC_URL)', process.env.M3SYNC_URL ?? 'http://127.0.0.1:7071')
    .option('--key <key>', 'the operations key sent as x-api-key (env M3SYNC_KEY, else OPS_API_KEY)', process.env.M3SYNC_KEY ?? opsKeyFrom(process.env))
    .option('--page-size <n>', 'SKUs per request', '200');
}

/**
 * Every row of a paged reconcile report: GET `base` with offset and limit (and the marketplace filter) until the app
 * answers no next offset. `onPage` sees each page (a progress bar).
 */
export async function readReconcilePages<R>(
  rowSchema: z.ZodType<R, z.ZodTypeDef, unknown>,
  base: URL,
  opts: Pick<ReconcileOptions, 'key' | 'marketplace'> & { pageSize: number },
  onPage?: (page: { total: number; offset: number; rows: R[] }) => void,
): Promise<R[]> {
  const PageSchema = z.object({ total: z.number(), offset: z.number(), nextOffset: z.number().nullable(), rows: z.array(rowSchema) });
  const rows: R[] = [];
  let offset: number | null = 0;
  while (offset !== null) {
    const url = new URL(base);
    url.searchParams.set('offset', String(offset));
    url.searchParams.set('limit', String(opts.pageSize));
    if (opts.marketplace) url.searchParams.set('marketplace', opts.marketplace);
    const page = PageSchema.parse(await call(url.toString(), opts.key, { method: 'GET' }));
    onPage?.(page);
    rows.push(...page.rows);
    offset = page.nextOffset;
  }
  return rows;
}
