/**
 * The M3 simulator refuses what M3 refuses: repository rules (recorded as violations), customer statuses, items not
 * connected to the warehouse, Confirm's head/line/credit checks with the batch left at its documented status, and the
 * realistic faults (search index lag, bulk stop at the first failure, asynchronous Confirm). Number series survive a
 * reset.
 */
import { startM3Simulator, type M3Simulator } from '../../../../local/sim/m3/m3-simulator';
import { accessToken, mi, simGet, simPost } from './sim-http';

interface SimOrder { ORNO: string; STAT: string; lines: Array<{ PONR: string; STAT: string }>; totals: { CUCD: string; net: string; vat: string; gross: string } }
interface Violation { operation: string; problems: string[] }

describe('M3 simulator: as strict as M3', () => {
  let clock = Date.UTC(2026, 2, 2, 9, 0, 0);
  let sim: M3Simulator;
  let token: string;

  beforeAll(async () => {
    sim = await startM3Simulator({ now: () => clock });
    token = await accessToken(sim);
    await simPost(sim, '/_sim/items', [
      { ITNO: 'KETTLE', ITDS: 'Kettle', STAT: '20' },
      { ITNO: 'ONLY-A10', ITDS: 'Stocked in A10 only', STAT: '20', warehouses: ['A10'] },
    ]);
  });
  afterAll(() => sim.close());
  beforeEach(async () => { await simPost(sim, '/_sim/faults', {}); });

  const call = (transaction: string, params: Record<string, string>) => mi(sim, token, 'OIS100MI', transaction, params);
  const head = async (params: Record<string, string>): Promise<string> => (await call('AddBatchHead', params)).body.results[0]!.records[0]!.ORNO!;
  const bulk = async (program: string, transactions: Array<{ transaction: string; record: Record<string, string> }>) => {
    const res = await fetch(`${sim.miRootUrl}/v2/execute`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify({ program, transactions }) });
    return (await res.json()) as { wasTerminated: boolean; nrOfNotProcessedTransactions: number; nrOfFailedTransactions: number; results: Array<{ notProcessed: boolean; errorMessage: string }> };
  };
  const order = async (cuno: string, cuor: string, lines: Array<Record<string, string>>, extra: Record<string, string> = {}) => {
    const orno = await head({ CUNO: cuno, WHLO: 'A10', CUOR: cuor, ...extra });
    for (const line of lines) await call('AddBatchLine', { ORNO: orno, ...line });
    return orno;
  };

  describe('repository rules, recorded at /_sim/violations', () => {
    it('lists an unknown field, an over-long value and a missing mandatory field, and reset clears the list', async () => {
      await simPost(sim, '/_sim/reset', {});
      expect(await simGet<Violation[]>(sim, '/_sim/violations')).toEqual([]);
      expect((await call('AddBatchHead', { CUNO: 'AMZUS', NOPE: 'x' })).status).toBe(400);
      expect((await call('AddBatchHead', { CUNO: 'AMZUS', CUOR: 'x'.repeat(21) })).status).toBe(400);
      expect((await mi(sim, token, 'CRS610MI', 'Add', { CUTM: 'AMZUS', CUNM: 'Buyer' })).status).toBe(400);
      const violations = await simGet<Violation[]>(sim, '/_sim/violations');
      expect(violations.map((v) => v.operation)).toEqual(['OIS100MI.AddBatchHead', 'OIS100MI.AddBatchHead', 'CRS610MI.Add']);
      expect(violations.map((v) => v.problems[0]!.split(':')[0])).toEqual(['FIELD_UNKNOWN', 'TOO_LONG', 'MANDATORY']);
      await simPost(sim, '/_sim/reset', {});
      expect(await simGet<Violation[]>(sim, '/_sim/violations')).toEqual([]);
      await simPost(sim, '/_sim/items', [{ ITNO: 'KETTLE', ITDS: 'Kettle', STAT: '20' }, { ITNO: 'ONLY-A10', ITDS: 'Stocked in A10 only', STAT: '20', warehouses: ['A10'] }]);
    });

    it('does not count a business refusal (unknown customer) as a violation', async () => {
      expect((await call('AddBatchHead', { CUNO: 'NOSUCH' })).status).toBe(400);
      expect(await simGet<Violation[]>(sim, '/_sim/violations')).toEqual([]);
    });
  });

  describe('customers', () => {
    it('refuses orders for a customer that is not definite (status 20) and an invalid status on CRS610MI.Add', async () => {
      await simPost(sim, '/_sim/customers', [{ CUNO: 'PRELIM', CUNM: 'Preliminary', STAT: '10' }]);
      const refused = await call('AddBatchHead', { CUNO: 'PRELIM' });
      expect(refused.status).toBe(400);
      expect(refused.body.results[0]).toMatchObject({ errorField: 'CUNO' });
      const bad = await mi(sim, token, 'CRS610MI', 'Add', { CUTM: 'AMZUS', CUNM: 'Buyer', CUA1: 'Street 1', STAT: '55' });
      expect(bad.body.results[0]).toMatchObject({ errorField: 'STAT' });
    });

    it('gives a customer added without STAT the template customer\'s status', async () => {
      const added = await mi(sim, token, 'CRS610MI', 'Add', { CUTM: 'AMZUS', CUNM: 'Buyer', CUA1: 'Street 1' });
      const cuno = added.body.results[0]!.records[0]!.CUNO!;
      expect((await mi(sim, token, 'CRS610MI', 'GetBasicData', { CUNO: cuno })).body.results[0]!.records[0]!.STAT).toBe('20');
    });
  });

  describe('order lines', () => {
    it('refuses AddBatchLine for an item that has no item-warehouse record in the line\'s warehouse', async () => {
      const orno = await head({ CUNO: 'AMZUS', WHLO: 'E10' });
      const refused = await call('AddBatchLine', { ORNO: orno, ITNO: 'ONLY-A10', ORQT: '1' });
      expect(refused.status).toBe(400);
      expect(refused.body.results[0]!.errorMessage).toMatch(/ONLY-A10.*E10/);
      expect((await call('AddBatchLine', { ORNO: orno, ITNO: 'ONLY-A10', ORQT: '1', WHLO: 'A10' })).status).toBe(200);
    });
  });

  describe('Confirm', () => {
    it('leaves a batch with an unknown head charge id or currency at status 15, an unknown line charge id at 25, each with LstErrMsgOrder texts', async () => {
      const badCharge = await order('AMZUS', 'C-1', [{ ITNO: 'KETTLE', ORQT: '1', SAPR: '10' }]);
      await call('AddBatchHeadChg', { ORNO: badCharge, CRID: 'NOSUCH', CRAM: '2' });
      expect((await call('Confirm', { ORNO: badCharge })).body.results[0]!.records[0]!.STAT).toBe('15');
      expect((await call('LstErrMsgOrder', { ORNO: badCharge })).body.results[0]!.records.map((m) => m.TX60)).toEqual(['Charge NOSUCH does not exist']);

      const badCurrency = await order('AMZUS', 'C-2', [{ ITNO: 'KETTLE', ORQT: '1' }], { CUCD: 'XXX' });
      expect((await call('Confirm', { ORNO: badCurrency })).body.results[0]!.records[0]!.STAT).toBe('15');
      expect((await call('LstErrMsgOrder', { ORNO: badCurrency })).body.results[0]!.records[0]!.TX60).toMatch(/Currency XXX/);

      const badLineCharge = await order('AMZUS', 'C-3', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      await call('AddBatchLineChg', { ORNO: badLineCharge, PONR: '1', POSX: '0', CRID: 'NOSUCH' });
      expect((await call('Confirm', { ORNO: badLineCharge })).body.results[0]!.records[0]!.STAT).toBe('25');

      const good = await order('AMZUS', 'C-4', [{ ITNO: 'KETTLE', ORQT: '1' }], { CUCD: 'USD' });
      await call('AddBatchLineChg', { ORNO: good, PONR: '1', POSX: '0', CRID: 'FRT', CRAM: '4.99' });
      expect((await call('Confirm', { ORNO: good })).body.results[0]!.records[0]!.STAT).toBe('90');
    });

    it('leaves the batch of a credit-stopped customer at status 30 with the reason', async () => {
      await simPost(sim, '/_sim/customers', [{ CUNO: 'STOPPED', CUNM: 'Stopped', STAT: '20', BLCD: 1 }]);
      const orno = await order('STOPPED', 'C-5', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      expect((await call('Confirm', { ORNO: orno })).body.results[0]!.records[0]).toEqual({ ORNO: orno, STAT: '30' });
      expect((await mi(sim, token, 'OIS275MI', 'GetTmpOrderStat', { ORNO: orno })).body.results[0]!.records[0]!.STAT).toBe('30');
      expect((await call('LstErrMsgOrder', { ORNO: orno })).body.results[0]!.records[0]!.TX60).toMatch(/credit/);
    });

    it('can finish asynchronously: the batch stays below 90 until the batch job has run', async () => {
      await simPost(sim, '/_sim/faults', { confirmDelayMs: 5000 });
      const orno = await order('AMZUS', 'C-6', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      expect((await call('Confirm', { ORNO: orno })).body.results[0]!.records[0]).toEqual({ ORNO: orno, STAT: '20' });
      expect((await mi(sim, token, 'OIS275MI', 'GetTmpOrderStat', { ORNO: orno })).body.results[0]!.records[0]).toMatchObject({ STAT: '20', ORNR: '' });
      clock += 5000;
      const done = (await mi(sim, token, 'OIS275MI', 'GetTmpOrderStat', { ORNO: orno })).body.results[0]!.records[0]!;
      expect(done.STAT).toBe('90');
      expect((await simGet<SimOrder[]>(sim, '/_sim/orders')).some((o) => o.ORNO === done.ORNR)).toBe(true);
    });
  });

  describe('SearchHead', () => {
    it('returns only the columns M3 returns (no CUOR) and refuses a field its index does not hold', async () => {
      const orno = await order('AMZUS', 'S-1', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      const real = (await call('Confirm', { ORNO: orno })).body.results[0]!.records[0]!.ORNO!;
      const [found] = (await call('SearchHead', { SQRY: 'CUOR:"S-1"' })).body.results[0]!.records;
      expect(found!.ORNO).toBe(real);
      expect(found).not.toHaveProperty('CUOR');
      expect((await call('SearchHead', { SQRY: 'YREF:"x"' })).status).toBe(400);
    });

    it('does not find an order younger than the configured index lag', async () => {
      await simPost(sim, '/_sim/faults', { searchLagMs: 60_000 });
      const orno = await order('AMZUS', 'S-2', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      await call('Confirm', { ORNO: orno });
      expect((await call('SearchHead', { SQRY: 'CUOR:"S-2"' })).body.results[0]!.records).toEqual([]);
      clock += 60_000;
      expect((await call('SearchHead', { SQRY: 'CUOR:"S-2"' })).body.results[0]!.records).toHaveLength(1);
    });
  });

  describe('bulk requests', () => {
    it('with bulkStopOnFailure stop at the first failure: the rest are notProcessed and wasTerminated is set', async () => {
      await simPost(sim, '/_sim/faults', { bulkStopOnFailure: true });
      const answer = await bulk('MMS200MI', [
        { transaction: 'GetItmBasic', record: { ITNO: 'KETTLE' } },
        { transaction: 'GetItmBasic', record: { ITNO: 'NOSUCH' } },
        { transaction: 'GetItmBasic', record: { ITNO: 'KETTLE' } },
      ]);
      expect(answer).toMatchObject({ wasTerminated: true, nrOfFailedTransactions: 1, nrOfNotProcessedTransactions: 1 });
      expect(answer.results.map((r) => r.notProcessed)).toEqual([false, false, true]);
    });
  });

  describe('sandbox control', () => {
    it('shows order totals that follow the customer\'s VAT-included flag, and line statuses', async () => {
      await simPost(sim, '/_sim/customers', [
        { CUNO: 'VATINC', CUNM: 'Prices incl. VAT', STAT: '20', TINC: '1', CSCD: 'DE', CUCD: 'EUR' },
        { CUNO: 'VATEXC', CUNM: 'Prices excl. VAT', STAT: '20', TINC: '0', CSCD: 'DE', CUCD: 'EUR' },
      ]);
      const inc = (await call('Confirm', { ORNO: await order('VATINC', 'T-1', [{ ITNO: 'KETTLE', ORQT: '2', SAPR: '59.50' }]) })).body.results[0]!.records[0]!.ORNO!;
      const exc = (await call('Confirm', { ORNO: await order('VATEXC', 'T-2', [{ ITNO: 'KETTLE', ORQT: '2', SAPR: '50' }]) })).body.results[0]!.records[0]!.ORNO!;
      const orders = await simGet<SimOrder[]>(sim, '/_sim/orders');
      expect(orders.find((o) => o.ORNO === inc)!.totals).toEqual({ CUCD: 'EUR', net: '100.00', vat: '19.00', gross: '119.00' });
      expect(orders.find((o) => o.ORNO === exc)!.totals).toEqual({ CUCD: 'EUR', net: '100.00', vat: '19.00', gross: '119.00' });
      expect(orders.find((o) => o.ORNO === inc)!.lines[0]!.STAT).toMatch(/^\d\d$/);
    });

    it('moves an order along with POST /_sim/orders/{ORNO}/status, and shows DelHead and CloLine', async () => {
      const a = (await call('Confirm', { ORNO: await order('AMZUS', 'M-1', [{ ITNO: 'KETTLE', ORQT: '1' }, { ITNO: 'KETTLE', ORQT: '1' }]) })).body.results[0]!.records[0]!.ORNO!;
      const moved = await simPost(sim, `/_sim/orders/${a}/status`, { STAT: '44' });
      expect(moved.status).toBe(200);
      let view = (await simGet<SimOrder[]>(sim, '/_sim/orders')).find((o) => o.ORNO === a)!;
      expect(view.lines.map((l) => l.STAT)).toEqual(['44', '44']);
      expect((await simPost(sim, '/_sim/orders/NOSUCH/status', { STAT: '44' })).status).toBe(404);

      const b = (await call('Confirm', { ORNO: await order('AMZUS', 'M-2', [{ ITNO: 'KETTLE', ORQT: '1' }, { ITNO: 'KETTLE', ORQT: '1' }]) })).body.results[0]!.records[0]!.ORNO!;
      expect((await call('CloLine', { ORNO: b, PONR: '2' })).status).toBe(200);
      view = (await simGet<SimOrder[]>(sim, '/_sim/orders')).find((o) => o.ORNO === b)!;
      expect(view.lines.map((l) => l.STAT)).toEqual([expect.stringMatching(/^\d\d$/), '99']);
      const c = (await call('Confirm', { ORNO: await order('AMZUS', 'M-3', [{ ITNO: 'KETTLE', ORQT: '1' }]) })).body.results[0]!.records[0]!.ORNO!;
      expect((await call('DelHead', { ORNO: c })).status).toBe(200);
      view = (await simGet<SimOrder[]>(sim, '/_sim/orders')).find((o) => o.ORNO === c)!;
      expect(view.STAT).toBe('90');
    });

    it('never hands out an order or batch-order number twice, also after /_sim/reset', async () => {
      const before = await order('AMZUS', 'N-1', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      const real = (await call('Confirm', { ORNO: before })).body.results[0]!.records[0]!.ORNO!;
      await simPost(sim, '/_sim/reset', {});
      await simPost(sim, '/_sim/items', [{ ITNO: 'KETTLE', ITDS: 'Kettle', STAT: '20' }]);
      const after = await order('AMZUS', 'N-1', [{ ITNO: 'KETTLE', ORQT: '1' }]);
      const realAfter = (await call('Confirm', { ORNO: after })).body.results[0]!.records[0]!.ORNO!;
      expect(Number(after)).toBeGreaterThan(Number(before));
      expect(Number(realAfter)).toBeGreaterThan(Number(real));
    });
  });

  describe('stock', () => {
    it('lists one MMS060MI.LstSumQty row per location, allocatable or not, and answers AVAL/AV01 from allocatable locations only', async () => {
      await simPost(sim, '/_sim/items', [{ ITNO: 'KETTLE', ITDS: 'Kettle', STAT: '20' }]);
      await simPost(sim, '/_sim/balances', [
        { ITNO: 'KETTLE', WHLO: 'A10', WHSL: 'PICK-01', STQT: '10', ALQT: '3' },
        { ITNO: 'KETTLE', WHLO: 'A10', WHSL: 'QUARANT', STQT: '6', allocatable: false },
      ]);
      const rows = (await mi(sim, token, 'MMS060MI', 'LstSumQty', { WHLO: 'A10', ITNO: 'KETTLE' })).body.results[0]!.records;
      expect(rows.map((r) => [r.WHSL, r.STQT, r.ALQT])).toEqual([['PICK-01', '10', '3'], ['QUARANT', '6', '0']]);
      const balance = (await mi(sim, token, 'MMS200MI', 'GetItmWhsBal', { WHLO: 'A10', ITNO: 'KETTLE' })).body.results[0]!.records[0]!;
      expect(balance).toMatchObject({ STQT: '16', ALQT: '3', AVAL: '10', AV01: '7' });
    });

    it('answers a negative AV01 when allocations exceed the allocatable stock', async () => {
      await simPost(sim, '/_sim/balances', [{ ITNO: 'KETTLE', WHLO: 'E10', STQT: '2', ALQT: '5' }]);
      expect((await mi(sim, token, 'MMS200MI', 'GetItmWhsBal', { WHLO: 'E10', ITNO: 'KETTLE' })).body.results[0]!.records[0]!.AV01).toBe('-3');
    });
  });
});
