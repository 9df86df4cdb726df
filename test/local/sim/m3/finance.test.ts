import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, simGet, simPost } from './sim-http';

describe('M3 simulator: invoicing, invoice look-up, ARS040MI payment batches and the EXPORTMI read-back', () => {
  let sim: M3Simulator;
  let token: string;
  let orno: string;
  let invoice: { CINO: string; INYR: string; gross: string };

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => Date.UTC(2026, 4, 17, 8), seed: { items: [{ ITNO: 'SKU-A', ITDS: 'A', STAT: '20' }] } });
    token = await accessToken(sim);
    const head = await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE', ORTP: 'AMZ', FACI: 'A01', WHLO: 'E10', CUOR: '302-0000000-0000001', CUCD: 'EUR' });
    const temp = head.body.results[0].records[0].ORNO;
    await mi(sim, token, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-A', ORQT: '2', SAPR: '29.90', WHLO: 'E10' });
    orno = (await mi(sim, token, 'OIS100MI', 'Confirm', { ORNO: temp })).body.results[0].records[0].ORNO;
  });
  afterAll(() => sim.close());

  it('invoices an order once: VAT-included customer, so the invoice is the entered gross', async () => {
    const first = await simPost(sim, `/_sim/orders/${orno}/invoice`, {});
    expect(first.status).toBe(200);
    invoice = first.body as typeof invoice;
    expect(invoice).toMatchObject({ INYR: '2026', gross: '59.80', vat: '9.55', net: '50.25' });
    expect((await simPost(sim, `/_sim/orders/${orno}/invoice`, {})).body).toMatchObject({ CINO: invoice.CINO });
    expect((await simPost(sim, '/_sim/orders/9999999999/invoice', {})).status).toBe(404);
  });

  it('lists the invoice of the order through OIS350MI', async () => {
    const answer = await mi(sim, token, 'OIS350MI', 'LstAllInvByCO', { ORNO: orno });
    expect(answer.body.results[0].records).toEqual([expect.objectContaining({ IVNO: invoice.CINO, YEA4: '2026', CUNO: 'AMZDE', IVAV: '59.80' })]);
  });

  it('loads a payment batch, checks it against the invoices, and shows it under /_sim/payments', async () => {
    expect((await mi(sim, token, 'ARS040MI', 'AddBatchHead', { PBID: '260517001', BOPE: 'AMZ' })).status).toBe(200);
    expect((await mi(sim, token, 'ARS040MI', 'AddBatchHead', { PBID: '260517001', BOPE: 'AMZ' })).body.results[0]).toMatchObject({ errorField: 'PBID' });
    await mi(sim, token, 'ARS040MI', 'AddBatchLine', { PBID: '260517001', TRNO: '1', CINO: invoice.CINO, INYR: '2026', CUNO: 'AMZDE', PYAM: '59.80' });
    await mi(sim, token, 'ARS040MI', 'AddBatchCharge', { PBID: '260517001', CHAM: '3.50', CHRI: 'FBA', VTCD: '1' });
    expect((await mi(sim, token, 'ARS040MI', 'ControlBatch', { PBID: '260517001' })).status).toBe(200);
    const payments = await simGet<Array<Record<string, unknown>>>(sim, '/_sim/payments');
    expect(payments).toEqual([expect.objectContaining({
      batch: '260517001', status: '0', controlled: true,
      lines: [expect.objectContaining({ CUNO: 'AMZDE', CINO: invoice.CINO, INYR: '2026', PYAM: '59.8', errorStatus: '0' })],
      charges: [expect.objectContaining({ CHAM: '3.5', CHRI: 'FBA', VTCD: '1' })],
    })]);
  });

  it('gives a receipt order on an unknown invoice error status 1, and ControlBatch refuses the batch', async () => {
    await mi(sim, token, 'ARS040MI', 'AddBatchHead', { PBID: '2', BOPE: 'AMZ' });
    await mi(sim, token, 'ARS040MI', 'AddBatchLine', { PBID: '2', TRNO: '1', CINO: '424242', INYR: '2026', CUNO: 'AMZDE', PYAM: '10' });
    const answer = await mi(sim, token, 'ARS040MI', 'ControlBatch', { PBID: '2' });
    expect(answer.body.results[0]).toMatchObject({ errorField: 'PBID' });
    expect(answer.body.results[0].errorMessage).toMatch(/transaction 1: error status 1/);
  });

  it('answers the read-back queries with EXPORTMI.Select', async () => {
    const payment = await mi(sim, token, 'EXPORTMI', 'Select', { QERY: 'BPYS,CTRL,NLIN,NCHG from ARS040H where PBID = 260517001', SEPC: ';' });
    expect(payment.body.results[0].records).toEqual([{ REPL: '0;1;1;1' }]);
    const none = await mi(sim, token, 'EXPORTMI', 'Select', { QERY: "STAT,NLIN from FGLINH where KEY1 = 'AMZ1'", SEPC: ';' });
    expect(none.body.results[0].records).toEqual([]);
  });

  it('settles the credit note of a credit order with a negative receipt order, matched like any invoice', async () => {
    expect((await simPost(sim, '/_sim/order-types', [{ ORTP: 'AMC', ORTK: '2' }])).status).toBe(200);
    const head = await mi(sim, token, 'OIS100MI', 'AddBatchHead', { CUNO: 'AMZDE', ORTP: 'AMC', FACI: 'A01', WHLO: 'E10', CUOR: '302-0000000-0000001', CUCD: 'EUR', OIVR: invoice.CINO, OYEA: invoice.INYR });
    const temp = head.body.results[0].records[0].ORNO;
    await mi(sim, token, 'OIS100MI', 'AddBatchLine', { ORNO: temp, ITNO: 'SKU-A', ORQT: '-1', SAPR: '29.90', WHLO: 'E10' });
    const credit = (await mi(sim, token, 'OIS100MI', 'Confirm', { ORNO: temp })).body.results[0].records[0].ORNO;
    const note = (await simPost(sim, `/_sim/orders/${credit}/invoice`, {})).body as { CINO: string; INYR: string; gross: string };
    expect(note.gross).toBe('-29.90');
    await mi(sim, token, 'ARS040MI', 'AddBatchHead', { PBID: '3', BOPE: 'AMZ' });
    await mi(sim, token, 'ARS040MI', 'AddBatchLine', { PBID: '3', TRNO: '1', CINO: invoice.CINO, INYR: '2026', CUNO: 'AMZDE', PYAM: '59.80' });
    await mi(sim, token, 'ARS040MI', 'AddBatchLine', { PBID: '3', TRNO: '2', CINO: note.CINO, INYR: note.INYR, CUNO: 'AMZDE', PYAM: '-29.90' });
    expect((await mi(sim, token, 'ARS040MI', 'ControlBatch', { PBID: '3' })).status).toBe(200);
    const batch = (await simGet<Array<{ batch: string; controlled: boolean; lines: Array<{ errorStatus: string }> }>>(sim, '/_sim/payments')).find((b) => b.batch === '3');
    expect(batch).toMatchObject({ controlled: true, lines: [{ errorStatus: '0' }, { errorStatus: '0' }] });
  });

  it("reads a customer's 'VAT included' with CRS610MI.GetOrderInfo", async () => {
    const de = await mi(sim, token, 'CRS610MI', 'GetOrderInfo', { CUNO: 'AMZDE' });
    const us = await mi(sim, token, 'CRS610MI', 'GetOrderInfo', { CUNO: 'AMZUS' });
    expect([de.body.results[0].records[0].TINC, us.body.results[0].records[0].TINC]).toEqual(['1', '0']);
  });
});
