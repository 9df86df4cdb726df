/**
 * The price side of an inventory flush round: which buffered prices ride in the feed being prepared (every price of a
 * SKU that already gets a quantity message, then price-only SKUs while the feed has room), what is recorded when the
 * feed is submitted, and the outcome per SKU and marketplace from the processing report.
 */
import type { OfferPrice } from '../../core/prices';
import type { SkuOutcome } from '../../core/inventory';
import type { ParkInput } from '../../connectors/storage';
import type { PreparedFeed } from '../inventory-sync/flush-model';
import { PRICE_FLOW, parkedPriceId } from './names';
import { offerKey, offerValue, type OfferStateUpdate, type PendingPrices, type PriceStates, type SkuOfferPrice } from './price-stores';

export function feedPrices(rows: readonly SkuOfferPrice[], quantitySkus: ReadonlySet<string>, maxMessages: number): { offers: Map<string, OfferPrice[]>; carried: SkuOfferPrice[] } {
  const offers = new Map<string, OfferPrice[]>();
  const carried: SkuOfferPrice[] = [];
  let messages = quantitySkus.size;
  for (const row of rows) {
    if (!offers.has(row.sku) && !quantitySkus.has(row.sku)) {
      if (messages >= maxMessages) continue;
      messages += 1;
    }
    const offer: OfferPrice = row.remove === true
      ? { marketplaceId: row.marketplaceId, currency: row.currency, amount: row.amount, audience: 'B2B', remove: true }
      : row.audience === 'B2B'
      ? { marketplaceId: row.marketplaceId, currency: row.currency, amount: row.amount, audience: 'B2B', discountType: row.discountType ?? 'fixed', tiers: row.tiers ?? [] }
      : { marketplaceId: row.marketplaceId, currency: row.currency, amount: row.amount };
    offers.set(row.sku, [...(offers.get(row.sku) ?? []), offer]);
    carried.push(row);
  }
  return { offers, carried };
}

export function sentPriceStates(prices: PreparedFeed['prices'], feedId: string): OfferStateUpdate[] {
  return prices.map((p) => ({ sku: p.sku, itemNumber: p.itemNumber, key: offerKey(p.marketplaceId, p.audience), fields: { currency: p.currency, sent: offerValue(p), feedId } }));
}

export interface PriceRecordPorts {
  pending: PendingPrices;
  states: PriceStates;
  parked: { park(input: ParkInput): Promise<unknown> };
  counters: { increment(flow: string, outcome: string, by?: number): Promise<void> };
}

/** `outcomes` undefined: the whole feed failed (parked once by the caller); the prices leave the buffer and the next sweep offers them again. */
export async function recordPriceOutcomes(prepared: PreparedFeed, feedId: string, outcomes: readonly SkuOutcome[] | undefined, ports: PriceRecordPorts, now: string): Promise<{ accepted: number; errors: number; parked: number }> {
  const { sellerId, region, group } = prepared;
  let accepted = 0;
  let errors = 0;
  let parked = 0;
  if (outcomes !== undefined) {
    const bySku = new Map(outcomes.map((o) => [o.sku, o]));
    const updates: OfferStateUpdate[] = [];
    for (const price of prepared.prices) {
      const outcome = bySku.get(price.sku);
      if (outcome === undefined) continue;
      if (outcome.status === 'accepted') {
        accepted += 1;
        // An accepted removal leaves Amazon holding no business offer: `accepted` empty.
        updates.push({ sku: price.sku, itemNumber: price.itemNumber, key: offerKey(price.marketplaceId, price.audience), fields: { currency: price.currency, accepted: price.remove === true ? '' : offerValue(price), acceptedAt: now, error: '' } });
        continue;
      }
      errors += 1;
      const first = outcome.issues.find((i) => i.severity === 'ERROR') ?? outcome.issues[0];
      updates.push({ sku: price.sku, itemNumber: price.itemNumber, key: offerKey(price.marketplaceId, price.audience), fields: { currency: price.currency, error: first?.code || 'ERROR' } });
      await ports.parked.park({
        flow: PRICE_FLOW, id: parkedPriceId(sellerId, price.marketplaceId, price.sku, price.audience), reason: first?.code || 'AMAZON_ERROR',
        message: outcome.issues.map((i) => `${i.code}: ${i.message}`).join('; '), sourceRef: `inventory-feed:${feedId}`,
        source: { ...price, messageId: outcome.messageId }, details: { sellerId, region, group, feedId },
      });
      parked += 1;
    }
    await ports.states.merge(sellerId, region, group, updates);
  } else {
    errors = prepared.prices.length;
  }
  await ports.pending.removeSent(sellerId, region, group, prepared.prices);
  if (accepted > 0) await ports.counters.increment(PRICE_FLOW, 'accepted', accepted);
  if (errors > 0) await ports.counters.increment(PRICE_FLOW, 'error', errors);
  return { accepted, errors, parked };
}
