import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createTableAccess, ParkedStore } from '../../connectors/storage';
import { REPO_ROOT, type Sandbox } from '../../local/sandbox/sandbox';
import { main } from '../../cli/main';
import { getJson, m3Violations, postJson, startTestSandbox } from './sandbox-support';
import { listingsFeeds, whenInventoryFlushed } from './inventory-support';

const DE = 'A1PA6795UKMFR9';
const FR = 'A13V1IB3VIYZZH';
const IT = 'APJ6JRA9NG5V4';
const SELLER = 'A1PRICESELLER01';
const SKUS = ['PR-001', 'PR-002', 'PR-003'];

/**
 * The shipped mappings plus a prices section: DE from the M3 price list AMZDE in EUR, 30 % allowed change; the business
 * (B2B) price from AMZDEB2B, tiers from 5 and 10 pieces from AMZDEB5 and AMZDEB10 (empty until a spec fills them).
 * IT from AMZIT (empty until a spec fills it) with the business price 12.5 % off the consumer price.
 */
function mappingsWithPrices(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'm3sync-price-mappings-'));
  const shipped = JSON.parse(readFileSync(path.join(REPO_ROOT, 'mappings', 'default.json'), 'utf8')) as Record<string, unknown>;
  const business = { priceList: 'AMZDEB2B', tiers: [{ lowerBound: 5, priceList: 'AMZDEB5' }, { lowerBound: 10, priceList: 'AMZDEB10' }] };
  const prices = {
    sources: {
      [DE]: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR', business },
      [IT]: { kind: 'price-list', priceList: 'AMZIT', currency: 'EUR', business: { percentOff: '12.5' } },
    },
    maxChangePercent: 30,
  };
  writeFileSync(path.join(dir, 'default.json'), JSON.stringify({ ...shipped, prices }, null, 2));
  return dir;
}

interface BusinessPrice { currency: string; amount: string; quantityDiscount: { discountType: string; levels: Array<{ lowerBound: number; value: string }> } | null }
interface PricedListing { sku: string; marketplaceId: string; price: { currency: string; amount: string } | null; businessPrice: BusinessPrice | null }

async function pricesOn(amazonUrl: string, marketplaceId: string): Promise<Record<string, string | null>> {
  const listings = await getJson<PricedListing[]>(`${amazonUrl}/_sim/listings?marketplaceId=${marketplaceId}`);
  return Object.fromEntries(listings.filter((l) => SKUS.includes(l.sku)).map((l) => [l.sku, l.price === null ? null : `${l.price.amount} ${l.price.currency}`]));
}

/** The business offer Amazon shows per SKU: "18 EUR; fixed 5:17 10:16" (values as Amazon holds the numbers). */
async function businessPricesOn(amazonUrl: string, marketplaceId: string): Promise<Record<string, string | null>> {
  const listings = await getJson<PricedListing[]>(`${amazonUrl}/_sim/listings?marketplaceId=${marketplaceId}`);
  const text = (b: BusinessPrice): string => `${b.amount} ${b.currency}${b.quantityDiscount === null ? '' : `; ${b.quantityDiscount.discountType} ${b.quantityDiscount.levels.map((l) => `${l.lowerBound}:${l.value}`).join(' ')}`}`;
  return Object.fromEntries(listings.filter((l) => SKUS.includes(l.sku)).map((l) => [l.sku, l.businessPrice === null ? null : text(l.businessPrice)]));
}

const b2bLines = (lines: Array<[string, string, string]>) => lines.map(([PRRF, ITNO, SAPR]) => ({ PRRF, CUCD: 'EUR', ITNO, SAPR, FVDT: '20200101' }));

/** Deletes price-list lines in M3 (the version of 2020-01-01), as a user deleting a line in OIS017. */
async function deleteLines(m3Url: string, lines: Array<[string, string]>): Promise<void> {
  const response = await fetch(`${m3Url}/_sim/prices`, { method: 'DELETE', headers: { 'content-type': 'application/json' }, body: JSON.stringify(lines.map(([PRRF, ITNO]) => ({ PRRF, CUCD: 'EUR', ITNO, FVDT: '20200101' }))) });
  expect(response.status).toBe(200);
}

async function reconcilePrices(sandbox: Sandbox, ...extra: string[]): Promise<Array<{ sku: string; audience: string; m3: string; amazon: string | null }>> {
  const out: string[] = [];
  const write = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => { out.push(String(chunk)); return true; });
  const err = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
  try {
    expect(await main(['reconcile', 'prices', '--url', sandbox.url, '--key', sandbox.opsKey, '--marketplace', DE, '--format', 'json', '--page-size', '2', ...extra])).toBe(0);
  } finally {
    write.mockRestore();
    err.mockRestore();
  }
  return JSON.parse(out.join('')) as Array<{ sku: string; audience: string; m3: string; amazon: string | null }>;
}

describe('prices end to end (M3 price list → price sweep → purchasable_offer in a JSON_LISTINGS_FEED)', () => {
  let sandbox: Sandbox;
  let parked: ParkedStore;

  const sweep = async (): Promise<void> => {
    await sandbox.host.invokeTimer('price-sweep');
    await whenInventoryFlushed(sandbox, SELLER);
  };

  beforeAll(async () => {
    sandbox = await startTestSandbox({ sellerId: SELLER, env: { MAPPINGS_PATH: mappingsWithPrices() } });
    parked = new ParkedStore(createTableAccess(sandbox.connectionString));
    await postJson(`${sandbox.m3.url}/_sim/items`, SKUS.map((ITNO) => ({ ITNO, ITDS: `Item ${ITNO}`, STAT: '20' })));
    await postJson(`${sandbox.m3.url}/_sim/prices`, [
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'PR-001', SAPR: '19.99', FVDT: '20200101' },
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'PR-002', SAPR: '50.00', FVDT: '20200101' },
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'PR-003', SAPR: '7.50', FVDT: '20200101' },
    ]);
    for (const marketplaceId of [DE, FR]) {
      await postJson(`${sandbox.amazon.url}/_sim/listings`, SKUS.map((sku) => ({ sku, marketplaceId, productType: 'PRODUCT', quantity: 1 })));
    }
  }, 120_000);
  afterAll(async () => { await sandbox?.stop(); });

  it('sends M3\'s prices in one feed; Amazon\'s DE listings show them, FR keeps no price', async () => {
    await sweep();
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(1);
    expect(feeds[0]!.processingStatus).toBe('DONE');
    expect(await pricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '19.99 EUR', 'PR-002': '50 EUR', 'PR-003': '7.5 EUR' });
    expect(await pricesOn(sandbox.amazon.url, FR)).toEqual({ 'PR-001': null, 'PR-002': null, 'PR-003': null });
  }, 120_000);

  it('sends no feed when nothing changed', async () => {
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(1);
  }, 120_000);

  it('sends a price change in M3 after one feed, and parks a 60 % drop instead of sending it', async () => {
    await postJson(`${sandbox.m3.url}/_sim/prices`, [
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'PR-001', SAPR: '21.49', FVDT: '20200101' },
      { PRRF: 'AMZDE', CUCD: 'EUR', ITNO: 'PR-002', SAPR: '20.00', FVDT: '20200101' },
    ]);
    await sweep();
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(2);
    expect(feeds[1]!.messages.map((m) => m.sku)).toEqual(['PR-001']);
    expect(await pricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '21.49 EUR', 'PR-002': '50 EUR', 'PR-003': '7.5 EUR' });
    const waiting = await parked.list({ flow: 'price-sync', status: 'parked' });
    expect(waiting.map((p) => [p.id, p.reason])).toEqual([[`${SELLER}:${DE}:PR-002`, 'PRICE_CHANGE_TOO_LARGE']]);
  }, 120_000);

  it('reconciles: lists where Amazon differs from M3, and --fix sends M3\'s prices', async () => {
    const offer = (amount: number) => [{ marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: amount }] }] }];
    await postJson(`${sandbox.amazon.url}/_sim/listings`, [{ sku: 'PR-003', marketplaceId: DE, productType: 'PRODUCT', quantity: 1, attributes: { purchasable_offer: offer(9.99) } }]);
    expect((await reconcilePrices(sandbox)).map((r) => [r.sku, r.m3, r.amazon])).toEqual([['PR-002', '20.00', '50.00'], ['PR-003', '7.50', '9.99']]);
    await reconcilePrices(sandbox, '--fix');
    await whenInventoryFlushed(sandbox, SELLER);
    expect(await pricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '21.49 EUR', 'PR-002': '20 EUR', 'PR-003': '7.5 EUR' });
    expect(await reconcilePrices(sandbox)).toEqual([]);
    await sweep();
    expect(await parked.list({ flow: 'price-sync', status: 'parked' })).toEqual([]);
  }, 120_000);

  it('sends a business price and quantity tiers from M3 in one feed; Amazon\'s listing and getListingsItem show them', async () => {
    await postJson(`${sandbox.m3.url}/_sim/prices`, b2bLines([
      ['AMZDEB2B', 'PR-001', '18.00'], ['AMZDEB5', 'PR-001', '17.00'], ['AMZDEB10', 'PR-001', '16.00'],
      ['AMZDEB2B', 'PR-003', '7.00'],
    ]));
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(before + 1);
    expect(feeds[before]!.messages.map((m) => m.sku)).toEqual(['PR-001', 'PR-003']);
    expect(await businessPricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '18 EUR; fixed 5:17 10:16', 'PR-002': null, 'PR-003': '7 EUR' });
    expect(await pricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '21.49 EUR', 'PR-002': '20 EUR', 'PR-003': '7.5 EUR' });
    // The reconcile reads Amazon's offers with getListingsItem: M3's business offers are what Amazon holds.
    const all = await reconcilePrices(sandbox, '--all');
    expect(all.filter((r) => r.audience === 'B2B').map((r) => [r.sku, r.m3, r.amazon])).toEqual([
      ['PR-001', '18.00; fixed 5:17.00 10:16.00', '18.00; fixed 5:17.00 10:16.00'],
      ['PR-003', '7.00', '7.00'],
    ]);
  }, 120_000);

  it('sends no feed when neither the consumer nor the business prices changed', async () => {
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
  }, 120_000);

  it('parks a tier table whose prices do not fall instead of sending it, and sends it once M3 is corrected', async () => {
    await postJson(`${sandbox.m3.url}/_sim/prices`, b2bLines([['AMZDEB10', 'PR-001', '17.50']]));
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
    const waiting = await parked.list({ flow: 'price-sync', status: 'parked' });
    expect(waiting.map((p) => [p.id, p.reason, p.message])).toEqual([[
      `${SELLER}:${DE}:PR-001:B2B`, 'INVALID_QUANTITY_TIERS',
      'quantity tier prices of SKU PR-001 must fall: 17.50 from 10 pieces is not below the price 17.00 from 5 pieces',
    ]]);
    expect((await businessPricesOn(sandbox.amazon.url, DE))['PR-001']).toBe('18 EUR; fixed 5:17 10:16');
    expect((await reconcilePrices(sandbox)).map((r) => [r.sku, r.audience, r.m3, r.amazon])).toEqual([['PR-001', 'B2B', '18.00; fixed 5:17.00 10:17.50', '18.00; fixed 5:17.00 10:16.00']]);

    await postJson(`${sandbox.m3.url}/_sim/prices`, b2bLines([['AMZDEB10', 'PR-001', '15.50']]));
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before + 1);
    expect((await businessPricesOn(sandbox.amazon.url, DE))['PR-001']).toBe('18 EUR; fixed 5:17 10:15.5');
    expect(await parked.list({ flow: 'price-sync', status: 'parked' })).toEqual([]);
    expect(await reconcilePrices(sandbox)).toEqual([]);
  }, 120_000);

  it('reconciles business offers too: --fix sends M3\'s business offer where Amazon holds another', async () => {
    const offers = [
      { marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 7.5 }] }] },
      { marketplace_id: DE, currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 6.5 }] }] },
    ];
    await postJson(`${sandbox.amazon.url}/_sim/listings`, [{ sku: 'PR-003', marketplaceId: DE, productType: 'PRODUCT', quantity: 1, attributes: { purchasable_offer: offers } }]);
    expect((await reconcilePrices(sandbox)).map((r) => [r.sku, r.audience, r.m3, r.amazon])).toEqual([['PR-003', 'B2B', '7.00', '6.50']]);
    await reconcilePrices(sandbox, '--fix');
    await whenInventoryFlushed(sandbox, SELLER);
    expect((await businessPricesOn(sandbox.amazon.url, DE))['PR-003']).toBe('7 EUR');
    expect(await reconcilePrices(sandbox)).toEqual([]);
  }, 120_000);

  it('removes the business offer of a SKU whose business price M3 deleted: Amazon\'s listing has none after one feed', async () => {
    await deleteLines(sandbox.m3.url, [['AMZDEB2B', 'PR-003']]);
    // Before the sweep the reconcile already shows it: M3 has no business offer where Amazon holds one.
    expect((await reconcilePrices(sandbox)).map((r) => [r.sku, r.audience, r.m3, r.amazon])).toEqual([['PR-003', 'B2B', '', '7.00']]);
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    const feeds = await listingsFeeds(sandbox.amazon.url);
    expect(feeds).toHaveLength(before + 1);
    expect(feeds[before]!.messages.map((m) => m.sku)).toEqual(['PR-003']);
    expect(await businessPricesOn(sandbox.amazon.url, DE)).toEqual({ 'PR-001': '18 EUR; fixed 5:17 10:15.5', 'PR-002': null, 'PR-003': null });
    expect((await pricesOn(sandbox.amazon.url, DE))['PR-003']).toBe('7.5 EUR');
    expect(await reconcilePrices(sandbox)).toEqual([]);
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before + 1);
  }, 120_000);

  it('clears the quantity tiers M3 dropped: Amazon\'s business offer has no tiers after one feed', async () => {
    await deleteLines(sandbox.m3.url, [['AMZDEB5', 'PR-001'], ['AMZDEB10', 'PR-001']]);
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before + 1);
    expect((await businessPricesOn(sandbox.amazon.url, DE))['PR-001']).toBe('18 EUR');
    expect(await reconcilePrices(sandbox)).toEqual([]);
  }, 120_000);

  it('deletes nothing when the business price list reads empty: the removal is parked for approval', async () => {
    await deleteLines(sandbox.m3.url, [['AMZDEB2B', 'PR-001']]);
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
    expect((await businessPricesOn(sandbox.amazon.url, DE))['PR-001']).toBe('18 EUR');
    const waiting = await parked.list({ flow: 'price-sync', status: 'parked' });
    expect(waiting.map((p) => [p.id, p.reason])).toEqual([[`${SELLER}:${DE}:B2B-REMOVALS`, 'EMPTY_BUSINESS_PRICE_LIST']]);
    // The list back in M3: nothing to remove, nothing to send, the parked removal is resolved.
    await postJson(`${sandbox.m3.url}/_sim/prices`, b2bLines([['AMZDEB2B', 'PR-001', '18.00']]));
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
    expect(await parked.list({ flow: 'price-sync', status: 'parked' })).toEqual([]);
  }, 120_000);

  it('derives the business price from the consumer price with percentOff: Amazon\'s listing shows it', async () => {
    await postJson(`${sandbox.amazon.url}/_sim/listings`, SKUS.map((sku) => ({ sku, marketplaceId: IT, productType: 'PRODUCT', quantity: 1 })));
    await postJson(`${sandbox.m3.url}/_sim/prices`, [
      { PRRF: 'AMZIT', CUCD: 'EUR', ITNO: 'PR-001', SAPR: '19.99', FVDT: '20200101' },
      { PRRF: 'AMZIT', CUCD: 'EUR', ITNO: 'PR-002', SAPR: '10.05', FVDT: '20200101' },
    ]);
    await sweep();
    expect(await pricesOn(sandbox.amazon.url, IT)).toEqual({ 'PR-001': '19.99 EUR', 'PR-002': '10.05 EUR', 'PR-003': null });
    // 19.99 less 12.5 % = 17.49125 → 17.49; 10.05 less 12.5 % = 8.79375 → 8.79.
    expect(await businessPricesOn(sandbox.amazon.url, IT)).toEqual({ 'PR-001': '17.49 EUR', 'PR-002': '8.79 EUR', 'PR-003': null });
    const before = (await listingsFeeds(sandbox.amazon.url)).length;
    await sweep();
    expect(await listingsFeeds(sandbox.amazon.url)).toHaveLength(before);
  }, 120_000);

  it('made every SP-API request and M3 MI call the way the official models and the MI repository describe them', async () => {
    expect(await getJson<unknown[]>(`${sandbox.amazon.url}/_sim/violations`)).toEqual([]);
    expect(await m3Violations(sandbox)).toEqual([]);
  });
});
