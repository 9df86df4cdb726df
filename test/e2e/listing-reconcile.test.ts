import { main } from '../../cli/main';
import type { Sandbox } from '../../local/sandbox/sandbox';
import { getJson, postJson, startTestSandbox } from './sandbox-support';
import { listingsBySku, mappingsWithInventory, whenInventoryFlushed } from './inventory-support';

const US = 'ATVPDKIKX0DER';
const SELLER = 'A1LISTRECON01';

function itemMasterBod(o: { item: string; variation: number; status: string; title: string }): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<SyncItemMaster xmlns="http://schema.infor.com/InforOAGIS/2" releaseID="9.2" versionID="2.14.3" languageCode="GB">
  <ApplicationArea><Sender><LogicalID>lid://infor.m3.m3</LogicalID><ComponentID>M3BE</ComponentID></Sender>
    <CreationDateTime>2026-01-0${o.variation}T06:00:00.000Z</CreationDateTime><BODID>lr-${o.item}-${o.variation}</BODID></ApplicationArea>
  <DataArea><Sync><AccountingEntityID>300</AccountingEntityID><ActionCriteria><ActionExpression actionCode="Replace"/></ActionCriteria></Sync>
    <ItemMaster><ItemMasterHeader>
      <ItemID><ID accountingEntity="300" variationID="${o.variation}" lid="lid://infor.m3.m3">${o.item}</ID></ItemID>
      <Description languageID="GB">${o.title}</Description>
      <Classification type="Item Group"><Codes><Code>KITCHEN</Code></Codes></Classification>
      <Specification><Property><NameValue name="Brand">Acme</NameValue></Property></Specification>
      <ItemStatus><Code>${o.status}</Code></ItemStatus>
      <BaseUOMCode>EA</BaseUOMCode>
    </ItemMasterHeader></ItemMaster>
  </DataArea>
</SyncItemMaster>`;
}

async function postBod(sandbox: Sandbox, xml: string): Promise<void> {
  const response = await fetch(`${sandbox.url}/api/ion/bods`, { method: 'POST', headers: { 'content-type': 'application/xml', 'x-api-key': sandbox.intakeKey }, body: xml });
  expect(response.status).toBe(202);
}

async function reconcile(sandbox: Sandbox, ...extra: string[]): Promise<Array<{ sku: string; m3: number; amazon: number | null; difference: number | null }>> {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    const code = await main(['reconcile', 'inventory', '--url', sandbox.url, '--key', sandbox.opsKey, '--marketplace', US, '--format', 'json', '--page-size', '3', ...extra]);
    expect(code).toBe(0);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return JSON.parse(out.join('')) as Array<{ sku: string; m3: number; amazon: number | null; difference: number | null }>;
}

describe('item listing and inventory reconciliation end to end', () => {
  let sandbox: Sandbox;

  beforeAll(async () => {
    const mappings = mappingsWithInventory({ warehouses: { [US]: ['A10'] } });
    sandbox = await startTestSandbox({ sellerId: SELLER, env: { MAPPINGS_PATH: mappings } });
  }, 60_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('creates the listing from an ItemMaster BOD, patches it on a change, and offers 0 once the item is blocked', async () => {
    await postJson(`${sandbox.m3.url}/_sim/items`, [{ ITNO: 'LRKETTLE', ITDS: 'Kettle', STAT: '20' }]);
    await postBod(sandbox, itemMasterBod({ item: 'LRKETTLE', variation: 1, status: '20', title: 'Kettle 1.7 l' }));
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    let listing = (await listingsBySku(sandbox.amazon.url)).get('LRKETTLE');
    expect(listing?.attributes.item_name).toEqual([{ value: 'Kettle 1.7 l', language_tag: 'en_US', marketplace_id: US }]);
    expect(listing?.attributes.brand).toEqual([{ value: 'Acme', language_tag: 'en_US', marketplace_id: US }]);

    await postBod(sandbox, itemMasterBod({ item: 'LRKETTLE', variation: 2, status: '20', title: 'Kettle 1.7 l steel' }));
    await sandbox.host.whenIdle({ timeoutMs: 60_000 });
    listing = (await listingsBySku(sandbox.amazon.url)).get('LRKETTLE');
    expect(listing?.attributes.item_name).toEqual([{ value: 'Kettle 1.7 l steel', language_tag: 'en_US', marketplace_id: US }]);

    await postJson(`${sandbox.m3.url}/_sim/balances`, [{ ITNO: 'LRKETTLE', WHLO: 'A10', STQT: '12', ALQT: '2' }]);
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    expect((await listingsBySku(sandbox.amazon.url)).get('LRKETTLE')?.quantity).toBe(10);

    // The item is blocked in M3, which publishes the change as an ItemMaster BOD.
    await postJson(`${sandbox.m3.url}/_sim/items`, [{ ITNO: 'LRKETTLE', ITDS: 'Kettle', STAT: '90' }]);
    await postBod(sandbox, itemMasterBod({ item: 'LRKETTLE', variation: 3, status: '90', title: 'Kettle 1.7 l steel' }));
    await whenInventoryFlushed(sandbox, SELLER);
    expect((await listingsBySku(sandbox.amazon.url)).get('LRKETTLE')?.quantity).toBe(0);
    // The sweep agrees: a blocked item stays at 0.
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    expect((await listingsBySku(sandbox.amazon.url)).get('LRKETTLE')?.quantity).toBe(0);
  }, 120_000);

  it('reconcile finds every discrepancy injected into Amazon and --fix corrects them', async () => {
    const items = ['LRA', 'LRB', 'LRC', 'LRD', 'LRE'];
    await postJson(`${sandbox.m3.url}/_sim/items`, items.map((ITNO) => ({ ITNO, ITDS: ITNO, STAT: '20' })));
    await postJson(`${sandbox.m3.url}/_sim/balances`, items.map((ITNO, i) => ({ ITNO, WHLO: 'A10', STQT: String(10 + i), ALQT: '0' })));
    await postJson(`${sandbox.amazon.url}/_sim/listings`, items.map((sku) => ({ sku, quantity: 0 })));
    await sandbox.host.invokeTimer('m3-balance-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
    expect(await reconcile(sandbox)).toEqual([]);

    // Someone edits quantities in Seller Central: Amazon now disagrees with M3 for two SKUs.
    await postJson(`${sandbox.amazon.url}/_sim/listings`, [{ sku: 'LRB', quantity: 99 }, { sku: 'LRE', quantity: 1 }]);
    const found = await reconcile(sandbox);
    expect(found.map((r) => [r.sku, r.m3, r.amazon, r.difference])).toEqual([['LRB', 11, 99, -88], ['LRE', 14, 1, 13]]);

    await reconcile(sandbox, '--fix');
    await whenInventoryFlushed(sandbox, SELLER);
    const listings = await listingsBySku(sandbox.amazon.url);
    expect(listings.get('LRB')?.quantity).toBe(11);
    expect(listings.get('LRE')?.quantity).toBe(14);
    expect(await reconcile(sandbox)).toEqual([]);
    expect(await getJson<unknown[]>(`${sandbox.amazon.url}/_sim/violations`)).toEqual([]);
  }, 120_000);
});
