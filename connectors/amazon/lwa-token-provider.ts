/** Login with Amazon access tokens: refresh_token grant per seller and client_credentials for grantless scopes, cached until shortly before expiry, one refresh in flight (docs/amazon-facts.md, Authorization). */
import type { AxiosInstance } from 'axios';
import { z } from 'zod';
import { AuthError, TransientError } from '../../core/errors';
import { createHttpClient, exchange } from '../http';
import { LWA_TOKEN_URL } from './regions';

export type GrantlessScope = 'sellingpartnerapi::notifications' | 'sellingpartnerapi::client_credential:rotation';

/** What the SP-API client needs from token handling (a port, so tests and other token sources can stand in). */
export interface AccessTokenSource {
  getAccessToken(): Promise<string>;
  getGrantlessToken(scope: GrantlessScope): Promise<string>;
  /** Forget a token the API refused (expired/revoked) so the next call fetches a new one. */
  invalidate(token: string): void;
}

export interface LwaTokenProviderOptions {
  clientId: string;
  clientSecret: string;
  /** The seller's refresh token (`Atzr|…`); optional when only grantless scopes are used. */
  refreshToken?: string;
  /** LWA token URL; the simulator's `/auth/o2/token` locally. */
  tokenUrl?: string;
  /** Epoch milliseconds (tests inject a virtual clock). */
  now?: () => number;
  http?: AxiosInstance;
  timeoutMs?: number;
}

const TokenResponseSchema = z.object({ access_token: z.string().min(1), token_type: z.string().optional(), expires_in: z.number().positive() });
const LwaErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

interface CachedToken {
  token: string;
  expiresAt: number;
  refreshAt: number;
}

export class LwaTokenProvider implements AccessTokenSource {
  private readonly cache = new Map<string, CachedToken>();
  private readonly inFlight = new Map<string, Promise<string>>();
  private readonly now: () => number;
  private readonly http: AxiosInstance;
  /** Token requests made (tests check that concurrent callers share one refresh). */
  refreshCount = 0;

  constructor(private readonly opts: LwaTokenProviderOptions) {
    this.now = opts.now ?? Date.now;
    this.http = opts.http ?? createHttpClient();
  }

  getAccessToken(): Promise<string> {
    const refreshToken = this.opts.refreshToken;
    if (!refreshToken) return Promise.reject(new AuthError('No LWA refresh token configured for this seller', { code: 'missing_refresh_token', system: 'amazon-lwa' }));
    return this.token('seller', { grant_type: 'refresh_token', refresh_token: refreshToken });
  }

  getGrantlessToken(scope: GrantlessScope): Promise<string> {
    return this.token(`scope:${scope}`, { grant_type: 'client_credentials', scope });
  }

  invalidate(token: string): void {
    for (const [key, cached] of this.cache) if (cached.token === token) this.cache.delete(key);
  }

  private token(key: string, grant: Record<string, string>): Promise<string> {
    const cached = this.cache.get(key);
    if (cached && this.now() < cached.refreshAt) return Promise.resolve(cached.token);
    const running = this.inFlight.get(key);
    if (running) return running;
    const p = this.fetchToken(key, grant).finally(() => this.inFlight.delete(key));
    this.inFlight.set(key, p);
    return p;
  }

  private async fetchToken(key: string, grant: Record<string, string>): Promise<string> {
    this.refreshCount += 1;
    const form = new URLSearchParams({ ...grant, client_id: this.opts.clientId, client_secret: this.opts.clientSecret });
    const answer = await exchange(this.http, {
      method: 'POST',
      url: this.opts.tokenUrl ?? LWA_TOKEN_URL,
      data: form.toString(),
      headers: { 'content-type': 'application/x-www-form-urlencoded;charset=UTF-8' },
      timeoutMs: this.opts.timeoutMs ?? 15000,
    });
    // The request carries the client secret and refresh token: only the failure's own message is kept.
    if (!answer.answered) throw new TransientError('LWA token endpoint unreachable', { code: 'lwa_network', system: 'amazon-lwa', details: { reason: answer.reason } });
    const { status, data } = answer;
    if (status >= 200 && status < 300) {
      const parsed = TokenResponseSchema.safeParse(data);
      if (!parsed.success) throw new TransientError('LWA answered without a usable access token', { code: 'lwa_bad_response', system: 'amazon-lwa' });
      const lifetime = parsed.data.expires_in * 1000;
      const now = this.now();
      // Refresh ~60 s before expiry (or a tenth of the lifetime for short-lived simulator tokens).
      const margin = Math.min(60000, lifetime / 10);
      this.cache.set(key, { token: parsed.data.access_token, expiresAt: now + lifetime, refreshAt: now + lifetime - margin });
      return parsed.data.access_token;
    }
    if (status === 429 || status >= 500) throw new TransientError(`LWA token endpoint answered ${status}`, { code: 'lwa_unavailable', system: 'amazon-lwa', details: { status } });
    const err = LwaErrorSchema.safeParse(data);
    const code = err.success ? err.data.error : `http_${status}`;
    // invalid_grant: seller revoked or must re-authorize; invalid_client: secret expired (180-day rotation, docs/amazon-facts.md, Deprecations to know first).
    throw new AuthError(`LWA refused the token request: ${code}${err.success && err.data.error_description ? ` (${err.data.error_description})` : ''}`, { code, system: 'amazon-lwa', details: { status } });
  }
}
