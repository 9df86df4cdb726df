/** readItemFigures: item status and allocatable net of many items in few bulk round trips, as M3 states them. */
import { createM3ClientFromIonApi, parseIonApiFile, type M3Client } from '../../../connectors/m3';
import { ITEM_FIGURES_PER_REQUEST, readItemFigures } from '../../../connectors/m3/item-balances';
import { startM3Simulator, type M3Simulator } from '../../../local/sim/m3/m3-simulator';

describe('readItemFigures (MMS200MI GetItmBasic + GetItmWhsBal in bulk)', () => {
  let sim: M3Simulator;
  let m3: M3Client;
  const post = (route: string, body: unknown) => fetch(`${sim.url}${route}`, { method: 'POST', body: JSON.stringify(body) });

  beforeAll(async () => {
    sim = await startM3Simulator();
    m3 = createM3ClientFromIonApi(parseIonApiFile(sim.ionapiFile()), { cono: '100' });
    await post('/_sim/items', [
      { ITNO: 'OPEN', ITDS: 'Open', STAT: '20', warehouses: ['A10', 'E10'] },
      { ITNO: 'BLOCKED', ITDS: 'Blocked', STAT: '90', warehouses: ['A10'] },
    ]);
    await post('/_sim/balances', [
      { ITNO: 'OPEN', WHLO: 'A10', WHSL: 'PICK', STQT: '8', ALQT: '1' },
      { ITNO: 'OPEN', WHLO: 'A10', WHSL: 'INSPECT', STQT: '5', allocatable: false },
      { ITNO: 'BLOCKED', WHLO: 'A10', STQT: '3' },
    ]);
  });
  afterAll(() => sim.close());
  beforeEach(async () => { await post('/_sim/faults', {}); });

  it('answers status per known item and AV01 per item-warehouse record; unknown items and missing records are simply absent', async () => {
    const figures = await readItemFigures(m3, ['OPEN', 'BLOCKED', 'UNKNOWN'], ['A10', 'E10']);
    expect(Object.fromEntries(figures.statuses)).toEqual({ OPEN: '20', BLOCKED: '90' });
    expect(figures.balances.map((b) => [b.ITNO, b.WHLO, b.STQT, b.AVAL, b.AV01])).toEqual([
      ['OPEN', 'A10', '13', '8', '7'], ['OPEN', 'E10', '0', '0', '0'], ['BLOCKED', 'A10', '3', '3', '3'],
    ]);
  });

  it('packs the reads into bulk requests of at most ITEM_FIGURES_PER_REQUEST transactions', async () => {
    const before = sim.stats().bulkRequests;
    const items = Array.from({ length: 120 }, (_, i) => `MANY${i}`);
    await readItemFigures(m3, items, ['A10']);
    expect(sim.stats().bulkRequests - before).toBe(Math.ceil((items.length * 2) / ITEM_FIGURES_PER_REQUEST));
  });

  it('resends what M3 did not process when a bulk request stops at its first failure', async () => {
    await post('/_sim/faults', { bulkStopOnFailure: true });
    const figures = await readItemFigures(m3, ['UNKNOWN', 'OPEN', 'BLOCKED'], ['A10', 'E10']);
    expect(Object.fromEntries(figures.statuses)).toEqual({ OPEN: '20', BLOCKED: '90' });
    expect(figures.balances.map((b) => `${b.ITNO}/${b.WHLO}=${b.AV01}`)).toEqual(['OPEN/A10=7', 'OPEN/E10=0', 'BLOCKED/A10=3']);
  });
});
