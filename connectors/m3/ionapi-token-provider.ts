/** OAuth2 access tokens for the ION API gateway: password grant with the `.ionapi` service account, cached, refreshed before expiry, one request in flight (docs/m3-facts.md, .ionapi and OAuth). */
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { AuthError, TransientError } from '../../core/errors';
import { tokenUrl, type IonApiFile } from './ionapi-file';
import { createHttpClient, exchange, noAnswerError } from '../http';

const TokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.union([z.number(), z.string().regex(/^\d+$/).transform(Number)]).optional(),
  refresh_token: z.string().optional(),
  token_type: z.string().optional(),
});

const TokenErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() }).passthrough();

export interface AccessTokenSource {
  getToken(): Promise<string>;
  /** Forget a token the gateway refused (401), so the next getToken fetches a new one. */
  invalidate(token: string): void;
}

export interface IonApiTokenProviderOptions {
  /** The HTTP client (connectors/http); tests pass one with their own adapter. */
  http?: AxiosInstance;
  now?: () => number;
  /** Refresh this long before the token expires; default 60 s. */
  refreshMarginMs?: number;
  timeoutMs?: number;
}

interface CachedToken { value: string; expiresAt: number; refreshToken?: string }

/** Infor does not document the token lifetime (docs/m3-facts.md, Not confirmed); when `expires_in` is absent assume a conservative hour. */
const DEFAULT_LIFETIME_S = 3600;

export class IonApiTokenProvider implements AccessTokenSource {
  private cached: CachedToken | undefined;
  private refreshToken: string | undefined;
  private inflight: Promise<CachedToken> | undefined;
  private readonly http: AxiosInstance;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly ionapi: IonApiFile, opts: IonApiTokenProviderOptions = {}) {
    this.http = opts.http ?? createHttpClient();
    this.now = opts.now ?? Date.now;
    this.marginMs = opts.refreshMarginMs ?? 60_000;
    this.timeoutMs = opts.timeoutMs ?? 30_000;
  }

  async getToken(): Promise<string> {
    if (this.cached && this.now() < this.cached.expiresAt - this.marginMs) return this.cached.value;
    if (!this.inflight) {
      this.inflight = this.obtain().finally(() => { this.inflight = undefined; });
    }
    return (await this.inflight).value;
  }

  invalidate(token: string): void {
    if (this.cached?.value === token) this.cached = undefined;
  }

  /** A refresh token is tried first; if the server no longer honours it, fall back to the password grant. */
  private async obtain(): Promise<CachedToken> {
    if (this.refreshToken) {
      try {
        return await this.request({ grant_type: 'refresh_token', refresh_token: this.refreshToken });
      } catch (error) {
        if (!(error instanceof AuthError)) throw error;
        this.refreshToken = undefined;
      }
    }
    return this.request({ grant_type: 'password', username: this.ionapi.saak, password: this.ionapi.sask });
  }

  private async request(grant: Record<string, string>): Promise<CachedToken> {
    const answer = await exchange(this.http, {
      method: 'POST',
      url: tokenUrl(this.ionapi),
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      data: new URLSearchParams({ ...grant, client_id: this.ionapi.ci, client_secret: this.ionapi.cs }).toString(),
      timeoutMs: this.timeoutMs,
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
    // The request carries the service account's secrets: only the failure's own message is kept.
    if (!answer.answered) throw noAnswerError({ system: 'm3', call: 'ION API token request' }, answer, 'NETWORK');
    let body: unknown;
    try { body = JSON.parse(typeof answer.data === 'string' ? answer.data : ''); } catch { body = undefined; }
    const status = answer.status;
    if (status >= 500 || status === 429) {
      throw new TransientError(`ION API token endpoint answered HTTP ${status}`, { code: `HTTP_${status}`, system: 'm3', details: { httpStatus: status } });
    }
    if (status < 200 || status >= 300) {
      const oauth = TokenErrorSchema.safeParse(body);
      const code = oauth.success ? oauth.data.error : `HTTP_${status}`;
      throw new AuthError(`ION API token request refused (${code}${oauth.success && oauth.data.error_description ? `: ${oauth.data.error_description}` : ''})`, { code, system: 'm3', details: { httpStatus: status, grant: grant.grant_type } });
    }
    const parsed = TokenResponseSchema.safeParse(body);
    if (!parsed.success) throw new AuthError('ION API token response has no access_token', { code: 'INVALID_TOKEN_RESPONSE', system: 'm3' });
    const token: CachedToken = {
      value: parsed.data.access_token,
      expiresAt: this.now() + (parsed.data.expires_in ?? DEFAULT_LIFETIME_S) * 1000,
      refreshToken: parsed.data.refresh_token,
    };
    this.cached = token;
    this.refreshToken = parsed.data.refresh_token ?? this.refreshToken;
    return token;
  }
}
