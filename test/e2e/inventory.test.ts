import { createTableAccess, ParkedStore } from '../../connectors/storage';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, m3Violations, postJson, startTestSandbox } from './sandbox-support';
import { listingsBySku, listingsFeeds, mappingsWithInventory, whenInventoryFlushed } from './inventory-support';

const US = 'ATVPDKIKX0DER';
const SELLER = 'A1INVBURST0001';
const COUNT = 10_000;
const ITEMS = Array.from({ length: COUNT }, (_, i) => `IB${String(i).padStart(5, '0')}`);
/** on-hand and allocated per item: available = STQT − ALQT − safety stock 2, capped at 500. */
const stock = (i: number): { STQT: string; ALQT: string } => ({ STQT: String((i % 700) + 3), ALQT: String(i % 3) });
const expected = (i: number): number => Math.min(500, Math.max(0, (i % 700) + 3 - (i % 3) - 2));

describe('inventory sync end to end (balance sweep → one JSON_LISTINGS_FEED)', () => {
  let sandbox: Sandbox;
  let parked: ParkedStore;

  beforeAll(async () => {
    const mappings = mappingsWithInventory({ warehouses: { [US]: ['A10'] }, safetyStock: { default: 2 }, cap: 500 });
    sandbox = await startTestSandbox({ sellerId: SELLER, env: { MAPPINGS_PATH: mappings } });
    parked = new ParkedStore(createTableAccess(sandbox.connectionString));
    await postJson(`${sandbox.m3.url}/_sim/items`, ITEMS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
    await postJson(`${sandbox.m3.url}/_sim/balances`, ITEMS.map((ITNO, i) => ({ ITNO, WHLO: 'A10', ...stock(i) })));
    await postJson(`${sandbox.amazon.url}/_sim/listings`, ITEMS.map((sku) => ({ sku, productType: 'KITCHEN', quantity: 0 })));
  }, 120_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('sends 10,000 changed SKUs as one feed and Amazon ends with the M3 available-to-sell of each', async () => {
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.processingStatus).toBe('DONE');
    expect(feeds[0]!.messages).toHaveLength(COUNT);
    expect(feeds[0]!.messages[0]!.patches![0]!.op).toBe('merge');
    const listings = await listingsBySku(sandbox.amazon.url);
    const wrong = ITEMS.filter((sku, i) => listings.get(sku)?.quantity !== expected(i));
    expect(wrong).toEqual([]);
  }, 120_000);

  it('sends no feed when the balances are the same again', async () => {
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(1);
  }, 120_000);

  it('sends only the changed SKUs and parks the one Amazon refuses under its SKU with Amazon\'s code', async () => {
    await postJson(`${sandbox.m3.url}/_sim/items`, [{ ITNO: 'IBNOLISTING', ITDS: 'Not on Amazon', STAT: '20' }]);
    await postJson(`${sandbox.m3.url}/_sim/balances`, [
      { ITNO: ITEMS[1]!, WHLO: 'A10', STQT: '40', ALQT: '0' },
      { ITNO: ITEMS[2]!, WHLO: 'A10', STQT: '41', ALQT: '0' },
      { ITNO: 'IBNOLISTING', WHLO: 'A10', STQT: '9', ALQT: '0' },
    ]);
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(2);
    expect(feeds[1]!.messages.map((m) => m.sku).sort()).toEqual([ITEMS[1], ITEMS[2], 'IBNOLISTING'].sort());
    const listings = await listingsBySku(sandbox.amazon.url);
    expect(listings.get(ITEMS[1]!)?.quantity).toBe(38);
    expect(listings.get(ITEMS[2]!)?.quantity).toBe(39);
    const refused = (await parked.list({ flow: 'inventory-sync', status: 'parked' })).filter((p) => p.id.startsWith('A1INVBURST0001:'));
    expect(refused.map((p) => p.id)).toEqual(['A1INVBURST0001:NA:IBNOLISTING']);
    expect(refused[0]!.reason).toBe('4000005');

    // The refused value is not re-sent by every sweep.
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(2);
  }, 120_000);

  it('made every SP-API request the way the official models describe it', async () => {
    expect(await getJson<unknown[]>(`${sandbox.amazon.url}/_sim/violations`)).toEqual([]);
  });

  it('made every M3 MI call the way the MI repository describes it (no unknown, over-long or missing fields)', async () => {
    expect(await m3Violations(sandbox)).toEqual([]);
  });
});
