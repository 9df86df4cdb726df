/** The simulated Infor SSO token endpoint (`{pu}{ot}`): resource-owner password grant with the `.ionapi` service account, refresh tokens, bearer checks (docs/m3-facts.md, .ionapi and OAuth). */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface SimCredentials {
  clientId: string;
  clientSecret: string;
  /** `saak`: the service-account access key, sent as the OAuth username. */
  accessKey: string;
  /** `sask`: the service-account secret key, sent as the OAuth password. */
  secretKey: string;
}

export type BearerCheck = 'ok' | 'missing' | 'unknown' | 'expired';

interface TokenResponse { status: number; body: Record<string, string | number> }

function same(a: string, b: string): boolean {
  const x = Buffer.from(a), y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export class TokenAuthority {
  private readonly accessTokens = new Map<string, number>();
  private readonly refreshTokens = new Set<string>();

  constructor(private readonly credentials: SimCredentials, private readonly now: () => number, private readonly ttlSeconds: number) {}

  /** Client credentials may come as form fields or as a Basic header (the Postman recipe, docs/m3-facts.md, .ionapi and OAuth). */
  issue(form: URLSearchParams, authorization: string | undefined): TokenResponse {
    let clientId = form.get('client_id') ?? '';
    let clientSecret = form.get('client_secret') ?? '';
    if (authorization?.startsWith('Basic ')) {
      const decoded = Buffer.from(authorization.slice(6), 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      clientId = decodeURIComponent(decoded.slice(0, colon));
      clientSecret = decodeURIComponent(decoded.slice(colon + 1));
    }
    if (!same(clientId, this.credentials.clientId) || !same(clientSecret, this.credentials.clientSecret)) {
      return { status: 401, body: { error: 'invalid_client', error_description: 'Client authentication failed' } };
    }
    const grant = form.get('grant_type');
    if (grant === 'password') {
      if (!same(form.get('username') ?? '', this.credentials.accessKey) || !same(form.get('password') ?? '', this.credentials.secretKey)) {
        return { status: 400, body: { error: 'invalid_grant', error_description: 'Invalid service account credentials' } };
      }
    } else if (grant === 'refresh_token') {
      const refresh = form.get('refresh_token') ?? '';
      if (!this.refreshTokens.has(refresh)) return { status: 400, body: { error: 'invalid_grant', error_description: 'Unknown or revoked refresh token' } };
      this.refreshTokens.delete(refresh);
    } else {
      return { status: 400, body: { error: 'unsupported_grant_type' } };
    }
    const access = randomBytes(24).toString('hex');
    const refresh = randomBytes(24).toString('hex');
    this.accessTokens.set(access, this.now() + this.ttlSeconds * 1000);
    this.refreshTokens.add(refresh);
    return { status: 200, body: { access_token: access, token_type: 'Bearer', expires_in: this.ttlSeconds, refresh_token: refresh } };
  }

  revoke(token: string): void {
    this.accessTokens.delete(token);
    this.refreshTokens.delete(token);
  }

  check(authorization: string | undefined): BearerCheck {
    if (!authorization?.startsWith('Bearer ')) return 'missing';
    const expiresAt = this.accessTokens.get(authorization.slice(7).trim());
    if (expiresAt === undefined) return 'unknown';
    return expiresAt > this.now() ? 'ok' : 'expired';
  }

  /** Fault injection: every access token issued so far stops working; refresh tokens stay valid. */
  expireAll(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }
}
