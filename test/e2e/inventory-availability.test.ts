/**
 * Available-to-sell comes from M3's own figures: the item status M3 holds (no BOD needed) and the allocatable net
 * (AV01) per warehouse, so blocked items, quarantined stock and over-allocated warehouses are never offered.
 */
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, m3Violations, postJson, startTestSandbox } from './sandbox-support';
import { listingsBySku, listingsFeeds, mappingsWithInventory, whenInventoryFlushed } from './inventory-support';

const US = 'ATVPDKIKX0DER';
const SELLER = 'A1AVAILABLE001';

describe('available-to-sell from M3\'s status and allocatable figures (end to end)', () => {
  let sandbox: Sandbox;

  const sweep = async (): Promise<void> => {
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
  };

  beforeAll(async () => {
    const mappings = mappingsWithInventory({ warehouses: { [US]: ['A10', 'E10'] } });
    sandbox = await startTestSandbox({ sellerId: SELLER, env: { MAPPINGS_PATH: mappings } });
    const seeded = await postJson(`${sandbox.m3.url}/_sim/items`, [
      { ITNO: 'AV-BLOCKED', ITDS: 'Blocked before go-live', STAT: '90' },
      { ITNO: 'AV-QUARANTINE', ITDS: 'Mostly in quarantine', STAT: '20' },
      { ITNO: 'AV-OVERALLOC', ITDS: 'Over-allocated in A10', STAT: '20' },
    ]);
    expect(seeded.status).toBe(200);
    await postJson(`${sandbox.m3.url}/_sim/balances`, [
      { ITNO: 'AV-BLOCKED', WHLO: 'A10', STQT: '25', ALQT: '0' },
      { ITNO: 'AV-QUARANTINE', WHLO: 'A10', WHSL: 'PICK-01', STQT: '4', ALQT: '0' },
      { ITNO: 'AV-QUARANTINE', WHLO: 'A10', WHSL: 'QUARANT', STQT: '30', ALQT: '0', allocatable: false },
      { ITNO: 'AV-OVERALLOC', WHLO: 'A10', STQT: '2', ALQT: '5' },
      { ITNO: 'AV-OVERALLOC', WHLO: 'E10', STQT: '10', ALQT: '0' },
    ]);
    // Amazon still offers the blocked item from before: no ItemMaster BOD ever told the app.
    await postJson(`${sandbox.amazon.url}/_sim/listings`, ['AV-BLOCKED', 'AV-QUARANTINE', 'AV-OVERALLOC'].map((sku) => ({ sku, productType: 'KITCHEN', quantity: sku === 'AV-BLOCKED' ? 25 : 0 })));
    await sweep();
  }, 120_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('offers 0 for an item blocked in M3 after one sweep, without any ItemMaster BOD', async () => {
    expect((await listingsBySku(sandbox.amazon.url)).get('AV-BLOCKED')?.quantity).toBe(0);
  });

  it('does not offer stock in a non-allocatable location', async () => {
    expect((await listingsBySku(sandbox.amazon.url)).get('AV-QUARANTINE')?.quantity).toBe(4);
  });

  it('offers what M3\'s allocatable net says when allocations exceed on-hand in one warehouse (−3 in A10 + 10 in E10)', async () => {
    expect((await listingsBySku(sandbox.amazon.url)).get('AV-OVERALLOC')?.quantity).toBe(7);
  });

  it('sends no feed when nothing changed in M3', async () => {
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
  }, 120_000);

  it('made every M3 and SP-API call the way the MI repository and the official models describe it', async () => {
    expect(await m3Violations(sandbox)).toEqual([]);
    expect(await getJson<string[]>(`${sandbox.amazon.url}/_sim/violations`)).toEqual([]);
  });
});
