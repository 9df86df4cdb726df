import { PermanentError } from '../../../core/errors';
import { createM3ClientFromIonApi, crs610mi, cusextmi, gls840mi, itemBalances, ois100mi, parseIonApiFile, type M3Client } from '../../../connectors/m3';
import { SANDBOX_GL_LAYOUT } from '../../../local/sim/m3/gl-templates';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';

/** Builds a usage-type-1 PARM the way the sandbox template lays it out. */
function parm(fields: Record<string, string>): string {
  const chars: string[] = Array(140).fill(' ');
  for (const p of SANDBOX_GL_LAYOUT) {
    const value = fields[p.name] ?? '';
    const width = p.to - p.from + 1;
    const text = p.kind === 'amount' ? value.padStart(width) : value.padEnd(width);
    for (let i = 0; i < width; i++) chars[p.from - 1 + i] = text[i];
  }
  return chars.join('');
}

describe('typed M3 transactions against the simulator', () => {
  let sim: M3Simulator;
  let m3: M3Client;

  beforeAll(async () => {
    sim = await startM3Simulator({ seed: { items: [{ ITNO: 'SKU-1', ITDS: 'One', STAT: '20' }, { ITNO: 'SKU-2', ITDS: 'Two', STAT: '20' }] } });
    m3 = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100' });
    await fetch(`${sim.url}/_sim/balances`, { method: 'POST', body: JSON.stringify([{ ITNO: 'SKU-1', WHLO: 'E10', STQT: 12, ALQT: 2 }, { ITNO: 'SKU-2', WHLO: 'E10', STQT: '3.5', ALQT: '0' }]) });
    await fetch(`${sim.url}/_sim/aliases`, { method: 'POST', body: JSON.stringify([{ ALWT: '2', POPN: 'AMZ-SKU-ONE', ITNO: 'SKU-1' }]) });
  });
  afterAll(() => sim.close());

  /** A batch order built with plain MI calls (the app sends these through the bulk endpoint) and confirmed. */
  async function batchOrder(head: Record<string, string>, items: string[]): Promise<{ batch: string; STAT: string; ORNO: string }> {
    const [{ ORNO: batch }] = await m3.execute('OIS100MI', 'AddBatchHead', head);
    for (const ITNO of items) await m3.execute('OIS100MI', 'AddBatchLine', { ORNO: batch, ITNO, ORQT: '1', SAPR: '9.95' });
    const [confirmed] = await m3.execute('OIS100MI', 'Confirm', { ORNO: batch });
    return { batch, STAT: confirmed.STAT, ORNO: confirmed.ORNO };
  }

  describe('OIS100MI', () => {
    it('finds a confirmed order again by CUOR, exactly (LstHead) and through the search index (SearchHead)', async () => {
      const { batch, STAT, ORNO } = await batchOrder({ CUNO: 'AMZDE', ORTP: 'AMZ', WHLO: 'E10', CUOR: '028-1234567-7654321' }, ['SKU-1']);
      expect(STAT).toBe(ois100mi.BATCH_ORDER_CREATED);
      const found = await ois100mi.lookUpByCuor(m3, '028-1234567-7654321', { CUNO: 'AMZDE' });
      expect(found.map((h) => h.ORNO)).toEqual([ORNO]);
      expect((await ois100mi.searchHeadByCuor(m3, '028-1234567-7654321')).map((h) => h.ORNO)).toEqual([ORNO]);
      expect(await ois100mi.getTmpOrderStat(m3, batch)).toEqual({ ORNO: batch, ORNR: ORNO, STAT: '90' });
      expect(await ois100mi.getHead(m3, ORNO)).toMatchObject({ ORNO, CUNO: 'AMZDE', CUOR: '028-1234567-7654321' });
      expect((await ois100mi.lstLine(m3, ORNO))[0]).toMatchObject({ ITNO: 'SKU-1', ORQT: '1' });
    });

    it('quotes a CUOR in the search query so it stays one term', () => {
      expect(ois100mi.cuorSearchQuery('028-1234567-7654321')).toBe('CUOR:"028-1234567-7654321"');
      expect(ois100mi.cuorSearchQuery('a "b" \\c')).toBe('CUOR:"a \\"b\\" \\\\c"');
    });

    it('reports a batch that M3 did not release, with its error messages, and deletes it', async () => {
      const { batch, STAT, ORNO } = await batchOrder({ CUNO: 'AMZDE' }, []);
      expect({ STAT, ORNO }).toEqual({ STAT: '20', ORNO: batch });
      expect((await ois100mi.lstErrMsgOrder(m3, batch))[0].TX60).toMatch(/lines are missing/);
      await ois100mi.delBatchHead(m3, batch);
      await expect(ois100mi.getTmpOrderStat(m3, batch)).rejects.toBeInstanceOf(PermanentError);
    });

    it('closes a line of a confirmed order', async () => {
      const { ORNO } = await batchOrder({ CUNO: 'AMZDE', WHLO: 'E10' }, ['SKU-1', 'SKU-2']);
      await ois100mi.cloLine(m3, ORNO, '1');
      expect((await ois100mi.lstLine(m3, ORNO)).map((l) => [l.ITNO, l.ORST])).toEqual([['SKU-1', ois100mi.LINE_CLOSED], ['SKU-2', expect.any(String)]]);
    });

    it('deletes a confirmed order, whose head then shows status 90', async () => {
      const { ORNO } = await batchOrder({ CUNO: 'AMZDE', WHLO: 'E10' }, ['SKU-1']);
      await ois100mi.delHead(m3, ORNO);
      expect((await ois100mi.getHead(m3, ORNO)).STAT).toBe(ois100mi.ORDER_DELETED);
    });
  });

  describe('CRS610MI', () => {
    it('reads a customer and answers undefined for an unknown one', async () => {
      expect(await crs610mi.getBasicData(m3, 'AMZUS')).toMatchObject({ CUNO: 'AMZUS', STAT: '20' });
      expect(await crs610mi.getBasicData(m3, 'AMZUS', { CONO: '100' })).toMatchObject({ CUNO: 'AMZUS' });
      expect(await crs610mi.getBasicData(m3, 'NOBODY')).toBeUndefined();
    });
  });

  describe('CUSEXTMI', () => {
    it('adds a record, and changes it when it exists already, from one set of parameters', async () => {
      const { key, values } = cusextmi.splitRecord({ FILE: 'OOHEAD', PK01: '1000001', A030: 'first' });
      expect(key).toEqual({ FILE: 'OOHEAD', PK01: '1000001' });
      await cusextmi.setFieldValues(m3, key, values);
      await cusextmi.setFieldValues(m3, key, { A030: 'second' });
      expect((await m3.execute('CUSEXTMI', 'GetFieldValue', { FILE: 'OOHEAD', PK01: '1000001' }))[0]).toMatchObject({ A030: 'second' });
    });
  });

  describe('items and balances', () => {
    it('maps an alias to its item, and answers undefined for an unknown alias', async () => {
      expect(await itemBalances.itemByAlias(m3, { ALWT: '2', POPN: 'AMZ-SKU-ONE' })).toBe('SKU-1');
      expect(await itemBalances.itemByAlias(m3, { ALWT: '2', POPN: 'UNKNOWN' })).toBeUndefined();
    });

    it('reads on-hand approved, allocated and allocatable per item and warehouse', async () => {
      await fetch(`${sim.url}/_sim/items`, { method: 'POST', body: JSON.stringify([{ ITNO: 'SKU-3', ITDS: 'Three' }]) });
      await fetch(`${sim.url}/_sim/balances`, { method: 'POST', body: JSON.stringify([{ ITNO: 'SKU-3', WHLO: 'E10', STQT: 12, ALQT: 2 }]) });
      expect(await itemBalances.getItmWhsBal(m3, 'E10', 'SKU-3')).toMatchObject({ STQT: '12', ALQT: '2', AVAL: '12', AV01: '10' });
      expect(await itemBalances.getItmWhsBal(m3, 'E10', 'NOT-STOCKED')).toBeUndefined();
      expect(await itemBalances.getItem(m3, 'SKU-2')).toMatchObject({ ITDS: 'Two', STAT: '20' });
    });

    it('lists every balance of a warehouse', async () => {
      const balances = await itemBalances.listWarehouseBalances(m3, 'E10');
      expect(balances.map((b) => [b.ITNO, b.STQT])).toEqual(expect.arrayContaining([['SKU-2', '3.5']]));
    });

    it('takes seeded items and balances from /_sim/ into MI answers', async () => {
      await fetch(`${sim.url}/_sim/items`, { method: 'POST', body: JSON.stringify([{ ITNO: 'NEW-1', ITDS: 'New', STAT: '20' }]) });
      await fetch(`${sim.url}/_sim/balances`, { method: 'POST', body: JSON.stringify([{ ITNO: 'NEW-1', WHLO: 'A10', STQT: 5, ALQT: 1 }]) });
      expect(await itemBalances.getItmWhsBal(m3, 'A10', 'NEW-1')).toMatchObject({ STQT: '5', ALQT: '1', AVAL: '5', AV01: '4' });
    });
  });

  describe('GLS840MI', () => {
    const head = (KEY1: string, INTN = 'AMZSETTLE') => gls840mi.addBatchHead(m3, { CONO: '100', KEY1, INTN, DESC: 'Amazon settlement' });

    it('posts a balanced positioned journal and shows it under /_sim/journals', async () => {
      await head('STL-1001');
      await gls840mi.addBatchLine(m3, { CONO: '100', KEY1: 'STL-1001', LINE: 1, PARM: parm({ INRI: 'I1', AIT1: '1930', CUCD: 'EUR', CUAM: '100.50', ACDT: '20260301', VTXT: 'Amazon deposit' }) });
      await gls840mi.addBatchLine(m3, { CONO: '100', KEY1: 'STL-1001', LINE: 2, PARM: parm({ INRI: 'I1', AIT1: '3010', CUCD: 'EUR', CUAM: '-100,50', ACDT: '20260301', VTXT: 'Amazon sales' }) });
      await gls840mi.ctrlBatch(m3, { CONO: '100', KEY1: 'STL-1001' });
      await gls840mi.updBatch(m3, { CONO: '100', KEY1: 'STL-1001' });
      const journals = (await (await fetch(`${sim.url}/_sim/journals`)).json()) as Array<{ KEY1: string; status: string; lines: Array<Record<string, string>> }>;
      const journal = journals.find((j) => j.KEY1 === 'STL-1001');
      expect(journal).toMatchObject({ INTN: 'AMZSETTLE', status: 'posted', lines: [{ AIT1: '1930', CUAM: '100.5', CUCD: 'EUR', VTXT: 'Amazon deposit' }, { AIT1: '3010', CUAM: '-100.5' }] });
    });

    it('refuses an unbalanced batch on CtrlBatch', async () => {
      await head('STL-1002');
      await gls840mi.addBatchLine(m3, { CONO: '100', KEY1: 'STL-1002', LINE: 1, PARM: parm({ INRI: 'I1', AIT1: '1930', CUCD: 'EUR', CUAM: '10', ACDT: '20260301' }) });
      const error = await gls840mi.ctrlBatch(m3, { CONO: '100', KEY1: 'STL-1002' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(PermanentError);
      expect((error as Error).message).toMatch(/does not balance in EUR/);
    });

    it('refuses a PARM that does not fit the template layout, naming the positions', async () => {
      await head('STL-1003');
      const shifted = ` ${parm({ INRI: 'I1', AIT1: '1930', CUCD: 'EUR', CUAM: '10', ACDT: '20260301' })}`.slice(0, 140);
      await expect(gls840mi.addBatchLine(m3, { CONO: '100', KEY1: 'STL-1003', LINE: 1, PARM: shifted })).rejects.toThrow(/positions 1-2/);
    });

    it('refuses a second batch head with the same KEY1', async () => {
      await head('STL-1004');
      await expect(head('STL-1004')).rejects.toMatchObject({ code: 'EXISTS', details: { field: 'KEY1' } });
    });

    it('accepts field-based lines on a usage-type-2 interface', async () => {
      await head('STL-1005', 'AMZSETTLEF');
      await gls840mi.addBatchLineFld(m3, { KEY1: 'STL-1005', LINE: 1, INRI: 'I1', AIT1: '1930', CUCD: 'USD', CUAM: '5.25', ACDT: '20260301', VTXT: 'Fee' });
      await gls840mi.addBatchLineFld(m3, { KEY1: 'STL-1005', LINE: 2, INRI: 'I1', AIT1: '6090', CUCD: 'USD', CUAM: '-5.25', ACDT: '20260301', VTXT: 'Fee' });
      await gls840mi.updBatch(m3, { CONO: '100', KEY1: 'STL-1005' });
      expect(sim.state.journals['STL-1005'].status).toBe('posted');
    });
  });
});
