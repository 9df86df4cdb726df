/**
 * Crash suite, inventory: M items with M3 balances, rounds of "change some balances → run m3-balance-sweep" with the
 * host process SIGKILLed at a seeded moment of each round (in the sweep, in the flush, or between), then the next
 * scheduled sweep → every Amazon quantity equals M3's available-to-sell per the shipped mappings (NA: warehouse A10,
 * safety stock 0, allocation 100%). Quantities are absolute, so a re-sent feed is harmless; a lost one is not.
 */
import { performance } from 'node:perf_hooks';
import { z } from 'zod';
import { availableToSell, type WarehouseBalance } from '../core/inventory';
import { ParkedStore, createTableAccess } from '../connectors/storage';
import { BALANCE_SWEEP_TIMER, INVENTORY_FLOW, flushInstanceId } from '../functions/inventory-sync/names';
import type { ScenarioResult } from './chaos-report';
import { getJson, postJson, unfinishedInstances, until, type ChaosSandbox } from './chaos-sandbox';
import { pause } from './host-process';
import { seededRandom, type Random } from './seeded-random';

const US = 'ATVPDKIKX0DER';
const ListingsSchema = z.array(z.object({ sku: z.string(), quantity: z.number().nullable() }).passthrough());
const FlushStatusSchema = z.object({ runtimeStatus: z.string(), customStatus: z.object({ state: z.string().optional() }).passthrough().nullable().optional() }).passthrough();
const FeedsSchema = z.array(z.object({ feedType: z.string(), processingStatus: z.string() }).passthrough());

export interface CrashInventoryOptions { seed: number; items: number; kills: number; log: (line: string) => void }

interface Balance { ITNO: string; WHLO: string; STQT: string; ALQT: string }

function randomBalance(itemNumber: string, warehouse: string, random: Random): Balance {
  const onHand = Math.floor(random() * 400);
  // Now and then more allocated than on hand: available-to-sell is then 0, never negative.
  const allocated = random() < 0.1 ? onHand + Math.floor(random() * 5) : Math.floor(random() * (onHand / 3));
  return { ITNO: itemNumber, WHLO: warehouse, STQT: String(onHand), ALQT: String(allocated) };
}

/** What M3 says each SKU may sell on amazon.com, through the same formula and mappings the app uses. */
function expectedQuantities(sandbox: ChaosSandbox, items: readonly string[], balances: ReadonlyMap<string, Balance>): Map<string, number> {
  const all: WarehouseBalance[] = [...balances.values()].map((b) => ({ itemNumber: b.ITNO, warehouse: b.WHLO, onHand: Number(b.STQT), allocated: Number(b.ALQT) }));
  return new Map(items.map((item) => [item, availableToSell(all.filter((b) => b.itemNumber === item), sandbox.services.mappings.inventory, { sku: item, itemNumber: item, marketplace: US })]));
}

/** POST /admin/functions/<timer> with the master key (Azure's manual run), retried while the host restarts. */
async function runTimer(sandbox: ChaosSandbox, name: string): Promise<void> {
  for (let attempt = 0; attempt < 600; attempt++) {
    try {
      const response = await fetch(`${sandbox.host().url}/admin/functions/${name}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-functions-key': sandbox.masterKey }, body: '{"input":""}' });
      await response.text();
      if (response.status === 202) return;
    } catch {
      // down for a restart
    }
    await pause(100);
  }
  throw new Error(`${name}: the host did not accept the run within a minute`);
}

/** Runs the sweep on the current host and waits for its "inventory.swept" line; false if the host died first. */
async function sweepOnce(sandbox: ChaosSandbox): Promise<boolean> {
  const host = sandbox.host();
  const before = host.output.filter((l) => l.includes('inventory.swept')).length;
  await runTimer(sandbox, BALANCE_SWEEP_TIMER);
  return until(async () => sandbox.host() !== host || host.output.filter((l) => l.includes('inventory.swept')).length > before, 60_000, 100)
    .then((done) => done && sandbox.host() === host);
}

/** Where the NA flush stood just before a kill (runtime status and the state it reports), for the run's log. */
async function flushState(sandbox: ChaosSandbox): Promise<string> {
  try {
    const response = await fetch(`${sandbox.host().url}/runtime/webhooks/durabletask/instances/${encodeURIComponent(flushInstanceId(sandbox.services.sellerId, 'NA'))}`, { headers: { 'x-functions-key': sandbox.masterKey } });
    if (response.status === 404) return 'not started';
    const status = FlushStatusSchema.parse(await response.json());
    return `${status.runtimeStatus}${status.customStatus?.state ? ` (${status.customStatus.state})` : ''}`;
  } catch {
    return 'unknown';
  }
}

export async function crashInventory(sandbox: ChaosSandbox, options: CrashInventoryOptions): Promise<ScenarioResult> {
  const started = performance.now();
  const random = seededRandom(options.seed + 9);
  const { m3, amazon } = sandbox.services;
  const items = Array.from({ length: options.items }, (_, i) => `CINV${String(i + 1).padStart(5, '0')}`);
  const balances = new Map<string, Balance>();
  const setBalances = async (list: Balance[]): Promise<void> => {
    for (const b of list) balances.set(`${b.WHLO}|${b.ITNO}`, b);
    await postJson(`${m3.url}/_sim/balances`, list);
  };
  const idle = async (): Promise<boolean> => {
    const running = await unfinishedInstances(sandbox);
    return running !== undefined && running.length === 0;
  };

  await postJson(`${m3.url}/_sim/items`, items.map((ITNO) => ({ ITNO, ITDS: `Chaos stock ${ITNO}`, STAT: '20' })));
  // Amazon keeps a listing per marketplace: the seller has each SKU listed in every marketplace it sells in.
  const marketplaceIds = z.array(z.object({ marketplaceIds: z.array(z.string()) }).passthrough()).parse(JSON.parse(sandbox.services.env.SPAPI_SELLERS ?? '[]')).flatMap((s) => s.marketplaceIds);
  await postJson(`${amazon.url}/_sim/listings`, marketplaceIds.flatMap((marketplaceId) => items.map((sku) => ({ sku, marketplaceId, productType: 'PRODUCT', quantity: 0 }))));
  // Every item in A10 (synced for amazon.com); some also in E10, which the NA channel must not count.
  await setBalances([...items.map((i) => randomBalance(i, 'A10', random)), ...items.filter(() => random() < 0.2).map((i) => randomBalance(i, 'E10', random))]);

  // One kill per round, a seeded moment after the sweep starts: in the sweep, in the flush (prepare, submit, polls, record) or after.
  const rounds = Array.from({ length: options.kills }, () => ({ changeShare: 0.1 + random() * 0.4, delay: Math.floor(random() * 2500) }));
  options.log(`crash-inventory seed ${options.seed}: ${items.length} items, ${rounds.length} rounds, SIGKILL ${rounds.map((r) => `${r.delay}ms`).join(', ')} after each round's sweep`);
  let kills = 0;
  for (const round of rounds) {
    const changed = items.filter(() => random() < round.changeShare);
    await setBalances(changed.map((i) => randomBalance(i, 'A10', random)));
    await runTimer(sandbox, BALANCE_SWEEP_TIMER);
    await pause(round.delay);
    const at = await flushState(sandbox);
    await sandbox.crash();
    kills++;
    options.log(`  crash-inventory: kill ${kills} (${changed.length} balances changed) with the NA flush ${at}`);
  }

  // The next scheduled sweep after the last restart, on a host left alone.
  await until(idle, 120_000, 250);
  const swept = await sweepOnce(sandbox);
  const settled = await until(idle, 300_000, 250);

  const expected = expectedQuantities(sandbox, items, balances);
  const listings = new Map(ListingsSchema.parse(await getJson<unknown>(`${amazon.url}/_sim/listings?marketplaceId=ATVPDKIKX0DER`)).map((l) => [l.sku, l.quantity]));
  const wrong = items.filter((sku) => listings.get(sku) !== expected.get(sku));
  const parked = (await new ParkedStore(createTableAccess(sandbox.services.connectionString)).list({ flow: INVENTORY_FLOW, status: 'parked' }))
    .filter((p) => p.id.startsWith(`${sandbox.services.sellerId}:`));
  const feeds = FeedsSchema.parse(await getJson<unknown>(`${amazon.url}/_sim/feeds`)).filter((f) => f.feedType === 'JSON_LISTINGS_FEED');
  const stuck = (await unfinishedInstances(sandbox)) ?? ['(host not answering)'];
  return {
    name: 'crash-inventory', seed: options.seed, injected: kills, expected: items.length, actual: items.length - wrong.length, lost: wrong.length, duplicated: 0,
    checks: [
      { name: 'final sweep ran', ok: swept },
      { name: 'settled', ok: settled },
      {
        name: 'Amazon quantity = M3 available-to-sell', ok: wrong.length === 0,
        detail: wrong.slice(0, 5).map((sku) => `${sku}: Amazon ${String(listings.get(sku))}, M3 ${String(expected.get(sku))}`).join(', '),
      },
      { name: 'nothing parked', ok: parked.length === 0, detail: parked.slice(0, 5).map((p) => `${p.id} ${p.reason}`).join(', ') },
      { name: 'no instance stuck', ok: stuck.length === 0, detail: stuck.slice(0, 5).join(', ') },
      { name: 'listings feeds', ok: true, detail: `${feeds.length} feeds (${feeds.filter((f) => f.processingStatus === 'DONE').length} DONE)` },
    ],
    seconds: (performance.now() - started) / 1000,
  };
}
