// Benchmark "prices": N SKUs whose quantity and offer price both changed → guarded price decisions, quantity deltas →
// JSON_LISTINGS_FEED documents where one message per SKU carries both patches (feeds per region, build CPU, peak RSS).
import Decimal from 'decimal.js';
import { planInventoryDeltas } from '../core/inventory/inventory-deltas';
import { buildListingsFeeds, MAX_LISTINGS_FEED_MESSAGES } from '../core/inventory/listings-feed';
import { decidePrice } from '../core/prices/price-plan';
import { feedPrices } from '../functions/price-sync/flush-prices';
import type { SkuOfferPrice } from '../functions/price-sync/price-stores';

export interface PricesBenchResult {
  scenario: 'prices';
  skus: number;
  feeds: number;
  messages: number;
  pricesSent: number;
  parked: number;
  buildCpuSeconds: number;
  peakRssMb: number;
}

const MARKETPLACE = 'ATVPDKIKX0DER';

export async function runPricesBench({ skus = 100000 }: { skus?: number } = {}): Promise<PricesBenchResult> {
  const current = new Map<string, number>();
  const accepted = new Map<string, number>();
  const m3Prices: Array<{ sku: string; amount: string; before: string }> = [];
  for (let i = 0; i < skus; i++) {
    const sku = `ITM${String(i).padStart(9, '0')}`;
    current.set(sku, (i * 7919) % 250);
    accepted.set(sku, ((i * 7919) % 250) + 1);
    // Every price moves by 1–20 %; every 1,000th by 60 % (parked, not sent).
    const before = new Decimal(10 + (i % 500)).plus(0.99);
    const factor = i % 1000 === 999 ? 0.4 : 1 + ((i % 20) + 1) / 100;
    m3Prices.push({ sku, amount: before.times(factor).toFixed(4), before: before.toFixed(2) });
  }

  const cpuBefore = process.cpuUsage();
  const buffered: SkuOfferPrice[] = [];
  let parked = 0;
  for (const p of m3Prices) {
    const decision = decidePrice({ sku: p.sku, itemNumber: p.sku, amount: p.amount }, { accepted: p.before }, { maxChangePercent: 30, floor: '0' });
    if (decision.kind === 'send') buffered.push({ sku: p.sku, itemNumber: p.sku, marketplaceId: MARKETPLACE, currency: 'USD', amount: decision.amount });
    else if (decision.kind === 'park') parked += 1;
  }
  const deltas = planInventoryDeltas(current, accepted);
  // The flush takes one feed's worth at a time: 25,000 quantities and the prices of the same SKUs.
  const pricesBySku = new Map(buffered.map((b) => [b.sku, b]));
  const feeds = [];
  let bytes = 0;
  let pricesSent = 0;
  for (let at = 0; at < deltas.length; at += MAX_LISTINGS_FEED_MESSAGES) {
    const chunk = deltas.slice(at, at + MAX_LISTINGS_FEED_MESSAGES);
    const skusHere = new Set(chunk.map((d) => d.sku));
    const rows = chunk.map((d) => pricesBySku.get(d.sku)).filter((r): r is SkuOfferPrice => r !== undefined);
    const prices = feedPrices(rows, skusHere, MAX_LISTINGS_FEED_MESSAGES);
    pricesSent += prices.carried.length;
    const [feed] = buildListingsFeeds('A3TH9S8BH6GOGM', chunk, { offers: prices.offers });
    if (feed === undefined) continue;
    // Serialising is part of building: the feed document is uploaded as JSON text.
    bytes += JSON.stringify(feed.document).length;
    feeds.push(feed);
  }
  const cpu = process.cpuUsage(cpuBefore);
  if (bytes === 0 && deltas.length > 0) throw new Error('prices bench built empty feeds');

  return {
    scenario: 'prices',
    skus,
    feeds: feeds.length,
    messages: feeds.reduce((n, f) => n + f.document.messages.length, 0),
    pricesSent,
    parked,
    buildCpuSeconds: Math.round(((cpu.user + cpu.system) / 1e6) * 1000) / 1000,
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
}
