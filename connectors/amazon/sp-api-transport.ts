/** One SP-API call: governor slot, LWA token in `x-amz-access-token`, user agent, bounded retries with jittered backoff, and Amazon's answers mapped to Transient/Permanent/Auth errors (docs/design.md, Error policy). */
import type { AxiosInstance } from 'axios';
import { z, type ZodType, type ZodTypeDef } from 'zod';
import { AuthError, PermanentError, TransientError } from '../../core/errors';
import { createHttpClient, exchange, noAnswerError } from '../http';
import type { AccessTokenSource, GrantlessScope } from './lwa-token-provider';
import type { RateGovernor, RatePriority } from './rate-governor';
import type { SpApiOperation } from './rate-limits';

export interface SpApiTransportOptions {
  sellerId: string;
  baseUrl: string;
  lwa: AccessTokenSource;
  governor: RateGovernor;
  /** e.g. `m3-amazon-sync/0.1 (Language=TypeScript)` (docs/amazon-facts.md, Authorization). */
  userAgent: string;
  /** Retries after the first attempt for 429, 5xx and network failures (default 3). */
  maxRetries?: number;
  backoffBaseMs?: number;
  backoffMaxMs?: number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  timeoutMs?: number;
  http?: AxiosInstance;
}

export interface SpApiCall<T> {
  operation: SpApiOperation;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string;
  query?: Record<string, string | number | boolean | readonly string[] | undefined>;
  body?: unknown;
  /** Grantless operations use a client_credentials token of this scope (docs/amazon-facts.md, Authorization). */
  grantless?: GrantlessScope;
  /** Parses the 2xx body. */
  schema: ZodType<T, ZodTypeDef, unknown>;
  priority?: RatePriority;
  /** Whether a 5xx or network failure may be retried (the call is idempotent). Default: not for POST. */
  idempotent?: boolean;
}

const ErrorListSchema = z.object({ errors: z.array(z.object({ code: z.string(), message: z.string().optional(), details: z.string().optional() }).passthrough()) }).passthrough();

/** Amazon's first error code/message, if the body is an ErrorList (v0 and 2021+ APIs share the shape). */
function amazonError(data: unknown): { code: string; message: string } | undefined {
  const parsed = ErrorListSchema.safeParse(data);
  const first = parsed.success ? parsed.data.errors[0] : undefined;
  return first ? { code: first.code, message: [first.message, first.details].filter(Boolean).join(' - ') } : undefined;
}

function encodeQuery(query: SpApiVoidCall['query']): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v === undefined) continue;
    // SP-API array parameters are comma-delimited (collectionFormat csv in the models).
    params.set(k, Array.isArray(v) ? v.join(',') : String(v));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type SpApiVoidCall = Omit<SpApiCall<never>, 'schema'>;

export class SpApiTransport {
  private readonly http: AxiosInstance;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(readonly opts: SpApiTransportOptions) {
    this.http = opts.http ?? createHttpClient();
    this.sleep = opts.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = opts.random ?? Math.random;
  }

  /** Sends a call and parses Amazon's 2xx body with the call's schema. */
  async call<T>(call: SpApiCall<T>): Promise<T> {
    const data = await this.send(call);
    const parsed = call.schema.safeParse(data);
    if (!parsed.success) {
      throw new PermanentError(`SP-API ${call.operation} answered a body that does not match its model: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`, { code: 'InvalidResponse', system: 'amazon', details: { operation: call.operation } });
    }
    return parsed.data;
  }

  /** Sends a call whose success has no body (e.g. confirmShipment's 204). */
  async callVoid(call: SpApiVoidCall): Promise<void> {
    await this.send(call);
  }

  private async send(call: SpApiVoidCall): Promise<unknown> {
    const key = { sellerId: this.opts.sellerId, operation: call.operation };
    const maxRetries = this.opts.maxRetries ?? 3;
    const idempotent = call.idempotent ?? call.method !== 'POST';
    const details = { operation: call.operation, method: call.method };
    let refreshedAuth = false;
    for (let attempt = 0; ; attempt += 1) {
      await this.opts.governor.acquire(key, call.priority);
      const token = call.grantless ? await this.opts.lwa.getGrantlessToken(call.grantless) : await this.opts.lwa.getAccessToken();
      const answer = await exchange(this.http, {
        method: call.method,
        url: `${this.opts.baseUrl}${call.path}${encodeQuery(call.query)}`,
        data: call.body === undefined ? undefined : JSON.stringify(call.body),
        headers: {
          'x-amz-access-token': token,
          'user-agent': this.opts.userAgent,
          accept: 'application/json',
          ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        timeoutMs: this.opts.timeoutMs ?? 30000,
        transitional: { silentJSONParsing: true, forcedJSONParsing: true, clarifyTimeoutError: false },
      });
      if (!answer.answered) {
        if (idempotent && attempt < maxRetries) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw noAnswerError({ system: 'amazon', call: `SP-API ${call.operation}`, details }, answer, 'network');
      }
      const { status, data } = answer;
      const limitHeader = answer.header('x-amzn-ratelimit-limit');
      if (status >= 200 && status < 300) {
        this.opts.governor.observe(key, { limitHeader });
        return data;
      }
      const error = amazonError(data);
      const withStatus = { ...details, status, amazonCode: error?.code };
      if (status === 429) {
        this.opts.governor.observe(key, { throttled: true, limitHeader });
        const wait = this.backoff(attempt);
        if (attempt < maxRetries) {
          await this.sleep(wait);
          continue;
        }
        throw new TransientError(`SP-API ${call.operation} throttled (QuotaExceeded) after ${attempt + 1} attempts`, { code: 'QuotaExceeded', system: 'amazon', details: withStatus, retryAfterMs: wait });
      }
      if (status >= 500) {
        if (idempotent && attempt < maxRetries) {
          await this.sleep(this.backoff(attempt));
          continue;
        }
        throw new TransientError(`SP-API ${call.operation} answered ${status}${error ? ` ${error.code}: ${error.message}` : ''}`, { code: error?.code ?? `http_${status}`, system: 'amazon', details: withStatus });
      }
      if (status === 401 || status === 403) {
        // An expired or revoked token: refresh once, then give up (a second refusal is a real permission problem).
        if (!refreshedAuth) {
          refreshedAuth = true;
          this.opts.lwa.invalidate(token);
          attempt -= 1;
          continue;
        }
        throw new AuthError(`SP-API ${call.operation} refused access (${status}${error ? ` ${error.code}: ${error.message}` : ''})`, { code: error?.code ?? `http_${status}`, system: 'amazon', details: withStatus });
      }
      throw new PermanentError(`SP-API ${call.operation} rejected the request (${status}${error ? ` ${error.code}: ${error.message}` : ''})`, { code: error?.code ?? `http_${status}`, system: 'amazon', details: withStatus });
    }
  }

  /** Exponential backoff with full jitter (AWS architecture blog "Exponential Backoff And Jitter"). */
  private backoff(attempt: number): number {
    const cap = Math.min(this.opts.backoffMaxMs ?? 30000, (this.opts.backoffBaseMs ?? 500) * 2 ** attempt);
    return Math.round(cap / 2 + (this.random() * cap) / 2);
  }
}
