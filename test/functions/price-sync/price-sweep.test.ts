import { loadMappings } from '../../../core/mapping/load-mappings';
import { PermanentError } from '../../../core/errors';
import type { MiExecutor } from '../../../connectors/m3';
import { prepareFeed, recordResults, submitFeed, feedStatus } from '../../../functions/inventory-sync/flush-steps';
import { PriceStore } from '../../../functions/price-sync/price-stores';
import { memoryDocuments } from './memory-documents';
import { refreshPrices } from '../../../functions/price-sync/refresh-prices';
import { fakeFlushPorts } from '../inventory-sync/inventory-fakes';

const DE = 'A1PA6795UKMFR9';


/** M3 with one price list AMZDE/EUR whose current version holds `prices` (ITNO → SAPR). */
function m3WithPrices(prices: Record<string, string>): MiExecutor & { calls: string[] } {
  const calls: string[] = [];
  return {
    calls,
    async execute(program: string, transaction: string, params?: unknown) {
      calls.push(`${program}.${transaction}`);
      if (transaction === 'LstPriceList') {
        return [
          { PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20250101', LVDT: '20251231' },
          { PRRF: 'AMZDE', CUCD: 'EUR', FVDT: '20260101', LVDT: '99999999' },
          { PRRF: 'OTHER', CUCD: 'EUR', FVDT: '20260101', LVDT: '99999999' },
        ];
      }
      if (transaction === 'LstBasePrice') return Object.entries(prices).map(([ITNO, SAPR]) => ({ ITNO, SAPR }));
      if (transaction === 'GetBasePrice') {
        const item = String((params as Record<string, string>).ITNO);
        if (prices[item] === undefined) throw new PermanentError(`Item ${item} does not exist`, { code: 'NOT_FOUND', system: 'm3' });
        return [{ ITNO: item, SAPR: prices[item] }];
      }
      throw new Error(`unexpected ${program}.${transaction}`);
    },
  } as MiExecutor & { calls: string[] };
}

function setup(prices: Record<string, string>) {
  const mappings = loadMappings({
    marketplaces: { [DE]: { customer: 'AMZDE', orderType: 'AMZ', facility: 'A01', warehouse: 'E10' } },
    items: { alias: { enabled: false } },
    inventory: { warehouses: { EU: ['E10'] } },
    prices: { sources: { [DE]: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR' } }, maxChangePercent: 30 },
  }, 'test');
  const store = new PriceStore(memoryDocuments());
  const { ports: flush, feeds } = fakeFlushPorts(undefined, { prices: store });
  const m3 = m3WithPrices(prices);
  const sweep = () => refreshPrices({
    mappings: async () => mappings, sellers: [{ sellerId: 'S1', region: 'EU', marketplaceIds: [DE] }], m3,
    pending: store.pending, states: store.states, parked: flush.parked, now: () => new Date('2026-05-17T08:00:00Z'),
  });
  const flushOnce = () => flushOnceWith(flush);
  return { store, flush, feeds, m3, sweep, flushOnce };
}

/** One inventory flush round as the orchestrator runs it: prepare, submit, read the status, record the results. */
async function flushOnceWith(flush: ReturnType<typeof fakeFlushPorts>['ports']) {
  const prepared = await prepareFeed('S1', 'EU', flush);
  if (prepared.kind === 'idle') return prepared;
  const submitted = await submitFeed(prepared.ref, flush);
  if (submitted.kind !== 'submitted') throw new Error('not submitted');
  const status = await feedStatus('S1', prepared.marketplaceId, submitted.feedId, flush);
  return recordResults({ ref: prepared.ref, feedId: submitted.feedId, processingStatus: status.processingStatus, resultFeedDocumentId: status.resultFeedDocumentId }, flush);
}

describe('the price sweep and the flush that carries its prices', () => {
  it('reads the price-list version valid today and sends its prices as purchasable_offer in one feed', async () => {
    const { sweep, flushOnce, feeds, store } = setup({ 'SKU-A': '29.90', 'SKU-B': '12' });
    expect(await sweep()).toMatchObject({ read: 2, buffered: 2, parked: 0, regions: [{ sellerId: 'S1', region: 'EU' }] });
    expect(await flushOnce()).toMatchObject({ parked: 0 });
    expect(feeds.feeds).toHaveLength(1);
    const messages = feeds.feeds[0]!.document.messages as unknown as Array<{ sku: string; patches: Array<{ path: string; value: Array<Record<string, unknown>> }> }>;
    expect(messages.map((m) => [m.sku, m.patches[0]!.path, m.patches[0]!.value[0]])).toEqual([
      ['SKU-A', '/attributes/purchasable_offer', { marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 29.9 }] }] }],
      ['SKU-B', '/attributes/purchasable_offer', expect.objectContaining({ our_price: [{ schedule: [{ value_with_tax: 12 }] }] })],
    ]);
    expect((await store.states.list('S1', 'EU', DE)).get('SKU-A')?.get(DE)).toMatchObject({ accepted: '29.90', sent: '29.90' });
    expect(await store.pending.list('S1', 'EU', DE)).toEqual([]);
  });

  it('sends no feed when nothing changed', async () => {
    const { sweep, flushOnce, feeds } = setup({ 'SKU-A': '29.90' });
    await sweep();
    await flushOnce();
    expect(await sweep()).toMatchObject({ buffered: 0, parked: 0, regions: [] });
    expect(await flushOnce()).toEqual({ kind: 'idle', reason: 'nothing pending' });
    expect(feeds.feeds).toHaveLength(1);
  });

  it('parks a 60 % drop instead of sending it; re-driving the parked item approves that price', async () => {
    const { sweep, flushOnce, feeds, flush, m3 } = setup({ 'SKU-A': '20.00' });
    await sweep();
    await flushOnce();
    (m3 as { execute: MiExecutor['execute'] }).execute = m3WithPrices({ 'SKU-A': '8.00' }).execute;
    expect(await sweep()).toMatchObject({ buffered: 0, parked: 1 });
    const parked = [...flush.parked.items.values()].find((p) => p.flow === 'price-sync')!;
    expect(parked).toMatchObject({ id: `S1:${DE}:SKU-A`, reason: 'PRICE_CHANGE_TOO_LARGE', status: 'parked' });
    expect(await sweep()).toMatchObject({ parked: 0 });
    parked.status = 'redriven';
    expect(await sweep()).toMatchObject({ buffered: 1 });
    await flushOnce();
    expect(feeds.feeds).toHaveLength(2);
    expect(parked.status).toBe('resolved');
  });

  it('reads only the named items with GetBasePrice when an item changed (ItemMaster), skipping items without a price line', async () => {
    const { store, flush, m3 } = setup({ 'SKU-A': '29.90', 'SKU-B': '12' });
    const result = await refreshPrices({
      mappings: async () => loadMappings({
        marketplaces: { [DE]: { customer: 'AMZDE', orderType: 'AMZ', facility: 'A01', warehouse: 'E10' } },
        items: { alias: { enabled: false } },
        prices: { sources: { [DE]: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR' } } },
      }, 'test'),
      sellers: [{ sellerId: 'S1', region: 'EU', marketplaceIds: [DE] }], m3,
      pending: store.pending, states: store.states, parked: flush.parked, now: () => new Date('2026-05-17T08:00:00Z'),
    }, ['SKU-B', 'NO-PRICE']);
    expect(m3.calls).toEqual(['OIS017MI.LstPriceList', 'OIS017MI.GetBasePrice', 'OIS017MI.GetBasePrice']);
    expect(result).toMatchObject({ read: 1, buffered: 1 });
    expect((await store.pending.list('S1', 'EU', DE)).map((p) => [p.sku, p.amount])).toEqual([['SKU-B', '12.00']]);
  });

  it('lets one message per SKU carry the quantity and the price', async () => {
    const { sweep, flushOnce, feeds, flush } = setup({ 'SKU-A': '29.90' });
    await flush.pending.put('S1', 'EU', DE, [{ sku: 'SKU-A', itemNumber: 'SKU-A', quantity: 4 }]);
    await sweep();
    await flushOnce();
    const messages = feeds.feeds[0]!.document.messages as unknown as Array<{ sku: string; patches: Array<{ path: string }> }>;
    expect(messages.map((m) => [m.sku, m.patches.map((p) => p.path)])).toEqual([['SKU-A', ['/attributes/fulfillment_availability', '/attributes/purchasable_offer']]]);
  });
});

describe('the price sweep with the marketplace customer as source (OIS320MI)', () => {
  it('prices each item the SKU table names for the customer, in the marketplace currency, for every SKU of the item', async () => {
    const mappings = loadMappings({
      marketplaces: { [DE]: { customer: 'AMZDE', orderType: 'AMZ', facility: 'A01', warehouse: 'E10' } },
      items: { alias: { enabled: false }, table: { 'DE-KETTLE': 'KETTLE' } },
      prices: { sources: { [DE]: { kind: 'customer', customer: 'AMZDE', currency: 'EUR' } } },
    }, 'test');
    const store = new PriceStore(memoryDocuments());
    const { ports: flush } = fakeFlushPorts(undefined, { prices: store });
    const calls: Array<Record<string, string>> = [];
    const m3 = { async execute(_program: string, _transaction: string, params: Record<string, string>) { calls.push(params); return [{ SAPR: '34.95', CUCD: 'EUR' }]; } } as unknown as MiExecutor;
    const result = await refreshPrices({
      mappings: async () => mappings, sellers: [{ sellerId: 'S1', region: 'EU', marketplaceIds: [DE] }], m3,
      pending: store.pending, states: store.states, parked: flush.parked, now: () => new Date('2026-05-17T08:00:00Z'),
    });
    expect(calls).toEqual([{ CUNO: 'AMZDE', ITNO: 'KETTLE', CUCD: 'EUR' }]);
    expect(result).toMatchObject({ read: 1, buffered: 2 });
    // As for quantities: the table's SKU, and the item number itself under the identity strategy.
    expect((await store.pending.list('S1', 'EU', DE)).map((p) => [p.sku, p.itemNumber, p.currency, p.amount])).toEqual([['DE-KETTLE', 'KETTLE', 'EUR', '34.95'], ['KETTLE', 'KETTLE', 'EUR', '34.95']]);
  });
});

describe('the price sweep with a business (B2B) offer', () => {
  /** M3 with price lists by name (PRRF → ITNO → SAPR), each with one version valid since 2026. */
  function m3WithLists(lists: Record<string, Record<string, string>>): MiExecutor {
    return {
      async execute(_program: string, transaction: string, params?: unknown) {
        if (transaction === 'LstPriceList') return Object.keys(lists).map((PRRF) => ({ PRRF, CUCD: 'EUR', FVDT: '20260101', LVDT: '99999999' }));
        if (transaction === 'LstBasePrice') return Object.entries(lists[String((params as Record<string, string>).PRRF)] ?? {}).map(([ITNO, SAPR]) => ({ ITNO, SAPR }));
        throw new Error(`unexpected ${transaction}`);
      },
    } as MiExecutor;
  }

  function businessSetup(lists: Record<string, Record<string, string>>, business: unknown) {
    const mappings = loadMappings({
      marketplaces: { [DE]: { customer: 'AMZDE', orderType: 'AMZ', facility: 'A01', warehouse: 'E10' } },
      items: { alias: { enabled: false } },
      inventory: { warehouses: { EU: ['E10'] } },
      prices: { sources: { [DE]: { kind: 'price-list', priceList: 'AMZDE', currency: 'EUR', business } }, maxChangePercent: 30 },
    }, 'test');
    const store = new PriceStore(memoryDocuments());
    const { ports: flush, feeds } = fakeFlushPorts(undefined, { prices: store });
    const ports = {
      mappings: async () => mappings, sellers: [{ sellerId: 'S1', region: 'EU' as const, marketplaceIds: [DE] }], m3: m3WithLists(lists),
      pending: store.pending, states: store.states, parked: flush.parked, now: () => new Date('2026-05-17T08:00:00Z'),
    };
    const flushOnce = () => flushOnceWith(flush);
    return { ports, store, flush, feeds, flushOnce };
  }

  it('sends the business price with percentage tiers beside the consumer price and records each offer on its own', async () => {
    const { ports, store, feeds, flushOnce } = businessSetup({ AMZDE: { 'SKU-A': '20' }, AMZDEB2B: { 'SKU-A': '18' } }, { priceList: 'AMZDEB2B', tiers: [{ lowerBound: 5, percentOff: '5' }, { lowerBound: 10, percentOff: '10' }] });
    expect(await refreshPrices(ports)).toMatchObject({ read: 2, buffered: 2, parked: 0 });
    await flushOnce();
    const messages = feeds.feeds[0]!.document.messages as unknown as Array<{ sku: string; patches: Array<{ value: Array<Record<string, unknown>> }> }>;
    expect(messages.map((m) => m.patches[0]!.value)).toEqual([[
      { marketplace_id: DE, currency: 'EUR', audience: 'ALL', our_price: [{ schedule: [{ value_with_tax: 20 }] }] },
      {
        marketplace_id: DE, currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 18 }] }],
        quantity_discount_plan: [{ schedule: [{ discount_type: 'percent', levels: [{ lower_bound: 5, value: 5 }, { lower_bound: 10, value: 10 }] }] }],
      },
    ]]);
    const states = (await store.states.list('S1', 'EU', DE)).get('SKU-A');
    expect(states?.get(DE)).toMatchObject({ accepted: '20.00' });
    expect(states?.get(`${DE}|B2B`)).toMatchObject({ accepted: '18.00; percent 5:5.00 10:10.00' });
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 0 });
  });

  it('parks a business price drop beyond the allowed change under its own id; re-driving approves that offer', async () => {
    const lists = { AMZDE: { 'SKU-A': '20' }, AMZDEB2B: { 'SKU-A': '18' } };
    const { ports, flush, feeds, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B' });
    await refreshPrices(ports);
    await flushOnce();
    lists.AMZDEB2B['SKU-A'] = '9';
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 1 });
    const parked = [...flush.parked.items.values()].find((p) => p.flow === 'price-sync')!;
    expect(parked).toMatchObject({ id: `S1:${DE}:SKU-A:B2B`, reason: 'PRICE_CHANGE_TOO_LARGE', status: 'parked' });
    parked.status = 'redriven';
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 1 });
    await flushOnce();
    expect(feeds.feeds).toHaveLength(2);
    const second = feeds.feeds[1]!.document.messages as unknown as Array<{ patches: Array<{ value: Array<Record<string, unknown>> }> }>;
    expect(second[0]!.patches[0]!.value).toEqual([{ marketplace_id: DE, currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 9 }] }], quantity_discount_plan: null }]);
    expect(parked.status).toBe('resolved');
  });

  /** The patches of the last feed's messages, per SKU. */
  const lastPatches = (feeds: { feeds: Array<{ document: { messages: unknown[] } }> }) => Object.fromEntries(
    (feeds.feeds[feeds.feeds.length - 1]!.document.messages as Array<{ sku: string; patches: unknown[] }>).map((m) => [m.sku, m.patches]));

  it('removes a business offer whose price-list line is gone with a delete of its selectors; Amazon then holds none', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '20', 'SKU-B': '30' }, AMZDEB2B: { 'SKU-A': '18', 'SKU-B': '27' } };
    const { ports, store, feeds, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B' });
    await refreshPrices(ports);
    await flushOnce();
    delete lists.AMZDEB2B!['SKU-A'];
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 1, parked: 0 });
    await flushOnce();
    expect(lastPatches(feeds)).toEqual({ 'SKU-A': [{ op: 'delete', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', audience: 'B2B' }] }] });
    expect((await store.states.list('S1', 'EU', DE)).get('SKU-A')?.get(`${DE}|B2B`)).toMatchObject({ sent: 'REMOVE', accepted: '' });
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 0 });
    // M3 prices it again: a new business offer.
    lists.AMZDEB2B!['SKU-A'] = '17';
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 1 });
  });

  it('clears the quantity tiers M3 dropped with quantity_discount_plan null on the B2B offer', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '20' }, AMZDEB2B: { 'SKU-A': '18' }, AMZDEB5: { 'SKU-A': '17' } };
    const { ports, feeds, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B', tiers: [{ lowerBound: 5, priceList: 'AMZDEB5' }] });
    await refreshPrices(ports);
    await flushOnce();
    delete lists.AMZDEB5!['SKU-A'];
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 1 });
    await flushOnce();
    expect(lastPatches(feeds)).toEqual({ 'SKU-A': [{ op: 'merge', path: '/attributes/purchasable_offer', value: [{ marketplace_id: DE, currency: 'EUR', audience: 'B2B', our_price: [{ schedule: [{ value_with_tax: 18 }] }], quantity_discount_plan: null }] }] });
  });

  it('never removes business offers on an empty read of the business price list: parks them for one approval, which releases exactly them', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '20', 'SKU-B': '30' }, AMZDEB2B: { 'SKU-A': '18', 'SKU-B': '27' } };
    const { ports, flush, feeds, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B' });
    await refreshPrices(ports);
    await flushOnce();
    lists.AMZDEB2B = {};
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 1 });
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 0 });
    const parked = [...flush.parked.items.values()].find((p) => p.flow === 'price-sync')!;
    expect(parked).toMatchObject({ id: `S1:${DE}:B2B-REMOVALS`, reason: 'EMPTY_BUSINESS_PRICE_LIST', status: 'parked', source: { count: 2, skus: ['SKU-A', 'SKU-B'] } });
    parked.status = 'redriven';
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 2 });
    expect(parked.status).toBe('resolved');
    await flushOnce();
    expect(Object.keys(lastPatches(feeds))).toEqual(['SKU-A', 'SKU-B']);
  });

  it('parks the removals when the business price list has no version valid today, and resolves them when M3 lists the prices again', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '20' }, AMZDEB2B: { 'SKU-A': '18' } };
    const { ports, flush, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B' });
    await refreshPrices(ports);
    await flushOnce();
    delete lists.AMZDEB2B;
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 1 });
    lists.AMZDEB2B = { 'SKU-A': '18' };
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 0, parked: 0 });
    expect([...flush.parked.items.values()].find((p) => p.id === `S1:${DE}:B2B-REMOVALS`)?.status).toBe('resolved');
  });

  it('removes nothing when M3 cannot be read: the sweep fails and the buffer stays empty', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '20' }, AMZDEB2B: { 'SKU-A': '18' } };
    const { ports, store, flushOnce } = businessSetup(lists, { priceList: 'AMZDEB2B' });
    await refreshPrices(ports);
    await flushOnce();
    const failing = { ...ports, m3: { async execute() { throw new Error('M3 is down'); } } as unknown as MiExecutor };
    await expect(refreshPrices(failing)).rejects.toThrow('M3 is down');
    expect(await store.pending.list('S1', 'EU', DE)).toEqual([]);
  });

  it('derives the business price from the consumer price with percentOff, rounded half up to cents', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '10.05', 'SKU-B': '19.99' } };
    const { ports, store } = businessSetup(lists, { percentOff: '50' });
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 4, parked: 0 });
    expect((await store.pending.list('S1', 'EU', DE)).filter((p) => p.audience === 'B2B').map((p) => [p.sku, p.amount])).toEqual([['SKU-A', '5.03'], ['SKU-B', '10.00']]);
  });

  it('holds a percentOff business price to the same guardrails: below the floor it is parked', async () => {
    const lists: Record<string, Record<string, string>> = { AMZDE: { 'SKU-A': '10.00' } };
    const { ports, flush } = businessSetup(lists, { percentOff: '60', floor: '5' });
    expect(await refreshPrices(ports)).toMatchObject({ buffered: 1, parked: 1 });
    expect([...flush.parked.items.values()].find((p) => p.flow === 'price-sync')).toMatchObject({ id: `S1:${DE}:SKU-A:B2B`, reason: 'BELOW_FLOOR' });
    // M3 drops the item: the parked business offer has nothing left to approve.
    delete lists.AMZDE!['SKU-A'];
    lists.AMZDE!['SKU-B'] = '10.00';
    await refreshPrices(ports);
    expect([...flush.parked.items.values()].find((p) => p.id === `S1:${DE}:SKU-A:B2B`)?.status).toBe('resolved');
  });
});
