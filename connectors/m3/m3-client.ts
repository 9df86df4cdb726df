/** M3 MI REST v2 client: one transaction per GET (values URL-encoded), or several in one bulk POST; raises TransientError | PermanentError | AuthError. */
import type { AxiosInstance } from 'axios';
import { PermanentError, TransientError } from '../../core/errors';
import { basicAuth, bearerFrom, staticBearer, type M3Authorization } from './m3-authorization';
import { IonApiTokenProvider, type IonApiTokenProviderOptions } from './ionapi-token-provider';
import { miRootUrl, type IonApiFile } from './ionapi-file';
import { failureOf, failureOfResult, isResultFailed, MiV2ResponseSchema, trimRecords, type MiRecord, type MiV2Response } from './mi-response';
import { carriesPersonalData, httpError, networkError, nokError } from './mi-errors';
import { createHttpClient, exchange, retryAfterMs } from '../http';

export interface ExecuteOptions {
  /** 0 = all records (the default here: a silently cut list is worse than a long one). */
  maxrecs?: number;
  returncols?: string[];
}

export interface BulkCall {
  transaction: string;
  params: Record<string, string>;
  returncols?: string[];
}

export type BulkOutcome = { ok: true; transaction: string; records: MiRecord[] } | { ok: false; transaction: string; error: PermanentError | TransientError };

/** What typed wrappers need; tests can pass a fake. */
export interface MiExecutor {
  execute(program: string, transaction: string, params: Record<string, string>, opts?: ExecuteOptions): Promise<MiRecord[]>;
}

export interface M3ClientOptions {
  /** The `…/m3api-rest` root: `{iu}/{ti}/M3/m3api-rest` through the ION API gateway, `https://host:port/m3api-rest` on premises. */
  rootUrl: string;
  auth: M3Authorization;
  /** Company and division context sent as `cono`/`divi` (docs/m3-facts.md, MI REST v2); the user's defaults when absent. */
  cono?: string;
  divi?: string;
  timeoutMs?: number;
  /** The HTTP client (connectors/http); tests pass one with their own adapter. */
  http?: AxiosInstance;
}

export class M3Client implements MiExecutor {
  private readonly http: AxiosInstance;
  private readonly timeoutMs: number;

  constructor(private readonly opts: M3ClientOptions) {
    this.http = opts.http ?? createHttpClient();
    this.timeoutMs = opts.timeoutMs ?? 60_000;
  }

  async execute(program: string, transaction: string, params: Record<string, string>, opts: ExecuteOptions = {}): Promise<MiRecord[]> {
    // Buyer name, address, e-mail or phone never go into a URL (gateways and proxies log query strings): such a call
    // travels as a one-transaction bulk request, in the POST body.
    if (carriesPersonalData(params)) return this.executeInBody(program, transaction, params, opts);
    // URLSearchParams encodes every value (&, =, #, %, +, newlines, unicode) so it can only ever arrive as data.
    const query = new URLSearchParams(this.context({ maxrecs: String(opts.maxrecs ?? 0), ...(opts.returncols?.length ? { returncols: opts.returncols.join(',') } : {}) }));
    for (const [name, value] of Object.entries(params)) query.append(name, value);
    const url = `${this.root()}/v2/execute/${encodeURIComponent(program)}/${encodeURIComponent(transaction)}?${query}`;
    const { status, body } = await this.send(program, transaction, url, 'GET');
    const failure = body ? failureOf(body) : undefined;
    if (failure) throw nokError(program, transaction, failure, params, status);
    if (status < 200 || status >= 300 || !body) throw httpError(program, transaction, status);
    return trimRecords(body.results[0]?.records);
  }

  /** Several transactions of one program in one round trip (docs/m3-facts.md, Bulk calls); each answers on its own, in order. */
  async executeBulk(program: string, calls: BulkCall[], opts: { maxrecs?: number } = {}): Promise<BulkOutcome[]> {
    if (calls.length === 0) return [];
    const url = `${this.root()}/v2/execute?${new URLSearchParams(this.context({}))}`;
    const payload = {
      program,
      ...(this.opts.cono ? { cono: Number(this.opts.cono) } : {}),
      maxReturnedRecords: opts.maxrecs ?? 0,
      transactions: calls.map((c) => ({ transaction: c.transaction, record: c.params, ...(c.returncols?.length ? { selectedColumns: c.returncols } : {}) })),
    };
    const label = `bulk(${calls.length})`;
    const { status, body } = await this.send(program, label, url, 'POST', JSON.stringify(payload));
    if (!body || status < 200 || status >= 300) {
      const failure = body ? failureOf(body) : undefined;
      if (failure) throw nokError(program, label, failure, calls.map((c) => c.params), status);
      throw httpError(program, label, status);
    }
    if (body.results.length !== calls.length) {
      throw new TransientError(`M3 ${program} bulk answered ${body.results.length} results for ${calls.length} transactions`, { code: 'BULK_MISMATCH', system: 'm3', details: { program } });
    }
    return body.results.map((result, i) => {
      const call = calls[i];
      // A bulk request M3 terminated at an earlier failure never ran this one: nothing happened, so it may be resent.
      if (result.notProcessed) {
        return { ok: false, transaction: call.transaction, error: new TransientError(`M3 did not process ${program}.${call.transaction}: the bulk request stopped at an earlier failure`, { code: 'NOT_PROCESSED', system: 'm3', details: { program, transaction: call.transaction } }) };
      }
      if (isResultFailed(result)) return { ok: false, transaction: call.transaction, error: nokError(program, call.transaction, failureOfResult(result), call.params, 400) };
      return { ok: true, transaction: call.transaction, records: trimRecords(result.records) };
    });
  }

  private async executeInBody(program: string, transaction: string, params: Record<string, string>, opts: ExecuteOptions): Promise<MiRecord[]> {
    const [outcome] = await this.executeBulk(program, [{ transaction, params, returncols: opts.returncols }], { maxrecs: opts.maxrecs });
    if (!outcome) throw new TransientError(`M3 ${program}.${transaction}: the bulk answer has no result`, { code: 'BULK_MISMATCH', system: 'm3', details: { program, transaction } });
    if (!outcome.ok) throw outcome.error;
    return outcome.records;
  }

  private root(): string {
    return this.opts.rootUrl.replace(/\/+$/, '');
  }

  private context(extra: Record<string, string>): Record<string, string> {
    return { ...(this.opts.cono ? { cono: this.opts.cono } : {}), ...(this.opts.divi ? { divi: this.opts.divi } : {}), ...extra };
  }

  /** One HTTP exchange; a 401/403 renews the credentials once and retries (docs/design.md, Error policy: auth only after a refresh). */
  private async send(program: string, transaction: string, url: string, method: 'GET' | 'POST', jsonBody?: string): Promise<{ status: number; body: MiV2Response | undefined }> {
    for (let attempt = 0; ; attempt++) {
      const authorization = await this.opts.auth.header();
      const headers: Record<string, string> = { accept: 'application/json', authorization, ...(jsonBody === undefined ? {} : { 'content-type': 'application/json' }) };
      // The body as text, parsed below: a gateway's HTML error page must not be mistaken for (or crash) an MI answer.
      const answer = await exchange(this.http, { method, url, headers, data: jsonBody, timeoutMs: this.timeoutMs, responseType: 'text', transformResponse: [(data: unknown) => data] });
      if (!answer.answered) throw networkError(program, transaction, answer);
      const status = answer.status;
      if ((status === 401 || status === 403) && attempt === 0 && this.opts.auth.renew(authorization)) continue;
      if (status === 401 || status === 403) throw httpError(program, transaction, status);
      let json: unknown;
      try { json = JSON.parse(typeof answer.data === 'string' ? answer.data : ''); } catch { json = undefined; }
      const parsed = MiV2ResponseSchema.safeParse(json);
      if (status === 429 || status >= 500) {
        if (!parsed.success || !failureOf(parsed.data)) throw httpError(program, transaction, status, retryAfterMs(answer.header('retry-after')));
      }
      if (!parsed.success && status >= 200 && status < 300) {
        throw new TransientError(`M3 ${program}.${transaction}: the answer is not an MI v2 response`, { code: 'INVALID_RESPONSE', system: 'm3', details: { program, transaction, httpStatus: status } });
      }
      return { status, body: parsed.success ? parsed.data : undefined };
    }
  }
}

/** Through the ION API gateway with the `.ionapi` service account. */
export function createM3ClientFromIonApi(ionapi: IonApiFile, opts: { cono?: string; divi?: string; timeoutMs?: number; http?: AxiosInstance; token?: IonApiTokenProviderOptions } = {}): M3Client {
  const http = opts.http ?? createHttpClient();
  const provider = new IonApiTokenProvider(ionapi, { http, ...opts.token });
  return new M3Client({ rootUrl: miRootUrl(ionapi), auth: bearerFrom(provider), cono: opts.cono, divi: opts.divi, timeoutMs: opts.timeoutMs, http });
}

/** On premises (no gateway): the `…/m3api-rest` root with basic auth or a bearer token obtained elsewhere. */
export function createDirectM3Client(opts: { rootUrl: string; username?: string; password?: string; bearerToken?: string; cono?: string; divi?: string; timeoutMs?: number; http?: AxiosInstance }): M3Client {
  let auth: M3Authorization;
  if (opts.bearerToken) auth = staticBearer(opts.bearerToken);
  else if (opts.username && opts.password !== undefined) auth = basicAuth(opts.username, opts.password);
  else throw new PermanentError('direct M3 connection needs username and password, or a bearer token', { code: 'M3_CONFIG', system: 'm3' });
  return new M3Client({ rootUrl: opts.rootUrl, auth, cono: opts.cono, divi: opts.divi, timeoutMs: opts.timeoutMs, http: opts.http });
}
