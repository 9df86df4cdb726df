import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, passwordGrant, simGet, simPost } from './sim-http';

describe('M3 simulator: gateway, token endpoint and MI REST v2', () => {
  let clock = Date.UTC(2026, 0, 15, 8, 0, 0);
  let sim: M3Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => clock, tokenTtlSeconds: 600, seed: { items: [{ ITNO: 'WIDGET-1', ITDS: 'Widget', STAT: '20' }] } });
    token = await accessToken(sim);
  });
  afterAll(() => sim.close());

  it('issues a bearer token for the .ionapi service account by password grant', async () => {
    const { status, body } = await passwordGrant(sim);
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 600 });
    expect(typeof body.refresh_token).toBe('string');
  });

  it('writes an .ionapi file whose iu/ti/pu/ot point at the simulator', () => {
    const ion = sim.ionapiFile();
    expect(ion.iu).toBe(sim.url);
    expect(`${ion.iu}/${ion.ti}/M3/m3api-rest`).toBe(sim.miRootUrl);
    expect(ion.saak.startsWith(`${ion.ti}#`)).toBe(true);
    expect(ion.ci.startsWith(`${ion.ti}~`)).toBe(true);
  });

  it('refuses wrong client credentials with invalid_client and a wrong service account with invalid_grant', async () => {
    const ion = sim.ionapiFile();
    const post = (form: Record<string, string>) => fetch(`${ion.pu}${ion.ot}`, { method: 'POST', body: new URLSearchParams(form) });
    const badClient = await post({ grant_type: 'password', username: ion.saak, password: ion.sask, client_id: ion.ci, client_secret: 'nope' });
    expect(badClient.status).toBe(401);
    expect(await badClient.json()).toMatchObject({ error: 'invalid_client' });
    const badUser = await post({ grant_type: 'password', username: ion.saak, password: 'nope', client_id: ion.ci, client_secret: ion.cs });
    expect(badUser.status).toBe(400);
    expect(await badUser.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('answers 401 without a bearer token and once the token has expired, and a refresh token gets a new one', async () => {
    const res = await fetch(`${sim.miRootUrl}/v2/execute/MMS200MI/GetItmBasic?ITNO=WIDGET-1`);
    expect(res.status).toBe(401);
    const grant = await passwordGrant(sim);
    clock += 601_000;
    expect((await mi(sim, String(grant.body.access_token), 'MMS200MI', 'GetItmBasic', { ITNO: 'WIDGET-1' })).status).toBe(401);
    const ion = sim.ionapiFile();
    const refreshed = await fetch(`${ion.pu}${ion.ot}`, { method: 'POST', body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: String(grant.body.refresh_token), client_id: ion.ci, client_secret: ion.cs }) });
    const fresh = (await refreshed.json()) as { access_token: string };
    expect((await mi(sim, fresh.access_token, 'MMS200MI', 'GetItmBasic', { ITNO: 'WIDGET-1' })).status).toBe(200);
    token = fresh.access_token;
  });

  it('answers in the v2 shape with every output column as a string', async () => {
    const { status, body } = await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'WIDGET-1' });
    expect(status).toBe(200);
    expect(body).toMatchObject({ nrOfSuccessfullTransactions: 1, nrOfFailedTransactions: 0, results: [{ transaction: 'GetItmBasic', errorMessage: '' }] });
    const record = body.results[0].records[0];
    expect(record).toMatchObject({ ITNO: 'WIDGET-1', ITDS: 'Widget', STAT: '20' });
    expect(Object.values(record).every((v) => typeof v === 'string')).toBe(true);
  });

  it('returns only the returncols columns', async () => {
    const { body } = await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'WIDGET-1' }, { returncols: 'ITNO,STAT' });
    expect(body.results[0].records[0]).toEqual({ ITNO: 'WIDGET-1', STAT: '20' });
  });

  it('refuses a missing mandatory field with HTTP 400 and a NOK naming the field', async () => {
    const { status, body } = await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUOR: '113-0000000-0000001' });
    expect(status).toBe(400);
    expect(body.nrOfFailedTransactions).toBe(1);
    expect(body.results[0]).toMatchObject({ errorField: 'CUNO', errorCode: 'MANDATORY', errorType: 'ServerReturnedNOK' });
  });

  it.each([
    ['OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS', CUOR: '1'.repeat(21) }, 'CUOR', 'TOO_LONG'],
    ['OIS100MI', 'AddBatchAddress', { ORNO: '1', ADRT: '1', CUNM: 'x'.repeat(37) }, 'CUNM', 'TOO_LONG'],
    ['OIS100MI', 'AddBatchAddress', { ORNO: '1', ADRT: '1', PHNO: '+4912345678' }, 'PHNO', 'TOO_LONG'],
    ['OIS100MI', 'AddBatchAddress', { ORNO: '1', ADRT: 'X1' }, 'ADRT', 'NOT_NUMERIC'],
    ['OIS100MI', 'AddBatchLine', { ORNO: '1', ITNO: 'I'.repeat(16) }, 'ITNO', 'TOO_LONG'],
    ['OIS100MI', 'AddBatchLine', { ORNO: '1', ITNO: 'WIDGET-1', DWDT: '20260231' }, 'DWDT', 'INVALID_DATE'],
    ['OIS100MI', 'AddBatchAddress', { ORNO: '1' }, 'ADRT', 'MANDATORY'],
    ['CRS610MI', 'Add', { CUTM: 'AMZUS', CUNM: 'Name' }, 'CUA1', 'MANDATORY'],
    ['GLS840MI', 'AddBatchHead', { CONO: '100', KEY1: 'K', INTN: 'AMZSETTLE' }, 'DESC', 'MANDATORY'],
    ['OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS', NOTAFIELD: 'x' }, 'NOTAFIELD', 'FIELD_UNKNOWN'],
  ])('enforces the repository rules: %s.%s %j → NOK on %s (%s)', async (program, transaction, params, field, code) => {
    const { status, body } = await mi(sim, token, program, transaction, params);
    expect(status).toBe(400);
    expect(body.results[0]).toMatchObject({ errorField: field, errorCode: code });
  });

  it('counts characters, not UTF-16 units, against the field length', async () => {
    const thirtySixEmoji = '😀'.repeat(36);
    const head = await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS' });
    const orno = head.body.results[0].records[0].ORNO;
    expect((await mi(sim, token, 'OIS100MI', 'AddBatchAddress', { ORNO: orno, ADRT: '1', CUNM: thirtySixEmoji })).status).toBe(200);
  });

  it('answers 404 with an error for an unknown program or transaction', async () => {
    const program = await mi(sim, token, 'XYZ999MI', 'Get');
    expect(program.status).toBe(404);
    expect(program.body.results[0].errorCode).toBe('PROGRAM_NOT_FOUND');
    const transaction = await mi(sim, token, 'OIS100MI', 'AddHead', { CUNO: 'AMZUS' });
    expect(transaction.status).toBe(404);
    expect(transaction.body.results[0].errorCode).toBe('TRANSACTION_NOT_FOUND');
  });

  it('runs bulk transactions in order, continuing past a failed one', async () => {
    const res = await fetch(`${sim.miRootUrl}/v2/execute`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ program: 'MMS200MI', cono: 100, transactions: [
        { transaction: 'GetItmBasic', record: { ITNO: 'WIDGET-1' }, selectedColumns: ['ITNO'] },
        { transaction: 'GetItmBasic', record: { ITNO: 'NOPE' } },
        { transaction: 'GetItmBasic', record: { ITNO: 'WIDGET-1' } },
      ] }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Array<{ records: unknown[]; errorField: string }>; nrOfSuccessfullTransactions: number; nrOfFailedTransactions: number };
    expect(body.nrOfSuccessfullTransactions).toBe(2);
    expect(body.nrOfFailedTransactions).toBe(1);
    expect(body.results[0].records).toEqual([{ ITNO: 'WIDGET-1' }]);
    expect(body.results[1].errorField).toBe('ITNO');
  });

  it('counts calls per transaction and HTTP round trips', async () => {
    const before = await simGet<{ roundTrips: number; calls: Record<string, number> }>(sim, '/_sim/stats');
    await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'WIDGET-1' });
    const after = await simGet<{ roundTrips: number; calls: Record<string, number> }>(sim, '/_sim/stats');
    expect(after.roundTrips).toBe(before.roundTrips + 1);
    expect(after.calls['MMS200MI/GetItmBasic']).toBe((before.calls['MMS200MI/GetItmBasic'] ?? 0) + 1);
  });
});

describe('M3 simulator: faults', () => {
  let sim: M3Simulator;
  let token: string;
  const clock = Date.UTC(2026, 0, 15);
  let now = clock;

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => now, seed: { items: [{ ITNO: 'A', ITDS: 'A', STAT: '20' }] } });
    token = await accessToken(sim);
  });
  afterEach(() => simPost(sim, '/_sim/faults', {}));
  afterAll(() => sim.close());

  it('answers 5xx at the configured error rate', async () => {
    await simPost(sim, '/_sim/faults', { errorRate: 1, errorStatus: 502 });
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(502);
  });

  it('answers "not available" for the next N calls, then recovers', async () => {
    await simPost(sim, '/_sim/faults', { notAvailable: { calls: 2 } });
    const first = await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' });
    expect(first.status).toBe(503);
    expect(first.body.results[0].errorMessage).toMatch(/not available/);
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(503);
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(200);
  });

  it('keeps a "not available" window open for its duration in simulator time', async () => {
    await simPost(sim, '/_sim/faults', { notAvailable: { forMs: 60_000 } });
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(503);
    now += 61_000;
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(200);
  });

  it('forces a NOK on one transaction the given number of times', async () => {
    await simPost(sim, '/_sim/faults', { transactions: { 'MMS200MI/GetItmBasic': { nok: { message: 'Record is locked', code: 'XLOCK', field: 'ITNO' }, times: 1 } } });
    const forced = await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' });
    expect(forced.status).toBe(400);
    expect(forced.body.results[0]).toMatchObject({ errorMessage: 'Record is locked', errorCode: 'XLOCK', errorField: 'ITNO' });
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(200);
  });

  it('drops the connection without an answer', async () => {
    await simPost(sim, '/_sim/faults', { dropRate: 1 });
    await expect(mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).rejects.toThrow();
  });

  it('expires every issued token on demand', async () => {
    await simPost(sim, '/_sim/faults', { expireTokens: true });
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(401);
    token = await accessToken(sim);
    expect((await mi(sim, token, 'MMS200MI', 'GetItmBasic', { ITNO: 'A' })).status).toBe(200);
  });

  it('rejects an unknown fault setting with 400', async () => {
    expect((await simPost(sim, '/_sim/faults', { errorRat: 1 })).status).toBe(400);
  });
});

describe('M3 simulator: state file', () => {
  it('keeps items, balances and orders across a restart, and reset clears them', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'm3sim-'));
    const stateFile = path.join(dir, 'm3.json');
    try {
      const first = await startM3Simulator({ stateFile });
      await simPost(first, '/_sim/items', [{ ITNO: 'KEEP-1', ITDS: 'Kept', STAT: '20' }]);
      await simPost(first, '/_sim/balances', [{ ITNO: 'KEEP-1', WHLO: 'A10', STQT: 7, ALQT: 0 }]);
      const token = await accessToken(first);
      const orno = (await mi(first, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS', CUOR: '113-1' })).body.results[0].records[0].ORNO;
      await mi(first, token, 'OIS100MI', 'AddBatchLine', { ORNO: orno, ITNO: 'KEEP-1', ORQT: '2', WHLO: 'A10' });
      await mi(first, token, 'OIS100MI', 'Confirm', { ORNO: orno });
      await first.close();

      const second = await startM3Simulator({ stateFile });
      try {
        const orders = await simGet<Array<{ CUOR: string; lines: unknown[] }>>(second, '/_sim/orders');
        expect(orders).toHaveLength(1);
        expect(orders[0]).toMatchObject({ CUOR: '113-1', lines: [{ ITNO: 'KEEP-1', ORQT: '2' }] });
        expect(second.state.items['KEEP-1']).toBeDefined();
        await simPost(second, '/_sim/reset', {});
        expect(await simGet<unknown[]>(second, '/_sim/orders')).toEqual([]);
      } finally {
        await second.close();
      }
      const third = await startM3Simulator({ stateFile });
      expect(third.state.items['KEEP-1']).toBeUndefined();
      await third.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
