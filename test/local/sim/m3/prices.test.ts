import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, simGet, simPost } from './sim-http';

describe('M3 simulator: sales price lists (OIS017MI) and the customer price (OIS320MI)', () => {
  let sim: M3Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => Date.UTC(2026, 4, 17, 8), seed: { items: [{ ITNO: 'SKU-A', ITDS: 'A', STAT: '20' }, { ITNO: 'SKU-B', ITDS: 'B', STAT: '20' }] } });
    token = await accessToken(sim);
    const seeded = await simPost(sim, '/_sim/prices', [
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'SKU-A', SAPR: '29.90', FVDT: '20260101' },
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'SKU-B', SAPR: 12, FVDT: '2026-01-01' },
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'SKU-A', SAPR: '27.50', FVDT: '20260601' },
      { PRRF: 'AMZUK', CUCD: 'GBP', ITNO: 'SKU-A', SAPR: '24.00', FVDT: '20260101' },
    ]);
    expect(seeded).toMatchObject({ status: 200, body: { count: 4 } });
    await simPost(sim, '/_sim/customers', [{ CUNO: 'AMZDE', CUNM: 'Amazon DE', STAT: '20', TINC: '1', CUCD: 'EUR', PLTB: 'AMZDE' }]);
  });
  afterAll(() => sim.close());

  it('refuses a price row without a valid date, currency or decimal price', async () => {
    const answer = await simPost(sim, '/_sim/prices', [{ PRRF: 'X', CUCD: 'eur', ITNO: 'SKU-A', SAPR: '1,50', FVDT: 'tomorrow' }]);
    expect(answer.status).toBe(400);
    expect(JSON.stringify(answer.body)).toMatch(/CUCD/);
  });

  it('lists every price-list version with its validity whatever the filter (as real tenants do)', async () => {
    const answer = await mi(sim, token, 'OIS017MI', 'LstPriceList', { PRRF: 'AMZUK', CUCD: 'GBP' });
    expect(answer.body.results[0].records).toEqual([
      expect.objectContaining({ PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20260101', LVDT: '20260531' }),
      expect.objectContaining({ PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20260601', LVDT: '99999999' }),
      expect.objectContaining({ PRRF: 'AMZUK', CUCD: 'GBP', FVDT: '20260101', LVDT: '99999999' }),
    ]);
  });

  it('lists the base prices of one version and gets one item price; an unknown version is NOK', async () => {
    const lines = await mi(sim, token, 'OIS017MI', 'LstBasePrice', { PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20260101' });
    expect(lines.body.results[0].records).toEqual([
      expect.objectContaining({ ITNO: 'SKU-A', SAPR: '29.9' }),
      expect.objectContaining({ ITNO: 'SKU-B', SAPR: '12' }),
    ]);
    const one = await mi(sim, token, 'OIS017MI', 'GetBasePrice', { PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20260601', ITNO: 'SKU-A' });
    expect(one.body.results[0].records).toEqual([expect.objectContaining({ SAPR: '27.5', LVDT: '99999999' })]);
    const unknown = await mi(sim, token, 'OIS017MI', 'LstBasePrice', { PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20250101' });
    expect(unknown.body.results[0]).toMatchObject({ errorField: 'PRRF' });
  });

  it('computes the customer price from the version valid on the order date (OIS320MI.GetPriceLine)', async () => {
    const today = await mi(sim, token, 'OIS320MI', 'GetPriceLine', { CUNO: 'AMZDE', ITNO: 'SKU-A' });
    expect(today.body.results[0].records).toEqual([expect.objectContaining({ SAPR: '29.9', CUCD: 'EUR', PRRF: 'AMZDE', TINC: '1' })]);
    const june = await mi(sim, token, 'OIS320MI', 'GetPriceLine', { CUNO: 'AMZDE', ITNO: 'SKU-A', ORDT: '20260615' });
    expect(june.body.results[0].records).toEqual([expect.objectContaining({ SAPR: '27.5' })]);
  });

  it('shows what was seeded under /_sim/prices', async () => {
    expect(await simGet<unknown[]>(sim, '/_sim/prices')).toHaveLength(4);
  });

  it('deletes price-list lines; a version left without lines is gone from LstPriceList', async () => {
    await simPost(sim, '/_sim/prices', [{ PRRF: 'GONE', CUCD: 'EUR', ITNO: 'SKU-A', SAPR: '5', FVDT: '20260101' }]);
    const del = async (body: unknown) => {
      const res = await fetch(`${sim.url}/_sim/prices`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: await res.json() };
    };
    expect(await del([{ PRRF: 'GONE', CUCD: 'EUR', ITNO: 'SKU-A', FVDT: '20260101' }, { PRRF: 'GONE', CUCD: 'EUR', ITNO: 'SKU-B', FVDT: '20260101' }])).toEqual({ status: 200, body: { deleted: 1 } });
    const versions = await mi(sim, token, 'OIS017MI', 'LstPriceList', { PRRF: 'GONE', CUCD: 'EUR' });
    expect((versions.body.results[0].records as Array<{ PRRF: string }>).filter((r) => r.PRRF === 'GONE')).toEqual([]);
    expect((await del([{ PRRF: 'GONE', CUCD: 'eur' }])).status).toBe(400);
    expect(await simGet<unknown[]>(sim, '/_sim/prices')).toHaveLength(4);
  });
});
