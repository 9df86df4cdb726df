/** OAuth2 access tokens for the ION API gateway: password grant with the `.ionapi` service account, cached, refreshed before expiry, one request in flight (docs/m3-facts.md, .ionapi and OAuth). */
import { z } from 'zod';
import { AuthError, TransientError } from '../../core/errors';
import { tokenUrl, type IonApiFile } from './ionapi-file';

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
  fetch?: typeof fetch;
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
  private readonly fetchFn: typeof fetch;
  private readonly now: () => number;
  private readonly marginMs: number;
  private readonly timeoutMs: number;

  constructor(private readonly ionapi: IonApiFile, opts: IonApiTokenProviderOptions = {}) {
    this.fetchFn = opts.fetch ?? fetch;
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
    const url = tokenUrl(this.ionapi);
    let res: Response;
    try {
      res = await this.fetchFn(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({ ...grant, client_id: this.ionapi.ci, client_secret: this.ionapi.cs }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new TransientError(`ION API token request failed: ${error instanceof Error ? error.message : String(error)}`, { code: 'NETWORK', system: 'm3', cause: error });
    }
    const text = await res.text();
    let body: unknown;
    try { body = JSON.parse(text); } catch { body = undefined; }
    if (res.status >= 500 || res.status === 429) {
      throw new TransientError(`ION API token endpoint answered HTTP ${res.status}`, { code: `HTTP_${res.status}`, system: 'm3', details: { httpStatus: res.status } });
    }
    if (!res.ok) {
      const oauth = TokenErrorSchema.safeParse(body);
      const code = oauth.success ? oauth.data.error : `HTTP_${res.status}`;
      throw new AuthError(`ION API token request refused (${code}${oauth.success && oauth.data.error_description ? `: ${oauth.data.error_description}` : ''})`, { code, system: 'm3', details: { httpStatus: res.status, grant: grant.grant_type } });
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
