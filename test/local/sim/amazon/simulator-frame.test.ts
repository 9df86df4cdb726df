/** The simulator frame: LWA grants and errors, token checks, the documented token buckets, fault injection and /_sim control. */
import axios from 'axios';
import { startAmazonSimulator, type AmazonSimulator } from '../../../../local/sim/amazon/amazon-simulator';
import { createSimClock } from '../../../../local/sim/amazon/sim-clock';

const http = axios.create({ validateStatus: () => true });

async function token(sim: AmazonSimulator, extra: Record<string, string> = {}): Promise<{ status: number; data: Record<string, unknown> }> {
  const form = new URLSearchParams({ grant_type: 'refresh_token', refresh_token: sim.refreshToken, client_id: sim.clientId, client_secret: sim.clientSecret, ...extra });
  const res = await http.post(`${sim.url}/auth/o2/token`, form.toString(), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
  return { status: res.status, data: res.data };
}

async function accessToken(sim: AmazonSimulator): Promise<string> {
  return String((await token(sim)).data.access_token);
}

describe('SP-API simulator frame', () => {
  let sim: AmazonSimulator;
  let clock: ReturnType<typeof createSimClock>;
  beforeEach(async () => {
    let now = Date.parse('2026-03-01T12:00:00Z');
    clock = { ...createSimClock(1), now: () => now, advance: (ms: number) => { now += ms; }, timeScale: 1 };
    sim = await startAmazonSimulator({ clock });
  });
  afterEach(async () => { await sim.close(); });

  it('issues a bearer access token for a valid refresh token', async () => {
    const res = await token(sim);
    expect(res.status).toBe(200);
    expect(res.data).toMatchObject({ token_type: 'bearer', expires_in: 3600 });
    expect(String(res.data.access_token)).toMatch(/^Atza\|/);
  });

  it('answers invalid_grant for an unknown refresh token and invalid_client for a wrong secret, shaped like LWA', async () => {
    const grant = await token(sim, { refresh_token: 'Atzr|revoked' });
    expect(grant.status).toBe(400);
    expect(grant.data).toMatchObject({ error: 'invalid_grant' });
    const client = await token(sim, { client_secret: 'rotated-away' });
    expect(client.status).toBe(401);
    expect(client.data).toMatchObject({ error: 'invalid_client', error_description: 'Client authentication failed' });
  });

  it('issues grantless tokens only for the documented scopes', async () => {
    const form = (scope: string) => new URLSearchParams({ grant_type: 'client_credentials', scope, client_id: sim.clientId, client_secret: sim.clientSecret }).toString();
    const ok = await http.post(`${sim.url}/auth/o2/token`, form('sellingpartnerapi::notifications'), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(ok.status).toBe(200);
    const bad = await http.post(`${sim.url}/auth/o2/token`, form('sellingpartnerapi::everything'), { headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(bad.status).toBe(400);
    expect(bad.data.error).toBe('invalid_scope');
  });

  it('refuses API calls without, with an unknown, or with an expired access token (403 Unauthorized)', async () => {
    const missing = await http.get(`${sim.url}/orders/2026-01-01/orders/111-1111111-1111111`);
    expect(missing.status).toBe(403);
    expect(missing.data.errors[0].code).toBe('Unauthorized');
    const bogus = await http.get(`${sim.url}/orders/2026-01-01/orders/111-1111111-1111111`, { headers: { 'x-amz-access-token': 'Atza|nope' } });
    expect(bogus.status).toBe(403);
    const t = await accessToken(sim);
    clock.advance(3601 * 1000);
    const expired = await http.get(`${sim.url}/orders/2026-01-01/orders/111-1111111-1111111`, { headers: { 'x-amz-access-token': t } });
    expect(expired.status).toBe(403);
    expect(expired.data.errors[0].details).toMatch(/expired/);
  });

  it('expires every token on demand through /_sim/faults', async () => {
    const t = await accessToken(sim);
    await http.post(`${sim.url}/_sim/faults`, { expireTokens: true });
    const res = await http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } });
    expect(res.status).toBe(403);
  });

  it('throttles exactly beyond the documented burst and refills at the documented rate', async () => {
    const t = await accessToken(sim);
    const headers = { 'x-amz-access-token': t };
    // getOrder: rate 0.5/s, burst 30 (orders_2026-01-01.json usage plan).
    const statuses: number[] = [];
    for (let i = 0; i < 31; i += 1) statuses.push((await http.get(`${sim.url}/orders/2026-01-01/orders/nope`, { headers })).status);
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
    const throttled = await http.get(`${sim.url}/orders/2026-01-01/orders/nope`, { headers });
    expect(throttled.data).toEqual({ errors: [{ code: 'QuotaExceeded', message: 'You exceeded your quota for the requested resource.', details: '' }] });
    clock.advance(1999);
    expect((await http.get(`${sim.url}/orders/2026-01-01/orders/nope`, { headers })).status).toBe(429);
    clock.advance(1);
    const refilled = await http.get(`${sim.url}/orders/2026-01-01/orders/nope`, { headers });
    expect(refilled.status).toBe(404);
    expect(refilled.headers['x-amzn-ratelimit-limit']).toBe('0.5');
    const stats = await http.get(`${sim.url}/_sim/stats`);
    expect(stats.data.operations.getOrder).toMatchObject({ throttled: 3 });
  });

  it('keeps a separate bucket per seller', async () => {
    await sim.close();
    sim = await startAmazonSimulator({ clock, refreshTokens: { 'Atzr|a': 'SELLERA', 'Atzr|b': 'SELLERB' }, rateLimits: { getOrder: { rate: 0.5, burst: 1 } } });
    const a = String((await token(sim, { refresh_token: 'Atzr|a' })).data.access_token);
    const b = String((await token(sim, { refresh_token: 'Atzr|b' })).data.access_token);
    const get = (t: string) => http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } });
    expect((await get(a)).status).toBe(404);
    expect((await get(a)).status).toBe(429);
    expect((await get(b)).status).toBe(404);
  });

  it('reports the rate multiplied by the time scale in x-amzn-RateLimit-Limit', async () => {
    await sim.close();
    sim = await startAmazonSimulator({ timeScale: 10 });
    const t = await accessToken(sim);
    const res = await http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } });
    expect(res.headers['x-amzn-ratelimit-limit']).toBe('5');
    expect((await token(sim)).data.expires_in).toBe(360);
  });

  it('forces a failure for one operation a given number of times', async () => {
    const t = await accessToken(sim);
    await http.post(`${sim.url}/_sim/faults`, { operations: { getOrder: { status: 503, times: 2 } } });
    const get = () => http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } });
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(503);
    expect((await get()).status).toBe(404);
  });

  it('injects 5xx and 429 at the configured rates, reproducibly for a seed', async () => {
    const t = await accessToken(sim);
    await http.post(`${sim.url}/_sim/faults`, { errorRate: 0.3, throttleRate: 0.2, seed: 7 });
    const run = async () => {
      const out: number[] = [];
      for (let i = 0; i < 25; i += 1) out.push((await http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } })).status);
      return out;
    };
    const first = await run();
    expect(first.some((s) => s >= 500)).toBe(true);
    expect(first.some((s) => s === 429)).toBe(true);
    expect(first.some((s) => s === 404)).toBe(true);
    await http.post(`${sim.url}/_sim/reset`);
    await http.post(`${sim.url}/_sim/faults`, { errorRate: 0.3, throttleRate: 0.2, seed: 7 });
    expect(await run()).toEqual(first);
  });

  it('drops connections when asked', async () => {
    const t = await accessToken(sim);
    await http.post(`${sim.url}/_sim/faults`, { dropRate: 1 });
    await expect(http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } })).rejects.toThrow();
    await http.post(`${sim.url}/_sim/faults`, {});
    expect((await http.get(`${sim.url}/orders/2026-01-01/orders/x`, { headers: { 'x-amz-access-token': t } })).status).toBe(404);
  });

  it('rejects an invalid fault configuration with reasons', async () => {
    const res = await http.post(`${sim.url}/_sim/faults`, { errorRate: 2 });
    expect(res.status).toBe(400);
    expect(res.data.reasons[0]).toMatch(/errorRate/);
  });
});
