import { AuthError, PermanentError, TransientError } from '../../../core/errors';
import { createDirectM3Client, createM3ClientFromIonApi, cusextmi, parseIonApiFile, type M3Client } from '../../../connectors/m3';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';

async function failureOf(promise: Promise<unknown>): Promise<unknown> {
  try { await promise; } catch (error) { return error; }
  throw new Error('expected a failure');
}

describe('M3 client against the simulator', () => {
  let clock = Date.UTC(2026, 2, 1);
  let sim: M3Simulator;
  let m3: M3Client;

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => clock, tokenTtlSeconds: 3600, seed: { items: [{ ITNO: 'ITEM-1', ITDS: 'First', STAT: '20' }] } });
    m3 = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100', token: { now: () => clock } });
  });
  afterEach(() => sim.configureFaults({}));
  afterAll(() => sim.close());

  it('returns the records of a transaction', async () => {
    const records = await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }, { returncols: ['ITNO', 'ITDS'] });
    expect(records).toEqual([{ ITNO: 'ITEM-1', ITDS: 'First' }]);
  });

  it('fetches one token and reuses it until shortly before it expires', async () => {
    const before = sim.stats().tokenRequests;
    await Promise.all([1, 2, 3, 4].map(() => m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' })));
    expect(sim.stats().tokenRequests - before).toBeLessThanOrEqual(1);
    const reused = sim.stats().tokenRequests;
    await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' });
    expect(sim.stats().tokenRequests).toBe(reused);
    clock += 3600_000 - 30_000;
    await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' });
    expect(sim.stats().tokenRequests).toBe(reused + 1);
  });

  it('asks for one token when many calls start together', async () => {
    const fresh = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { token: { now: () => clock } });
    const before = sim.stats().tokenRequests;
    await Promise.all(Array.from({ length: 8 }, () => fresh.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' })));
    expect(sim.stats().tokenRequests - before).toBe(1);
  });

  it('gets a new token and retries once when the gateway answers 401', async () => {
    await m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' });
    sim.configureFaults({ expireTokens: true });
    await expect(m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' })).resolves.toHaveLength(1);
  });

  it('raises AuthError when the service account is refused', async () => {
    const wrong = createM3ClientFromIonApi(parseIonApiFile({ ...sim.ionapiFile(), sask: 'wrong' }));
    const error = await failureOf(wrong.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }));
    expect(error).toBeInstanceOf(AuthError);
    expect((error as AuthError).code).toBe('invalid_grant');
  });

  it('raises PermanentError with the M3 code and field on NOK', async () => {
    const error = await failureOf(m3.execute('OIS100MI', 'AddBatchHead', { CUNO: 'NOSUCH' }));
    expect(error).toBeInstanceOf(PermanentError);
    expect(error).toMatchObject({ code: 'NOT_FOUND', system: 'm3', details: { field: 'CUNO', program: 'OIS100MI', transaction: 'AddBatchHead', httpStatus: 400 } });
  });

  it('raises PermanentError for an unknown program', async () => {
    expect(await failureOf(m3.execute('NOPE99MI', 'Get', {}))).toBeInstanceOf(PermanentError);
  });

  it.each([
    ['a 5xx answer', { errorRate: 1, errorStatus: 500 }, 'HTTP_500'],
    ['"M3 not available"', { notAvailable: { calls: 1 } }, 'NOT_AVAILABLE'],
    ['a dropped connection', { dropRate: 1 }, 'NETWORK'],
  ])('raises TransientError on %s', async (_label, faults, code) => {
    sim.configureFaults(faults);
    const error = await failureOf(m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }));
    expect(error).toBeInstanceOf(TransientError);
    expect((error as TransientError).code).toBe(code);
  });

  it('raises TransientError when M3 answers a NOK saying it is not available', async () => {
    sim.configureFaults({ transactions: { 'MMS200MI/GetItmBasic': { nok: { message: 'MI program is not available', code: 'XNA', field: '' }, times: 1 } } });
    expect(await failureOf(m3.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }))).toBeInstanceOf(TransientError);
  });

  it('raises TransientError (TIMEOUT) when M3 does not answer in time', async () => {
    const impatient = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { timeoutMs: 50, token: { now: () => clock } });
    await impatient.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' });
    sim.configureFaults({ latencyMs: 300 });
    const error = await failureOf(impatient.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }));
    expect(error).toMatchObject({ code: 'TIMEOUT' });
    expect(error).toBeInstanceOf(TransientError);
  });

  it.each([
    ['a query fragment', '&CUNO=X'],
    ['a hash', 'a#b'],
    ['a percent-encoded NUL', '%00'],
    ['a NUL character', 'a\u0000b'],
    ['newlines', 'line1\nline2\r\nline3'],
    ['plus and spaces', 'a+b c  d'],
    ['unicode and emoji', 'Jörg Müller 😀 東京 =&?'],
    ['a trailing percent', '100%'],
  ])('delivers a value with %s as data', async (_label, value) => {
    const key = { FILE: 'HOSTILE', PK01: String(value.length) + Buffer.from(value).toString('hex').slice(0, 20) };
    await cusextmi.setFieldValues(m3, key, { A121: value });
    const [record] = await m3.execute('CUSEXTMI', 'GetFieldValue', key);
    expect(record?.A121).toBe(value);
  });

  it('keeps a value that looks like another parameter out of that parameter', async () => {
    const records = await m3.execute('OIS100MI', 'AddBatchHead', { CUNO: 'AMZUS', CUOR: '&CUNO=EVIL#x' });
    const batch = sim.state.batchOrders[records[0].ORNO];
    expect(batch.head).toMatchObject({ CUNO: 'AMZUS', CUOR: '&CUNO=EVIL#x' });
  });

  it('delivers a 10,000-character value whole, so M3 can refuse it by its real length', async () => {
    const error = await failureOf(m3.execute('CUSEXTMI', 'AddFieldValue', { FILE: 'LONG', PK01: '1', A121: 'x'.repeat(10_000) }));
    expect(error).toBeInstanceOf(PermanentError);
    expect((error as PermanentError).details.field).toBe('A121');
    expect((error as Error).message).toContain('10000 characters');
  });

  it('right-trims the spaces M3 pads values with', async () => {
    await cusextmi.setFieldValues(m3, { FILE: 'PAD', PK01: '1' }, { A030: 'padded   ' });
    expect((await m3.execute('CUSEXTMI', 'GetFieldValue', { FILE: 'PAD', PK01: '1' }))[0]?.A030).toBe('padded');
  });

  it('keeps personal data out of the error message', async () => {
    sim.configureFaults({ transactions: { 'OIS100MI/AddBatchAddress': { nok: { message: 'Name Jane Roe is invalid', code: 'X', field: 'CUNM' }, times: 1 } } });
    const error = await failureOf(m3.execute('OIS100MI', 'AddBatchAddress', { ORNO: '1', ADRT: '1', CUNM: 'Jane Roe' }));
    expect((error as Error).message).not.toContain('Jane Roe');
  });

  it('runs several transactions in one bulk round trip, each with its own outcome', async () => {
    const before = sim.stats().roundTrips;
    const outcomes = await m3.executeBulk('MMS200MI', [
      { transaction: 'GetItmBasic', params: { ITNO: 'ITEM-1' }, returncols: ['ITNO'] },
      { transaction: 'GetItmBasic', params: { ITNO: 'MISSING' } },
    ]);
    expect(sim.stats().roundTrips).toBe(before + 1);
    expect(outcomes[0]).toEqual({ ok: true, transaction: 'GetItmBasic', records: [{ ITNO: 'ITEM-1' }] });
    expect(outcomes[1].ok).toBe(false);
    expect(!outcomes[1].ok && outcomes[1].error).toBeInstanceOf(PermanentError);
  });

  it('talks to an on-premises style endpoint with basic auth', async () => {
    const direct = createDirectM3Client({ rootUrl: `${sim.url}/m3api-rest`, username: 'M3SIMUSER', password: 'm3sim-password' });
    expect(await direct.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }, { returncols: ['ITNO'] })).toEqual([{ ITNO: 'ITEM-1' }]);
    const wrong = createDirectM3Client({ rootUrl: `${sim.url}/m3api-rest`, username: 'M3SIMUSER', password: 'nope' });
    expect(await failureOf(wrong.execute('MMS200MI', 'GetItmBasic', { ITNO: 'ITEM-1' }))).toBeInstanceOf(AuthError);
  });
});
