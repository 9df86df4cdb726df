/**
 * The M3 simulator's customer returns and credits: OIS390MI registers a return against a delivered order line (item
 * and price from the line, no more than delivered), a credit order type takes negative quantities only and must name
 * the original invoice, and `GET /_sim/returns` shows both.
 */
import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, simGet, simPost } from './sim-http';

describe('M3 simulator: OIS390MI customer returns and credit orders', () => {
  let sim: M3Simulator;
  let token: string;
  let orno: string;
  let invoice: { CINO: string; INYR: string };

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => Date.UTC(2026, 4, 17, 8), seed: { items: [{ ITNO: 'SKU-A', ITDS: 'A', STAT: '20' }, { ITNO: 'SKU-B', ITDS: 'B', STAT: '20' }] } });
    token = await accessToken(sim);
    const head = await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE', ORTP: 'AMZ', FACI: 'A01', WHLO: 'E10', CUOR: '302-0000000-0000001', CUCD: 'EUR' });
    const temp = head.body.results[0].records[0].ORNO;
    await mi(sim, token, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-A', ORQT: '2', SAPR: '29.90', WHLO: 'E10' });
    await mi(sim, token, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-B', ORQT: '1', SAPR: '10', WHLO: 'E10' });
    orno = (await mi(sim, token, 'OIS100MI', 'Confirm', { ORNO: temp })).body.results[0].records[0].ORNO;
  });
  afterAll(() => sim.close());

  it('refuses a return of a line not yet delivered', async () => {
    const repn = (await mi(sim, token, 'OIS390MI', 'AddHead', { WHLO: 'E10', RORN: orno })).body.results[0].records[0].REPN;
    const line = await mi(sim, token, 'OIS390MI', 'AddLine', { WHLO: 'E10', REPN: repn, RORL: '1', REQ0: '1' });
    expect(line.body.results[0]).toMatchObject({ errorField: 'REQ0' });
  });

  it('registers a return against the invoiced order line, with its item and price, up to what was delivered', async () => {
    invoice = (await simPost(sim, `/_sim/orders/${orno}/invoice`, {})).body as typeof invoice;
    const head = await mi(sim, token, 'OIS390MI', 'AddHead', { WHLO: 'E10', RORN: orno, EXIN: invoice.CINO, YEA4: invoice.INYR, RSCD: 'DEF', YREF: 'RMA-1' });
    const repn = head.body.results[0].records[0].REPN;
    expect((await mi(sim, token, 'OIS390MI', 'AddLine', { WHLO: 'E10', REPN: repn, RORL: '1', REQ0: '1', WHSL: 'RET' })).status).toBe(200);
    const tooMany = await mi(sim, token, 'OIS390MI', 'AddLine', { WHLO: 'E10', REPN: repn, RORL: '1', REQ0: '2' });
    expect(tooMany.body.results[0]).toMatchObject({ errorField: 'REQ0' });
    expect((await mi(sim, token, 'OIS390MI', 'GetHead', { WHLO: 'E10', REPN: repn })).body.results[0].records[0]).toMatchObject({ ORNO: orno, CUNO: 'AMZDE', RESL: '11', YREF: 'RMA-1' });
    expect((await mi(sim, token, 'OIS390MI', 'LstLine', { WHLO: 'E10', REPN: repn })).body.results[0].records).toEqual([expect.objectContaining({ ITNO: 'SKU-A', PONR: '1', REQ0: '1', SAPR: '29.9', REST: '11' })]);
    const returns = await simGet<Array<Record<string, unknown>>>(sim, '/_sim/returns');
    expect(returns.filter((r) => r.number === repn)).toEqual([expect.objectContaining({ kind: 'return', ORNO: orno, CUOR: '302-0000000-0000001', lines: [expect.objectContaining({ ITNO: 'SKU-A', QTY: '1', AMOUNT: '29.90' })] })]);
  });

  it('refuses a return naming an unknown order or an invoice of another order', async () => {
    expect((await mi(sim, token, 'OIS390MI', 'AddHead', { WHLO: 'E10', RORN: '9999999999' })).body.results[0]).toMatchObject({ errorField: 'RORN' });
    expect((await mi(sim, token, 'OIS390MI', 'AddHead', { WHLO: 'E10', RORN: orno, EXIN: '42', YEA4: '2026' })).body.results[0]).toMatchObject({ errorField: 'EXIN' });
  });

  it('takes a credit order with negative quantities against the original invoice and lists it as a credit', async () => {
    expect((await simPost(sim, '/_sim/order-types', [{ ORTP: 'AMC', ORTK: '2' }])).status).toBe(200);
    const credit = async (fields: Record<string, string>, orqt: string): Promise<Record<string, string>> => {
      const temp = (await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE', ORTP: 'AMC', FACI: 'A01', WHLO: 'E10', CUOR: '302-0000000-0000001', CUCD: 'EUR', ...fields })).body.results[0].records[0].ORNO;
      await mi(sim, token, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-B', ORQT: orqt, SAPR: '10', WHLO: 'E10' });
      return (await mi(sim, token, 'OIS100MI', 'Confirm', { ORNO: temp })).body.results[0].records[0];
    };
    expect((await credit({}, '-1')).STAT).toBe('15');
    expect((await credit({ OIVR: invoice.CINO, OYEA: invoice.INYR }, '1')).STAT).toBe('25');
    const ok = await credit({ OIVR: invoice.CINO, OYEA: invoice.INYR }, '-1');
    expect(ok.STAT).toBe('90');
    const returns = await simGet<Array<Record<string, unknown>>>(sim, '/_sim/returns');
    expect(returns.filter((r) => r.kind === 'credit')).toEqual([expect.objectContaining({ number: ok.ORNO, ORNO: orno, OIVR: invoice.CINO, lines: [expect.objectContaining({ ITNO: 'SKU-B', QTY: '-1', AMOUNT: '-10.00' })] })]);
  });
});
