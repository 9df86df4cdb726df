import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, simGet, simPost } from './sim-http';

interface SimOrder { ORNO: string; CUOR: string; CUNO: string; STAT: string; lines: Array<{ PONR: string; ITNO: string; ORQT: string; SAPR: string; ORST: string }>; address: Record<string, string>; customFields: Record<string, Record<string, string>> }

describe('M3 simulator: OIS100MI batch orders', () => {
  let sim: M3Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startM3Simulator({
      seed: { items: [{ ITNO: 'SKU-RED', ITDS: 'Red', STAT: '20' }, { ITNO: 'SKU-OLD', ITDS: 'Blocked', STAT: '90' }] },
    });
    token = await accessToken(sim);
    await simPost(sim, '/_sim/balances', [{ ITNO: 'SKU-RED', WHLO: 'A10', STQT: '10', ALQT: '0' }]);
  });
  afterAll(() => sim.close());

  const call = (transaction: string, params: Record<string, string>) => mi(sim, token, 'OIS100MI', transaction, params);
  const head = async (params: Record<string, string>) => (await call('AddBatchHead', params)).body.results[0].records[0].ORNO;

  it('creates a customer order from head, lines, address and Confirm, keeping CUOR, lines and address', async () => {
    const orno = await head({ CUNO: 'AMZUS', ORTP: 'AMZ', FACI: 'A01', WHLO: 'A10', CUOR: '113-1111111-1111111' });
    const line = await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '2', SAPR: '19.99', CUPO: '1' });
    expect(line.body.results[0].records[0]).toMatchObject({ PONR: '1', POSX: '0' });
    expect((await call('AddBatchAddress', { ORNO: orno, ADRT: '1', CUNM: 'Jörg Müller', CUA1: 'Hauptstraße 1', TOWN: 'Köln', CSCD: 'DE' })).status).toBe(200);
    const confirm = await call('Confirm', { ORNO: orno });
    const { ORNO: real, STAT } = confirm.body.results[0].records[0];
    expect(STAT).toBe('90');
    expect(real).not.toBe(orno);

    const order = (await simGet<SimOrder[]>(sim, '/_sim/orders')).find((o) => o.ORNO === real);
    expect(order).toMatchObject({ CUOR: '113-1111111-1111111', CUNO: 'AMZUS', lines: [{ PONR: '1', ITNO: 'SKU-RED', ORQT: '2', SAPR: '19.99' }], address: { CUNM: 'Jörg Müller', TOWN: 'Köln' } });
    expect((await call('GetOrderNo', { ORNO: orno })).body.results[0].records[0].ORNR).toBe(real);
    expect((await mi(sim, token, 'OIS275MI', 'GetTmpOrderStat', { ORNO: orno })).body.results[0].records[0]).toEqual({ ORNO: orno, ORNR: real, STAT: '90' });
  });

  it('allocates stock on Confirm when the warehouse covers the line (status 33)', async () => {
    const orno = await head({ CUNO: 'AMZUS', WHLO: 'A10', CUOR: '113-2' });
    await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '3' });
    const real = (await call('Confirm', { ORNO: orno })).body.results[0].records[0].ORNO;
    const getHead = (await call('GetHead', { ORNO: real })).body.results[0].records[0];
    expect(getHead).toMatchObject({ CUOR: '113-2', ORSL: '33', ORST: '33' });
    const balance = (await mi(sim, token, 'MMS200MI', 'GetItmWhsBal', { WHLO: 'A10', ITNO: 'SKU-RED' })).body.results[0].records[0];
    expect(Number(balance.ALQT)).toBeGreaterThanOrEqual(3);
  });

  it('refuses AddBatchHead for an unknown customer with a NOK on CUNO', async () => {
    const { status, body } = await call('AddBatchHead', { CUNO: 'NOSUCH' });
    expect(status).toBe(400);
    expect(body.results[0]).toMatchObject({ errorField: 'CUNO', errorCode: 'NOT_FOUND' });
  });

  it('refuses AddBatchLine for an unknown item with a NOK on ITNO', async () => {
    const orno = await head({ CUNO: 'AMZUS' });
    const { status, body } = await call('AddBatchLine', { ORNO: orno, ITNO: 'NO-SUCH-ITEM', ORQT: '1' });
    expect(status).toBe(400);
    expect(body.results[0]).toMatchObject({ errorField: 'ITNO', errorCode: 'NOT_FOUND' });
  });

  it('leaves a batch with a blocked item in status 25 with messages for LstErrMsgOrder', async () => {
    const orno = await head({ CUNO: 'AMZUS', WHLO: 'A10' });
    await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-OLD', ORQT: '1' });
    const confirm = await call('Confirm', { ORNO: orno });
    expect(confirm.status).toBe(200);
    expect(confirm.body.results[0].records[0]).toEqual({ ORNO: orno, STAT: '25' });
    const messages = (await call('LstErrMsgOrder', { ORNO: orno })).body.results[0].records;
    expect(messages.length).toBeGreaterThan(0);
    expect(messages[0].TX60).toMatch(/SKU-OLD/);
  });

  it('leaves a batch with an unknown order type in status 15 and one without lines in status 20', async () => {
    const badType = await head({ CUNO: 'AMZUS', ORTP: 'XXX' });
    await call('AddBatchLine', { ORNO: badType, ITNO: 'SKU-RED', ORQT: '1', WHLO: 'A10' });
    expect((await call('Confirm', { ORNO: badType })).body.results[0].records[0].STAT).toBe('15');
    const noLines = await head({ CUNO: 'AMZUS' });
    expect((await call('Confirm', { ORNO: noLines })).body.results[0].records[0].STAT).toBe('20');
  });

  it('refuses to confirm a batch order twice', async () => {
    const orno = await head({ CUNO: 'AMZUS', WHLO: 'A10' });
    await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '1' });
    await call('Confirm', { ORNO: orno });
    const again = await call('Confirm', { ORNO: orno });
    expect(again.status).toBe(400);
    expect(again.body.results[0].errorField).toBe('ORNO');
  });

  it('deletes an unconfirmed batch order with DelBatchHead', async () => {
    const orno = await head({ CUNO: 'AMZUS' });
    expect((await call('DelBatchHead', { ORNO: orno })).status).toBe(200);
    expect((await call('GetBatchHead', { ORNO: orno })).status).toBe(400);
  });

  it('finds orders by CUOR with SearchHead and by customer with LstHead', async () => {
    const orno = await head({ CUNO: 'AMZDE', WHLO: 'E10', CUOR: '302-9999999-9999999' });
    await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '1' });
    const real = (await call('Confirm', { ORNO: orno })).body.results[0].records[0].ORNO;
    const found = (await call('SearchHead', { SQRY: 'CUOR:"302-9999999-9999999"' })).body.results[0].records;
    expect(found.map((r) => r.ORNO)).toEqual([real]);
    const listed = (await call('LstHead', { CUNO: 'AMZDE' })).body.results[0].records;
    expect(listed.find((r) => r.CUOR === '302-9999999-9999999')?.ORNO).toBe(real);
  });

  it('deletes a confirmed order while no picking list exists, and refuses once a line is on one (44)', async () => {
    const make = async (cuor: string) => {
      const orno = await head({ CUNO: 'AMZUS', WHLO: 'A10', CUOR: cuor });
      await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '1' });
      return (await call('Confirm', { ORNO: orno })).body.results[0].records[0].ORNO;
    };
    const deletable = await make('113-DEL');
    expect((await call('DelHead', { ORNO: deletable })).status).toBe(200);
    expect((await call('GetHead', { ORNO: deletable })).body.results[0].records[0].STAT).toBe('90');
    const picked = await make('113-PICK');
    await simPost(sim, '/_sim/order-status', { ORNO: picked, ORST: '44' });
    const refused = await call('DelLine', { ORNO: picked, PONR: '1' });
    expect(refused.status).toBe(400);
    expect(refused.body.results[0].errorCode).toBe('STATUS');
    expect((await call('CloLine', { ORNO: picked, PONR: '1' })).status).toBe(200);
    expect((await call('GetLine', { ORNO: picked, PONR: '1' })).body.results[0].records[0].ORST).toBe('99');
  });

  it('shows custom fields stored with CUSEXTMI on the order', async () => {
    const orno = await head({ CUNO: 'AMZUS', WHLO: 'A10', CUOR: '113-CF' });
    await call('AddBatchLine', { ORNO: orno, ITNO: 'SKU-RED', ORQT: '1' });
    const real = (await call('Confirm', { ORNO: orno })).body.results[0].records[0].ORNO;
    expect((await mi(sim, token, 'CUSEXTMI', 'AddFieldValue', { FILE: 'OOHEAD', PK01: real, A030: 'Amazon.com', A130: 'MFN' })).status).toBe(200);
    const order = (await simGet<SimOrder[]>(sim, '/_sim/orders')).find((o) => o.ORNO === real);
    expect(order?.customFields.OOHEAD).toMatchObject({ A030: 'Amazon.com', A130: 'MFN' });
  });
});
