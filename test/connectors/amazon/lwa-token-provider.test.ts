/** LWA tokens: cached, refreshed before expiry, one refresh for many concurrent callers, LWA refusals as AuthError without secrets. */
import { AuthError, TransientError } from '../../../core/errors';
import { LwaTokenProvider } from '../../../connectors/amazon';
import { startAmazonSimulator, type AmazonSimulator } from '../../../local/sim/amazon/amazon-simulator';
import { freePort } from '../../../local/azurite/azurite-process';

describe('LwaTokenProvider', () => {
  let sim: AmazonSimulator;
  beforeAll(async () => { sim = await startAmazonSimulator(); });
  afterAll(async () => { await sim.close(); });

  function provider(overrides: Partial<ConstructorParameters<typeof LwaTokenProvider>[0]> = {}): LwaTokenProvider {
    return new LwaTokenProvider({ clientId: sim.clientId, clientSecret: sim.clientSecret, refreshToken: sim.refreshToken, tokenUrl: `${sim.url}/auth/o2/token`, ...overrides });
  }

  it('makes one token request for many concurrent callers', async () => {
    const lwa = provider();
    const tokens = await Promise.all(Array.from({ length: 25 }, () => lwa.getAccessToken()));
    expect(new Set(tokens).size).toBe(1);
    expect(lwa.refreshCount).toBe(1);
  });

  it('reuses the cached token and refreshes about a minute before it expires', async () => {
    let now = 1_000_000;
    const lwa = provider({ now: () => now });
    const first = await lwa.getAccessToken();
    now += (3600 - 61) * 1000;
    expect(await lwa.getAccessToken()).toBe(first);
    now += 2000;
    expect(await lwa.getAccessToken()).not.toBe(first);
    expect(lwa.refreshCount).toBe(2);
  });

  it('fetches a new token after the API refused the cached one', async () => {
    const lwa = provider();
    const first = await lwa.getAccessToken();
    lwa.invalidate(first);
    expect(await lwa.getAccessToken()).not.toBe(first);
  });

  it('keeps grantless tokens apart from the seller token', async () => {
    const lwa = provider();
    const seller = await lwa.getAccessToken();
    const grantless = await lwa.getGrantlessToken('sellingpartnerapi::notifications');
    expect(grantless).not.toBe(seller);
  });

  it('raises AuthError invalid_grant for a revoked refresh token, without the token in the error', async () => {
    const lwa = provider({ refreshToken: 'Atzr|revoked-secret-value' });
    const err = await lwa.getAccessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe('invalid_grant');
    expect(JSON.stringify(err)).not.toContain('revoked-secret-value');
    expect(String((err as Error).message)).not.toContain('revoked-secret-value');
  });

  it('raises AuthError invalid_client for an expired client secret, without the secret in the error', async () => {
    const lwa = provider({ clientSecret: 'old-secret-value' });
    const err = await lwa.getAccessToken().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AuthError);
    expect((err as AuthError).code).toBe('invalid_client');
    expect(JSON.stringify(err)).not.toContain('old-secret-value');
  });

  it('raises TransientError when the token endpoint is unreachable', async () => {
    const port = await freePort();
    const lwa = provider({ tokenUrl: `http://127.0.0.1:${port}/auth/o2/token` });
    await expect(lwa.getAccessToken()).rejects.toBeInstanceOf(TransientError);
  });
});
