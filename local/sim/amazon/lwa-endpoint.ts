/** Login with Amazon token endpoint (`POST /auth/o2/token`): refresh_token and client_credentials grants, LWA-shaped errors (docs/amazon-facts.md, Authorization, docs/amazon-facts.md). */
import { randomBytes } from 'node:crypto';
import type { SimClock } from './sim-clock';
import type { SimRequest, SimResponse } from './sim-http';
import type { IssuedToken, SimState } from './sim-state';

export const GRANTLESS_SCOPES = ['sellingpartnerapi::notifications', 'sellingpartnerapi::client_credential:rotation'] as const;

export interface LwaConfig {
  clientId: string;
  clientSecret: string;
  /** Refresh token → seller id it was issued for. */
  refreshTokens: Record<string, string>;
  /** Access-token lifetime in simulated seconds (Amazon: 3600). */
  tokenLifetimeSeconds: number;
}

function lwaError(status: number, error: string, description: string): SimResponse {
  return { status, body: { error_description: description, error } };
}

/** Reads form-encoded (what LWA documents) or JSON (accepted in practice) parameters. */
function tokenParams(req: SimRequest): URLSearchParams {
  const type = String(req.headers['content-type'] ?? '');
  if (type.includes('application/json') && req.body && typeof req.body === 'object') {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries(req.body)) if (typeof v === 'string') params.set(k, v);
    return params;
  }
  return new URLSearchParams(req.rawBody.toString('utf8'));
}

export function handleTokenRequest(req: SimRequest, state: SimState, config: LwaConfig, clock: SimClock): SimResponse {
  const params = tokenParams(req);
  const grantType = params.get('grant_type');
  if (!grantType) return lwaError(400, 'invalid_request', 'The request is missing a required parameter : grant_type');
  if (params.get('client_id') !== config.clientId || params.get('client_secret') !== config.clientSecret) {
    return lwaError(401, 'invalid_client', 'Client authentication failed');
  }
  let issued: IssuedToken;
  const token = `Atza|sim-${randomBytes(24).toString('base64url')}`;
  const expiresAt = clock.now() + config.tokenLifetimeSeconds * 1000;
  if (grantType === 'refresh_token') {
    const refresh = params.get('refresh_token');
    if (!refresh) return lwaError(400, 'invalid_request', 'The request is missing a required parameter : refresh_token');
    const sellerId = config.refreshTokens[refresh];
    if (!sellerId) return lwaError(400, 'invalid_grant', 'The request has an invalid grant parameter : refresh_token. User may have revoked or didn\'t grant the permission.');
    issued = { token, sellerId, expiresAt };
  } else if (grantType === 'client_credentials') {
    const scope = params.get('scope');
    if (!scope || !(GRANTLESS_SCOPES as readonly string[]).includes(scope)) return lwaError(400, 'invalid_scope', 'The request has an invalid parameter : scope');
    issued = { token, scope, expiresAt };
  } else {
    return lwaError(400, 'unsupported_grant_type', `The authorization grant type is not supported by the authorization server : ${grantType}`);
  }
  // Keep the table small: drop tokens that expired long ago.
  const horizon = clock.now() - 24 * 3600 * 1000;
  state.tokens = state.tokens.filter((t) => t.expiresAt > horizon);
  state.tokens.push(issued);
  // expires_in is in real seconds so a client computing expiry from it agrees with the scaled clock.
  const expiresIn = Math.max(1, Math.round(config.tokenLifetimeSeconds / clock.timeScale));
  const body: Record<string, string | number> = { access_token: token, token_type: 'bearer', expires_in: expiresIn };
  if (issued.sellerId) body.refresh_token = params.get('refresh_token') ?? '';
  return { status: 200, body };
}

export type TokenCheck = { ok: true; token: IssuedToken } | { ok: false; response: SimResponse };

const DENIED = 'Access to requested resource is denied.';

/** Checks `x-amz-access-token` like SP-API: 403 Unauthorized when missing, unknown, expired, or of the wrong kind. */
export function checkAccessToken(req: SimRequest, state: SimState, clock: SimClock, grantless: boolean): TokenCheck {
  const header = req.headers['x-amz-access-token'];
  const value = Array.isArray(header) ? header[0] : header;
  const deny = (details: string): TokenCheck => ({ ok: false, response: { status: 403, body: { errors: [{ code: 'Unauthorized', message: DENIED, details }] } } });
  if (!value) return deny('The request has no access token.');
  const token = state.tokens.find((t) => t.token === value);
  if (!token) return deny('The access token you provided is revoked, malformed or invalid.');
  if (token.expiresAt <= clock.now()) return deny('The access token you provided has expired.');
  if (grantless && !token.scope) return deny('This operation requires a grantless access token (client_credentials).');
  if (!grantless && !token.sellerId) return deny('This operation requires a selling partner access token.');
  return { ok: true, token };
}
